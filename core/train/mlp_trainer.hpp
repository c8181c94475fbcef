// What the gradient-style trainers share (backpropagation and feedback
// alignment, difference target propagation, online alternating
// minimization): one multilayer perceptron trained in mini-batches, whose
// weights are what a run evaluates, shows and keeps as checkpoints. ER keeps
// its own layers (er_trainer.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "train/trainer.hpp"

namespace mulab {

// The network and batches every such trainer is configured with.
struct MlpTrainerConfig {
  std::vector<int> sizes{784, 500, 500, 10};  // inputs, hidden widths, classes
  Activation activation = Activation::kRelu;   // of the hidden layers
  int batch = 200;
  uint64_t seed = 1;
};

class MlpTrainer : public Trainer {
 public:
  Matrix scores(const Eigen::Ref<const Matrix>& X) const override { return net_.logits(X); }
  long weightUpdates() const override { return updates_; }
  const Matrix& firstLayerWeights() const override { return net_.layers().front().W; }
  std::vector<DenseLayer> networkLayers() const override { return net_.layers(); }
  Activation networkActivation() const override { return net_.activation(); }

 protected:
  MlpTrainer(const std::vector<int>& sizes, Activation activation, uint64_t seed)
      : net_(sizes, activation, seed) {}

  Mlp net_;
  long updates_ = 0;  // optimizer steps so far
};

}  // namespace mulab
