#include "landscape/plane_evaluator.hpp"

#include "util/compute_threads.hpp"

#include "util/parallel_for.hpp"

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
                               std::shared_ptr<const EvalSubset> subset, int threads)
    : shape_(std::move(shape)), basis_(std::move(basis)), subset_(std::move(subset)) {
  // Fixed blocks of samples, so the bits do not depend on the thread count.
  constexpr long kBlock = 256;
  const long n = subset_->size(), blocks = (n + kBlock - 1) / kBlock;
  first_.assign(basis_.size(), Matrix(shape_.sizes[1], n));
  parallelFor(long(basis_.size()) * blocks, threads >= 1 ? threads : availableCores(), [&](long item) {
    const Vector& p = *basis_[size_t(item / blocks)];
    const long first = (item % blocks) * kBlock, count = std::min(kBlock, n - first);
    auto z = first_[size_t(item / blocks)].middleCols(first, count);
    z.noalias() = weightView(shape_, p, 0) * subset_->X.middleCols(first, count);
    z.colwise() += Vector(biasView(shape_, p, 0));
  });
}

namespace {

// out = c0 x0 + c1 x1 + c2 x2 (as many terms as given) in one pass over
// memory: ((c0 x0 + c1 x1) + c2 x2) per element, the same bits as adding the
// terms one pass at a time.
template <class Out, class In>
void combine(Out& out, const std::array<float, 3>& c, const std::array<In, 3>& x, size_t n) {
  if (n == 3) {
    out = c[0] * x[0] + c[1] * x[1] + c[2] * x[2];
  } else if (n == 2) {
    out = c[0] * x[0] + c[1] * x[1];
  } else {
    out = c[0] * x[0];
  }
}

}  // namespace

LossAndError PlaneEvaluator::at(std::array<double, 3> cd) const {
  const size_t n_layers = shape_.layerCount();
  const size_t nb = basis_.size();
  const std::array<float, 3> c{float(cd[0]), float(cd[1]), float(cd[2])};
  // The weights of every layer above the first, formed once. Row-major like
  // the flat vectors, so forming W is a contiguous scaled sum.
  auto basis = [&](size_t k) { return basis_[std::min(k, nb - 1)]; };
  std::vector<RowMatrix> W(n_layers);
  std::vector<Vector> b(n_layers);
  for (size_t l = 1; l < n_layers; ++l) {
    combine(W[l], c,
            std::array<WeightView, 3>{weightView(shape_, *basis(0), l), weightView(shape_, *basis(1), l),
                                      weightView(shape_, *basis(2), l)},
            nb);
    combine(b[l], c,
            std::array<BiasView, 3>{biasView(shape_, *basis(0), l), biasView(shape_, *basis(1), l),
                                    biasView(shape_, *basis(2), l)},
            nb);
  }
  // Samples in column blocks, each carried through every layer while its
  // activations stay in the core's L2 (500 x 256 floats = 512 kB; blocks of
  // 128 measured 3% slower). Over all 1,000 samples at once each layer's
  // activations (2 MB) went to memory and back between every elementwise
  // pass and product: the 41 x 41 grid took 6.8 s instead of 5.6 s.
  constexpr long kCols = 256;
  const long n = subset_->size();
  Matrix logits(shape_.sizes.back(), n), h, a;
  using MatRef = Eigen::Ref<const Matrix>;
  for (long first = 0; first < n; first += kCols) {
    const long count = std::min(kCols, n - first);
    auto cols = [&](size_t k) -> MatRef { return first_[std::min(k, nb - 1)].middleCols(first, count); };
    // Layer 1 from the stored products (nb <= 3; the unused entries repeat the first).
    combine(h, c, std::array<MatRef, 3>{cols(0), cols(1), cols(2)}, nb);
    for (size_t l = 1; l < n_layers; ++l) {
      if (shape_.activation == Activation::kRelu) {
        a = h.cwiseMax(0.0f);
      } else {
        applyActivation(shape_.activation, h, a);
      }
      h.noalias() = W[l] * a;
      h.colwise() += b[l];
    }
    logits.middleCols(first, count) = h;
  }
  return lossOf(logits, *subset_);
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
