#include "train/er_trainer.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numeric>


namespace mulab {
namespace {

// Spins +1 for the sample's class, -1 elsewhere (one-vs-rest).
Matrix spinsFor(std::span<const uint8_t> labels, long first, long count) {
  Matrix s = Matrix::Constant(10, count, -1.0f);
  for (long j = 0; j < count; ++j) s(labels[first + j], j) = 1.0f;
  return s;
}

// [a; 1]: the activations with a row of ones for the bias.
Matrix withBias(const Matrix& a) {
  Matrix out(a.rows() + 1, a.cols());
  out.topRows(a.rows()) = a;
  out.row(a.rows()).setOnes();
  return out;
}

}  // namespace

void ErTrainer::reflect(const Matrix& h, const Matrix& s, Matrix& target) {
  target.resize(h.rows(), h.cols());
  for (Eigen::Index i = 0; i < h.size(); ++i) {
    const float hv = h.data()[i], sv = s.data()[i];
    const float shat = std::tanh(0.5f * hv);
    // h -> 0: h s / tanh(h/2) -> 2 s. Saturated s_hat = +-1 gives +-h: finite.
    target.data()[i] = std::abs(hv) < 1e-6f ? 2.0f * sv : hv * sv / shat;
  }
}

ErTrainer::ErTrainer(const ErConfig& config, const Dataset& train)
    : config_(config), train_(train), batches_(train, config.batch, config.seed) {
  const long n = train.size();
  const int in = static_cast<int>(train.images.rows());
  mean_ = train.images.rowwise().mean();
  inv_std_.resize(in);
  for (int p = 0; p < in; ++p) {
    const float var = (train.images.row(p).array() - mean_[p]).square().sum() / float(std::max(1L, n));
    // Constant pixels (MNIST's borders) carry nothing: map them to 0.
    inv_std_[p] = var > 1e-8f ? 1.0f / std::sqrt(var) : 0.0f;
  }
  if (!config.standardise_inputs) {
    mean_.setZero();
    inv_std_.setOnes();
  }
  std::vector<int> sizes{in};
  sizes.insert(sizes.end(), config.hidden.begin(), config.hidden.end());
  sizes.push_back(10);
  // Hidden layers start from a random projection (tanh features); the output
  // layer from zero, so the first solve is plain least squares onto +-2 targets.
  Mlp init(sizes, Activation::kTanh, config.seed);
  layers_ = init.layers();
  for (size_t l = 0; l + 1 < layers_.size(); ++l) {
    layers_[l].W *= static_cast<float>(config.init_scale);
    layers_[l].b *= static_cast<float>(config.init_scale);
  }
  layers_.back().W.setZero();
  layers_.back().b.setZero();
  gram_.resize(layers_.size());
  gram_fixed_.assign(layers_.size(), false);
}

std::vector<DenseLayer> ErTrainer::networkLayers() const {
  std::vector<DenseLayer> out = layers_;
  // a0 = (x - mean) .* inv_std, so W a0 + b = (W diag(inv_std)) x + (b - W (mean .* inv_std)).
  DenseLayer& first = out.front();
  first.b -= first.W * mean_.cwiseProduct(inv_std_);
  first.W = first.W * inv_std_.asDiagonal();
  return out;
}

long ErTrainer::chunks() const { return (train_.size() + config_.batch - 1) / config_.batch; }

long ErTrainer::stepsPerEpoch() const {
  if (config_.incremental) return chunks();
  const long phases = static_cast<long>(layers_.size()) + (layers_.size() > 1 ? 1 : 0);
  return converged_ ? 1 : phases * (chunks() + 1);
}

std::string ErTrainer::describe() const {
  std::string arch = std::to_string(train_.images.rows());
  for (int h : config_.hidden) arch += "-" + std::to_string(h);
  arch += "-10";
  char buf[64];
  std::snprintf(buf, sizeof buf, ", ridge %g", config_.ridge);
  return "ER " + arch + (config_.hidden.empty() ? "" : " tanh") + buf +
         (config_.incremental ? ", incremental, batch " + std::to_string(config_.batch)
                              : ", full batch");
}

void ErTrainer::beginEpoch(int) {
  cost_sum_ = 0;
  cost_samples_ = 0;
  if (config_.incremental) batches_.shuffle();
}

Matrix ErTrainer::standardised(const Eigen::Ref<const Matrix>& X) const {
  return ((X.colwise() - mean_).array().colwise() * inv_std_.array()).matrix();
}

void ErTrainer::forward(const Eigen::Ref<const Matrix>& X, std::vector<Matrix>& h,
                        std::vector<Matrix>& a) const {
  const size_t n = layers_.size();
  h.resize(n + 1);
  a.resize(n + 1);
  a[0] = standardised(X);
  for (size_t l = 0; l < n; ++l) {
    h[l + 1].noalias() = layers_[l].W * a[l];
    h[l + 1].colwise() += layers_[l].b;
    if (l + 1 < n) a[l + 1] = h[l + 1].array().tanh();
  }
}

Matrix ErTrainer::scores(const Eigen::Ref<const Matrix>& X) const {
  std::vector<Matrix> h, a;
  forward(X, h, a);
  return std::move(h.back());  // argmax sigma(h_k) = argmax h_k
}

// Layers are solved top down: phase p of an epoch solves layer L-1-p. Each
// phase streams the data in chunks (accumulate) and ends with one solve.
StepStats ErTrainer::step(long index) {
  if (config_.incremental) return incrementalStep(index);
  StepStats stats;
  if (converged_) return stats;
  const long per_phase = chunks() + 1;
  const int phase = static_cast<int>(index / per_phase);
  const long in_phase = index % per_phase;
  const int L = static_cast<int>(layers_.size());
  // Phases solve layers L-1, ..., 0; a multilayer iteration then re-solves the
  // output layer on the refreshed hidden activations (bottom-up refresh), so
  // it never ends with a stale top layer.
  const int layer = phase < L ? L - 1 - phase : L - 1;
  if (in_phase < chunks()) {
    accumulate(in_phase, layer, stats);
    return stats;
  }
  if (phase == 0) {
    // Stop rule of 3.1: the first pass measured the cost of the current
    // weights; if the last iteration did not lower it, undo it and stop.
    last_cost_ = cost_samples_ ? cost_sum_ / double(cost_samples_) : INFINITY;
    if (last_cost_ >= best_cost_) {
      layers_ = best_layers_;
      converged_ = true;
      return stats;
    }
    best_cost_ = last_cost_;
    best_layers_ = layers_;
  }
  solve(layer);
  return stats;
}

// Cost and accuracy of the output fields on a chunk (the 3.1 stop rule's cost).
void ErTrainer::recordCost(const Matrix& out, const Matrix& spins,
                           std::span<const uint8_t> labels, StepStats& stats) {
  const auto sig = (1.0f + (-out.array()).exp()).inverse();
  const auto y01 = (spins.array() + 1.0f) * 0.5f;
  const double sq = (sig - y01).square().sum() / 10.0;
  stats.loss_sum = sq;
  stats.samples = out.cols();
  const std::vector<int> pred = argmaxColumns(out);
  for (long j = 0; j < out.cols(); ++j) stats.correct += pred[j] == labels[j];
  cost_sum_ += sq;
  cost_samples_ += out.cols();
}

// h* of `layer`'s output: the reflected output fields, pushed down through the
// damped pseudo-inverse and the secant inverse of tanh of each layer above.
Matrix ErTrainer::targetFor(int layer, const std::vector<Matrix>& h, const std::vector<Matrix>& a,
                            const Matrix& spins) const {
  const int L = static_cast<int>(layers_.size());
  Matrix target;
  reflect(h[L], spins, target);
  for (int l = L - 1; l > layer; --l) {
    // a*_{l} = a_l + W_l+ (h*_{l+1} - h_{l+1}), W+ = W^T (W W^T + d I)^-1 (damped).
    const Matrix& W = layers_[l].W;
    Matrix wwt = W * W.transpose();
    wwt.diagonal().array() += static_cast<float>(config_.pinv_damping);
    const Matrix correction = W.transpose() * wwt.ldlt().solve(target - h[l + 1]);
    const float lim = 1.0f - static_cast<float>(config_.clip);
    const Matrix a_star = (a[l] + correction).cwiseMax(-lim).cwiseMin(lim);
    // Secant inverse of tanh: h* = h a*/a, with h/a -> 1 as h -> 0.
    target.resize(a_star.rows(), a_star.cols());
    for (Eigen::Index i = 0; i < target.size(); ++i) {
      const float hv = h[l].data()[i], av = a[l].data()[i];
      const float ratio = std::abs(hv) < 1e-4f ? 1.0f : hv / av;
      target.data()[i] = a_star.data()[i] * ratio;
    }
  }
  return target;
}

void ErTrainer::accumulate(long chunk, int layer, StepStats& stats) {
  const long first = chunk * config_.batch;
  const long count = std::min<long>(config_.batch, train_.size() - first);
  std::vector<Matrix> h, a;
  forward(train_.images.middleCols(first, count), h, a);
  const int L = static_cast<int>(layers_.size());
  const Matrix spins = spinsFor(train_.labels, first, count);
  // The epoch's first pass records the cost of the weights before its solves.
  if (layer == L - 1 && cost_samples_ < train_.size()) {
    recordCost(h[L], spins, std::span(train_.labels).subspan(first, count), stats);
  }
  const Matrix target = targetFor(layer, h, a, spins);
  const Matrix ab = withBias(a[layer]);
  if (chunk == 0) {
    rhs_.setZero(ab.rows(), target.rows());
    if (!gram_fixed_[layer]) gram_[layer].setZero(ab.rows(), ab.rows());
  }
  rhs_ += (ab * target.transpose()).cast<double>();
  if (!gram_fixed_[layer]) {
    Matrix g(ab.rows(), ab.rows());
    g.noalias() = ab * ab.transpose();
    gram_[layer] += g.cast<double>();
  }
}

// Mini-batch variant: every layer, top down, takes the ridge step
// W += ridge(A_batch, h* - h) on this chunk alone, with the forward pass
// recomputed after each step (bottom-up refresh of the layers above).
StepStats ErTrainer::incrementalStep(long chunk) {
  StepStats stats;
  Matrix X;
  std::vector<uint8_t> labels;
  const long count = batches_.gather(chunk, X, labels);
  Matrix spins = Matrix::Constant(10, count, -1.0f);
  for (long j = 0; j < count; ++j) spins(labels[j], j) = 1.0f;
  const int L = static_cast<int>(layers_.size());
  std::vector<Matrix> h, a;
  forward(X, h, a);
  recordCost(h[L], spins, labels, stats);
  for (int layer = L - 1; layer >= 0; --layer) {
    if (layer < L - 1) forward(X, h, a);
    const Matrix target = targetFor(layer, h, a, spins);
    const Matrix ab = withBias(a[layer]);
    const long n_in = layers_[layer].W.cols();
    Matrix g(ab.rows(), ab.rows());
    g.noalias() = ab * ab.transpose();
    Eigen::MatrixXd G = g.cast<double>();
    G.diagonal().head(n_in).array() += config_.ridge;
    const Eigen::MatrixXd delta =
        G.ldlt().solve((ab * (target - h[layer + 1]).transpose()).cast<double>());
    layers_[layer].W += delta.topRows(n_in).transpose().cast<float>();
    layers_[layer].b += delta.row(n_in).transpose().cast<float>();
    ++solves_;
  }
  return stats;
}

void ErTrainer::solve(int layer) {
  const long n_in = layers_[layer].W.cols();
  // The input layer's statistics do not change between epochs: keep them.
  if (layer == 0) gram_fixed_[0] = true;
  Eigen::MatrixXd A = gram_[layer];
  A.diagonal().head(n_in).array() += config_.ridge;  // bias unpenalised
  // Constant-zero rows (dead pixels) would make A singular without the ridge;
  // with it A is positive definite, so LDLT is safe and fast.
  const Eigen::MatrixXd sol = A.ldlt().solve(rhs_);  // (n_in + 1) x out
  layers_[layer].W = sol.topRows(n_in).transpose().cast<float>();
  layers_[layer].b = sol.row(n_in).transpose().cast<float>();
  ++solves_;
}

}  // namespace mulab
