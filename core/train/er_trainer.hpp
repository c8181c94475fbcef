// Expectation Reflection (Kim, Soh, Jo, Periwal, "Multiplicative Learning",
// arXiv 2503.10144), as spec section 3.
//
// Single layer (3.1, verified): one-vs-rest spins s = +-1, h = b + W x,
// s_hat = tanh(h/2), reflected target h* = h s / s_hat (2s where h = 0), and a
// ridge least-squares solve of h* on x; no learning rate, no loss gradient.
//
// Multilayer (3.2, RECONSTRUCTED, not the paper's own text): solve layers top
// down; below the output the target is pushed through the damped
// pseudo-inverse of the layer above, a* = a + W+ (h* - h), clipped into tanh's
// open range, and reflected with the secant inverse h* = h a*/a. Every solve
// uses the full-batch sufficient statistics [a;1][a;1]^T and [a;1] h*^T,
// accumulated in one streaming pass with the forward pass recomputed after
// each solve (bottom-up refresh). A mini-batch variant takes incremental ridge
// steps per chunk instead.
#pragma once

#include <Eigen/Cholesky>

#include "train/batches.hpp"
#include "train/trainer.hpp"

namespace mulab {

struct ErConfig {
  std::vector<int> hidden;  // empty: single-layer ER
  double ridge = 10.0;      // lambda on the weights (biases unpenalised)
  double pinv_damping = 1e-3;  // added to W W^T before inverting in W+
  double clip = 1e-3;          // a* is clipped into (-1 + clip, 1 - clip)
  int batch = 2000;            // chunk size of the streaming passes
  uint64_t seed = 1;
  bool standardise_inputs = true;  // per-pixel (x - mean) / std
  // Hidden weights start at init_scale x U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  double init_scale = 1.0;
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

  // True once an iteration failed to lower the cost and was undone (3.1 stop
  // rule); the weights are then those of the lowest cost.
  bool converged() const { return converged_; }
  bool done() const override { return converged_; }
  // Mean over samples and classes of (sigmoid(h) - y)^2 in the last full pass.
  double lastCost() const { return last_cost_; }

  // The reflection of spec 3.1, exposed for tests: h* for fields h and spins s.
  static void reflect(const Matrix& h, const Matrix& spins, Matrix& target);

 private:
  void forward(const Eigen::Ref<const Matrix>& X, std::vector<Matrix>& h,
               std::vector<Matrix>& a) const;
  Matrix standardised(const Eigen::Ref<const Matrix>& X) const;
  void accumulate(long chunk, int layer, StepStats& stats);
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
  std::vector<Eigen::MatrixXd> gram_;  // per layer: [a;1][a;1]^T (double for the solve)
  Eigen::MatrixXd rhs_;                // [a;1] h*^T of the layer being solved
  std::vector<bool> gram_fixed_;       // the input layer's Gram never changes
  double cost_sum_ = 0, last_cost_ = INFINITY, best_cost_ = INFINITY;
  long cost_samples_ = 0;
  long solves_ = 0;
  ShuffledBatches batches_;  // the incremental variant's chunks
  bool converged_ = false;
};

}  // namespace mulab
