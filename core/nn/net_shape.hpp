// A network's parameters as one flat float vector, the form checkpoints,
// directions and the PCA plane are computed in. The order is the order of the
// checkpoint files (docs/landscape.md): for each layer l = 1..L, W_l (out x in)
// in C (row-major) order, then b_l (out). A numpy user rebuilds the same
// vector with np.concatenate([a.ravel() for a in (W1, b1, W2, b2, ...)]).
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "nn/mlp.hpp"

namespace mulab {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using WeightView = Eigen::Map<const RowMatrix>;
using BiasView = Eigen::Map<const Vector>;

struct NetShape {
  std::vector<int> sizes;  // {inputs, hidden..., outputs}
  Activation activation = Activation::kRelu;

  size_t layerCount() const { return sizes.empty() ? 0 : sizes.size() - 1; }
  long parameterCount() const;
  // Offsets of W_l and b_l (l counted from 0) in the flat vector.
  long weightOffset(size_t l) const;
  long biasOffset(size_t l) const { return weightOffset(l) + long(sizes[l + 1]) * sizes[l]; }
  // "784-500-500-10 relu"
  std::string describe() const;
  bool operator==(const NetShape&) const = default;
};

// Views into a flat vector laid out by `shape` (no copy).
WeightView weightView(const NetShape& shape, const Vector& theta, size_t l);
BiasView biasView(const NetShape& shape, const Vector& theta, size_t l);

// Layers -> flat vector and back.
Vector flatten(const std::vector<DenseLayer>& layers);
std::vector<DenseLayer> unflatten(const NetShape& shape, const Vector& theta);

// The shape of a list of layers with the given hidden activation.
NetShape shapeOf(const std::vector<DenseLayer>& layers, Activation activation);

}  // namespace mulab
