// What the gradient-style trainers share (backpropagation and feedback
// alignment, difference target propagation, online alternating
// minimization): one multilayer perceptron trained in mini-batches, whose
// weights are what a run evaluates, shows and keeps as checkpoints. ER keeps
// its own layers (er_trainer.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "train/batches.hpp"
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
  // Every epoch visits the training set once, in a new order.
  void beginEpoch(int epoch) override {
    (void)epoch;
    batches_.shuffle();
  }
  long stepsPerEpoch() const override { return batches_.count(); }
  Matrix scores(const Eigen::Ref<const Matrix>& X) const override { return net_.logits(X); }
  long weightUpdates() const override { return updates_; }
  const Matrix& firstLayerWeights() const override { return net_.layers().front().W; }
  std::vector<DenseLayer> networkLayers() const override { return net_.layers(); }
  Activation networkActivation() const override { return net_.activation(); }

 protected:
  // `activation` may differ from config.activation (DTP's network is tanh).
  MlpTrainer(const MlpTrainerConfig& config, Activation activation, const Dataset& train)
      : train_(train), net_(config.sizes, activation, config.seed), batches_(train, config.batch, config.seed) {}

  const Dataset& train_;
  Mlp net_;
  ShuffledBatches batches_;
  long updates_ = 0;  // optimizer steps so far
};

}  // namespace mulab
