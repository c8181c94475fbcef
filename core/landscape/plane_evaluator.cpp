#include "landscape/plane_evaluator.hpp"

namespace mulab {
namespace {

LossAndError lossOf(const Matrix& logits, const EvalSubset& s) {
  Matrix probs;
  long correct = 0;
  const double sum = softmaxCrossEntropy(logits, s.labels, probs, correct);
  const double n = double(s.size());
  return {sum / n, 1.0 - double(correct) / n};
}

}  // namespace

PlaneEvaluator::PlaneEvaluator(NetShape shape, std::vector<const Vector*> basis,
                               std::shared_ptr<const EvalSubset> subset)
    : shape_(std::move(shape)), basis_(std::move(basis)), subset_(std::move(subset)) {
  for (const Vector* p : basis_) {
    Matrix z;
    z.noalias() = weightView(shape_, *p, 0) * subset_->X;
    z.colwise() += Vector(biasView(shape_, *p, 0));
    first_.push_back(std::move(z));
  }
}

LossAndError PlaneEvaluator::at(std::array<double, 3> c) const {
  const size_t n_layers = shape_.layerCount();
  const size_t nb = basis_.size();
  // Layer 1 from the stored products: float arithmetic, one scaled add each.
  Matrix h = float(c[0]) * first_[0];
  for (size_t k = 1; k < nb; ++k) h += float(c[k]) * first_[k];
  // Row-major like the flat vectors, so forming W is a contiguous scaled sum.
  Matrix a;
  RowMatrix W;
  Vector b;
  for (size_t l = 1; l < n_layers; ++l) {
    applyActivation(shape_.activation, h, a);
    W = float(c[0]) * weightView(shape_, *basis_[0], l);
    b = float(c[0]) * biasView(shape_, *basis_[0], l);
    for (size_t k = 1; k < nb; ++k) {
      W += float(c[k]) * weightView(shape_, *basis_[k], l);
      b += float(c[k]) * biasView(shape_, *basis_[k], l);
    }
    h.noalias() = W * a;
    h.colwise() += b;
  }
  return lossOf(h, *subset_);
}

LossAndError networkLoss(const NetShape& shape, const Vector& theta, const EvalSubset& subset) {
  std::vector<DenseLayer> layers = unflatten(shape, theta);
  Matrix a = subset.X, h;
  for (size_t l = 0; l < layers.size(); ++l) {
    h.noalias() = layers[l].W * a;
    h.colwise() += layers[l].b;
    if (l + 1 < layers.size()) applyActivation(shape.activation, h, a);
  }
  return lossOf(h, subset);
}

}  // namespace mulab
