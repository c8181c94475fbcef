// The interface every training method implements, so one run loop (and one
// run manager) drives BP, ER and AltMin alike. An epoch is a fixed number of
// steps; the loop checks for stop/pause between steps, so a step should take
// well under 100 ms.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "data/dataset.hpp"
#include "nn/mlp.hpp"

namespace mulab {

struct StepStats {
  double loss_sum = 0;  // summed over the samples of the step (NaN if the method has no loss)
  long correct = 0;     // argmax hits on the step's training samples
  long samples = 0;     // training samples this step looked at
};

class Trainer {
 public:
  virtual ~Trainer() = default;

  virtual void beginEpoch(int epoch) = 0;
  virtual long stepsPerEpoch() const = 0;
  virtual StepStats step(long index) = 0;

  // Class scores (10 x n) for evaluation; argmax is the prediction.
  virtual Matrix scores(const Eigen::Ref<const Matrix>& X) const = 0;
  // Optimizer steps (BP, AltMin) or layer solves (ER) so far.
  virtual long weightUpdates() const = 0;
  virtual std::string describe() const = 0;
  // First layer's weight matrix (hidden x 784), for the GUI's weight tiles.
  virtual const Matrix& firstLayerWeights() const = 0;
  // True when the method has stopped by its own rule (ER's cost stopped falling).
  virtual bool done() const { return false; }
  // The network as plain dense layers on raw pixels (h = W a + b, hidden
  // activation networkActivation(), class scores out), for checkpoints and
  // loss landscapes; a copy, taken between steps. Empty if there is none.
  virtual std::vector<DenseLayer> networkLayers() const { return {}; }
  virtual Activation networkActivation() const { return Activation::kRelu; }
  // True when the last step changed the weights in a way worth a test point
  // of its own (ER: right after each layer solve); the run loop evaluates then.
  virtual bool evaluateNow() const { return false; }
};

}  // namespace mulab
