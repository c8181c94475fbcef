// Expectation Reflection (Kim, Soh, Jo, Periwal, "Multiplicative Learning",
// arXiv 2503.10144), as docs/algorithms.md, §3.
//
// Single layer (3.1, verified): one-vs-rest spins s = +-1, h = b + W x,
// s_hat = tanh(h/2), reflected target h* = h s / s_hat (2s where h = 0), and a
// ridge least-squares solve of h* on x; no learning rate, no loss gradient.
// The group's public code (3.3) adds a softmax reflection, the solve on
// centred data and a random start; both are options (er_reflection.hpp,
// er_gram.hpp).
//
// Multilayer (3.2, RECONSTRUCTED, not the paper's own text): solve layers top
// down; below the output the target is pushed through the damped
// pseudo-inverse of the layer above and inverted through tanh
// (er_reflection.hpp). Every solve uses full-batch sufficient statistics,
// accumulated in one streaming pass with the forward pass recomputed after
// each solve (bottom-up refresh); the output layer is solved again at the end
// of each iteration on the refreshed hidden layer. With hidden_update kNone
// the hidden layers stay random: the random-feature (extreme learning
// machine) baseline the hidden solve must beat. A mini-batch variant takes
// incremental ridge steps per chunk instead.
#pragma once

#include "train/batches.hpp"
#include "train/er_gram.hpp"
#include "train/er_reflection.hpp"
#include "train/trainer.hpp"

namespace mulab {

enum class ErInputScaling {
  kPixel,   // per pixel (x - mean) / std; constant pixels -> 0
  kGlobal,  // per pixel x - mean, then one global scale to unit mean variance
  kRaw,     // the pixels as loaded, in [0, 1]
};
enum class ErHiddenUpdate { kPinv, kNone };

struct ErConfig {
  std::vector<int> hidden;     // empty: single-layer ER
  double ridge = 10.0;         // lambda of the output solve (biases unpenalised)
  double hidden_ridge = 10.0;  // lambda of the hidden solves
  RidgeForm ridge_form = RidgeForm::kAugmented;
  ErOutputReflection output = ErOutputReflection::kTanh;
  ErHiddenUpdate hidden_update = ErHiddenUpdate::kPinv;
  HiddenTargetRule hidden_rule;
  ErInputScaling input = ErInputScaling::kPixel;
  int batch = 2000;  // chunk size of the streaming passes
  uint64_t seed = 1;
  // Hidden weights start at N(0, init_scale^2 / fan_in), biases N(0, bias_scale^2).
  double init_scale = 1.0;
  double bias_scale = 0.5;
  // The output layer starts at zero (the first solve is least squares onto
  // +-2 targets) or, as the group's code does, at N(0, 1 / fan_in).
  bool random_output_start = false;
  // false: full-batch sufficient statistics, one solve per layer per pass.
  // true: mini-batch ridge steps W += ridge(A_batch, h* - h) on each chunk.
  bool incremental = false;
};

class ErTrainer final : public Trainer {
 public:
  ErTrainer(const ErConfig& config, const Dataset& train);

  void beginEpoch(int epoch) override;
  long stepsPerEpoch() const override;
  StepStats step(long index) override;
  Matrix scores(const Eigen::Ref<const Matrix>& X) const override;
  long weightUpdates() const override { return solves_; }
  std::string describe() const override;
  const Matrix& firstLayerWeights() const override { return layers_.front().W; }
  // The layers with the input standardisation folded into the first one, so
  // they act on raw pixels like every other method's.
  std::vector<DenseLayer> networkLayers() const override;
  Activation networkActivation() const override { return Activation::kTanh; }
  // True right after a layer solve, so the run loop records one test point per solve.
  bool evaluateNow() const override { return just_solved_; }

  // True once an iteration failed to lower the cost and was undone (3.1 stop
  // rule); the weights are then those of the lowest cost.
  bool converged() const { return converged_; }
  bool done() const override { return converged_; }
  // Mean over samples and classes of (sigmoid(h) - y)^2 (softmax output:
  // (p - y)^2) in the last full pass.
  double lastCost() const { return last_cost_; }

  // The reflection of §3.1, exposed for tests: h* for fields h and spins s.
  static void reflect(const Matrix& h, const Matrix& spins, Matrix& target) {
    reflectTanh(h, spins, target);
  }

 private:
  void forward(const Eigen::Ref<const Matrix>& X, std::vector<Matrix>& h,
               std::vector<Matrix>& a) const;
  Matrix standardised(const Eigen::Ref<const Matrix>& X) const;
  std::vector<int> schedule() const;  // the layers one iteration solves, in order
  void accumulate(long chunk, int layer, bool first_phase, StepStats& stats);
  StepStats incrementalStep(long chunk);
  Matrix targetFor(int layer, const std::vector<Matrix>& h, const std::vector<Matrix>& a,
                   const Matrix& spins) const;
  void recordCost(const Matrix& out, const Matrix& spins, std::span<const uint8_t> labels,
                  StepStats& stats);
  void solve(int layer);
  long chunks() const;

  ErConfig config_;
  const Dataset& train_;
  std::vector<DenseLayer> layers_, best_layers_;
  Vector mean_, inv_std_;
  // The input layer's Gram never changes, so it keeps its own statistics;
  // every other layer shares one set, so memory stays one (H+1)^2 matrix.
  RidgeStatistics input_stats_, stats_;
  double cost_sum_ = 0, last_cost_ = INFINITY, best_cost_ = INFINITY;
  long cost_samples_ = 0;
  long solves_ = 0;
  ShuffledBatches batches_;  // the incremental variant's chunks
  bool converged_ = false, just_solved_ = false;
  bool input_gram_done_ = false;  // the inputs' Gram is complete and kept
  int shared_gram_layer_ = -1;    // the layer whose Gram stats_ holds, if still valid
};

}  // namespace mulab
