#include "nn/net_shape.hpp"

namespace mulab {

long NetShape::parameterCount() const {
  long n = 0;
  for (size_t l = 0; l < layerCount(); ++l) n += long(sizes[l + 1]) * (sizes[l] + 1);
  return n;
}

long NetShape::weightOffset(size_t l) const {
  long off = 0;
  for (size_t k = 0; k < l; ++k) off += long(sizes[k + 1]) * (sizes[k] + 1);
  return off;
}

std::string NetShape::describe() const {
  std::string s;
  for (size_t i = 0; i < sizes.size(); ++i) s += (i ? "-" : "") + std::to_string(sizes[i]);
  return s + " " + std::string(toString(activation));
}

WeightView weightView(const NetShape& shape, const Vector& theta, size_t l) {
  return WeightView(theta.data() + shape.weightOffset(l), shape.sizes[l + 1], shape.sizes[l]);
}

BiasView biasView(const NetShape& shape, const Vector& theta, size_t l) {
  return BiasView(theta.data() + shape.biasOffset(l), shape.sizes[l + 1]);
}

Vector flatten(const std::vector<DenseLayer>& layers) {
  long n = 0;
  for (const DenseLayer& d : layers) n += d.W.size() + d.b.size();
  Vector theta(n);
  long at = 0;
  for (const DenseLayer& d : layers) {
    Eigen::Map<RowMatrix>(theta.data() + at, d.W.rows(), d.W.cols()) = d.W;
    at += d.W.size();
    theta.segment(at, d.b.size()) = d.b;
    at += d.b.size();
  }
  return theta;
}

std::vector<DenseLayer> unflatten(const NetShape& shape, const Vector& theta) {
  std::vector<DenseLayer> layers;
  for (size_t l = 0; l < shape.layerCount(); ++l) {
    layers.push_back({weightView(shape, theta, l), biasView(shape, theta, l)});
  }
  return layers;
}

NetShape shapeOf(const std::vector<DenseLayer>& layers, Activation activation) {
  NetShape s;
  s.activation = activation;
  if (layers.empty()) return s;
  s.sizes.push_back(int(layers.front().W.cols()));
  for (const DenseLayer& d : layers) s.sizes.push_back(int(d.W.rows()));
  return s;
}

}  // namespace mulab
