// Online alternating minimization with auxiliary variables (Choromanska et
// al., "Beyond Backprop", ICML 2019, arXiv 1806.09077), as docs/algorithms.md, §4, and
// the authors' online-alt-min code: per mini-batch, the hidden pre-activations
// ("codes") are optimised top-down for a few Nesterov-SGD steps, then every
// layer takes one local optimizer step towards its codes, independently.
//   top code:    (1/mu) CE(W_out s(c_L) + b, y) + mse(c_L, c_L^0)
//   lower codes: mse(W_{l+1} s(c_l) + b, c_{l+1}^new) + mse(c_l, c_l^0)
//   weights:     CE for the output layer, mse(W_l s(c_{l-1}^new) + b, c_l^new) below
// (mse = mean over all elements, CE = mean over the batch, as in the authors' code.)
#pragma once

#include <random>

#include "optim/gofau_optimizer.hpp"
#include "train/batches.hpp"
#include "train/mlp_trainer.hpp"

namespace mulab {

// The weights' step size of the paper's MNIST runs (Choromanska et al. 2019).
inline constexpr double kAltMinLearningRate = 0.008;

struct AltMinConfig : MlpTrainerConfig {
  double mu = 0.003;
  int code_steps = 5;
  double code_lr = 0.3;
  double code_momentum = 0.9;
  int lr_halving_epochs = 8;  // weight learning rates halve every this many epochs
  OptimizerConfig weight_optimizer = [] {
    OptimizerConfig c;  // Adam, additive
    c.lr = kAltMinLearningRate;
    return c;
  }();
};

class AltMinTrainer final : public MlpTrainer {
 public:
  AltMinTrainer(const AltMinConfig& config, const Dataset& train);

  void beginEpoch(int epoch) override;
  StepStats step(long index) override;
  std::string describe() const override;

 private:
  void rebuildOptimizers(double lr);

  AltMinConfig config_;
  std::vector<OptimizerXf> opt_w_, opt_b_;
  Matrix batch_x_;
  std::vector<uint8_t> batch_y_;
};

}  // namespace mulab
