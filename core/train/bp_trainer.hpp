// Backpropagation with softmax cross-entropy (Rumelhart, Hinton, Williams
// 1986), every weight matrix and bias vector updated by the GOFAU optimizer
// (arXiv 2307.07189), so additive, multiplicative and hybrid rules can be
// compared on real data. Feedback alignment (Lillicrap et al. 2016;
// docs/algorithms.md, §5) is the same loop with a fixed random matrix B_l in place of W_l^T.
#pragma once

#include <random>
#include <vector>

#include "optim/gamma_schedule.hpp"
#include "optim/gofau_optimizer.hpp"
#include "train/batches.hpp"
#include "train/mlp_trainer.hpp"

namespace mulab {

struct BpConfig : MlpTrainerConfig {
  OptimizerConfig optimizer;  // Adam, additive, lr 1e-3 by the CLI's default
  bool feedback_alignment = false;
  // Hybrid rule only (optim/gamma_schedule.hpp).
  GammaSchedule schedule;
};

class BpTrainer final : public MlpTrainer {
 public:
  BpTrainer(const BpConfig& config, const Dataset& train);

  void beginEpoch(int epoch) override;
  StepStats step(long index) override;
  std::string describe() const override;

  // Loss and gradients of a batch without updating (for gradient checks).
  double lossAndGradients(const Eigen::Ref<const Matrix>& X, std::span<const uint8_t> y,
                          std::vector<Matrix>& dW, std::vector<Vector>& db);
  Mlp& net() { return net_; }
  // The hybrid share in use (changes per epoch under a gamma schedule).
  double gamma() const { return opt_w_.front().config().gamma; }

 private:
  BpConfig config_;
  std::vector<OptimizerXf> opt_w_, opt_b_;
  std::vector<Matrix> feedback_;  // FA's fixed random B_l (out x in), one per layer above the first
  Mlp::Cache cache_;
  Matrix batch_x_, probs_, delta_, next_delta_;
  std::vector<uint8_t> batch_y_;
  std::vector<Matrix> dW_;
  std::vector<Vector> db_;
};

}  // namespace mulab
