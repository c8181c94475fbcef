// Difference target propagation (Lee, Zhang, Fischer, Bengio, "Difference
// Target Propagation", ECML-PKDD 2015, Algorithm 1), one of the baselines the
// ER paper compares against (docs/algorithms.md, §5).
//
// Network h_l = f_l(h_{l-1}) = tanh(W_l h_{l-1} + b_l), softmax output with
// cross-entropy L. Per mini-batch:
//   top target (eq. 15):  h*_{M-1} = h_{M-1} - eta_hat dL/dh_{M-1}
//   difference correction (eq. 13): h*_{l-1} = h_{l-1} + g_l(h*_l) - g_l(h_l)
//   learned inverses g_l(h_l) = tanh(V_l h_l + c_l), for every hidden layer
//     above the first, trained on ||g_l(f_l(h_{l-1} + e)) - (h_{l-1} + e)||^2,
//     e ~ N(0, sigma^2) (eq. 16)
//   layer-local losses ||f_l(h_{l-1}) - h*_l||^2 for hidden layers, L for the
//     output layer; each parameter set takes one GOFAU optimizer step.
#pragma once

#include <random>
#include <vector>

#include "optim/gofau_optimizer.hpp"
#include "train/batches.hpp"
#include "train/mlp_trainer.hpp"

namespace mulab {

// The network is tanh throughout (the paper's): `activation` is not used.
struct DtpConfig : MlpTrainerConfig {
  OptimizerConfig optimizer;  // Adam + additive, lr 1e-3 by the CLI's default
  double target_lr = 0.3;  // eta_hat
  double noise = 0.3;      // sigma of the inverses' corruption
};

class DtpTrainer final : public MlpTrainer {
 public:
  DtpTrainer(const DtpConfig& config, const Dataset& train);

  StepStats step(long index) override;
  std::string describe() const override;

  // Mean reconstruction error of the inverses on the last batch (for tests).
  double lastInverseLoss() const { return inverse_loss_; }

 private:
  DtpConfig config_;
  std::vector<DenseLayer> inverse_;  // g_l for l = 2..M-1, inverse_[l] maps h_l to h_{l-1}
  std::vector<OptimizerXf> opt_w_, opt_b_, opt_v_, opt_c_;
  std::mt19937_64 noise_rng_;
  Mlp::Cache cache_;
  Matrix batch_x_, probs_;
  std::vector<uint8_t> batch_y_;
  double inverse_loss_ = NAN;
};

}  // namespace mulab
