#include "train/er_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "train/er_options.hpp"

namespace mulab {
namespace {

// Spins +1 for the sample's class, -1 elsewhere (one-vs-rest).
Matrix spinsFor(std::span<const uint8_t> labels) {
  Matrix s = Matrix::Constant(10, static_cast<long>(labels.size()), -1.0f);
  for (size_t j = 0; j < labels.size(); ++j) s(labels[j], long(j)) = 1.0f;
  return s;
}


}  // namespace

ErTrainer::ErTrainer(const ErConfig& config, const Dataset& train)
    : config_(config), train_(train), batches_(train, config.batch, config.seed) {
  const long n = std::max(1L, train.size());
  const int in = static_cast<int>(train.images.rows());
  mean_ = train.images.rowwise().mean();
  Vector var(in);
  for (int p = 0; p < in; ++p)
    var[p] = (train.images.row(p).array() - mean_[p]).square().sum() / float(n);
  switch (config.input) {
    case ErInputScaling::kPixel:
      // Constant pixels (MNIST's borders) carry nothing: map them to 0.
      inv_std_ = var.unaryExpr([](float v) { return v > 1e-8f ? 1.0f / std::sqrt(v) : 0.0f; });
      break;
    case ErInputScaling::kGlobal:
      // One scale for all pixels keeps their relative contrast: rare border
      // pixels are not blown up to unit variance as per-pixel scaling does.
      inv_std_ = Vector::Constant(in, 1.0f / std::sqrt(std::max(1e-12f, var.mean())));
      break;
    case ErInputScaling::kRaw:
      mean_.setZero();
      inv_std_ = Vector::Ones(in);
      break;
  }
  std::vector<int> sizes{in};
  sizes.insert(sizes.end(), config.hidden.begin(), config.hidden.end());
  sizes.push_back(10);
  std::mt19937_64 rng(config.seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (size_t l = 0; l + 1 < sizes.size(); ++l) {
    const bool output = l + 2 == sizes.size();
    const float w_std = (output ? 1.0f : float(config.init_scale)) / std::sqrt(float(sizes[l]));
    const float b_std = output ? 0.0f : float(config.bias_scale);
    DenseLayer layer{Matrix(sizes[l + 1], sizes[l]), Vector(sizes[l + 1])};
    for (Eigen::Index i = 0; i < layer.W.size(); ++i) layer.W.data()[i] = w_std * normal(rng);
    for (Eigen::Index i = 0; i < layer.b.size(); ++i) layer.b[i] = b_std * normal(rng);
    layers_.push_back(std::move(layer));
  }
  // The output layer starts from zero unless asked otherwise, so the first
  // solve is plain least squares onto the +-2 targets.
  if (!config.random_output_start) layers_.back().W.setZero();
}

std::vector<DenseLayer> ErTrainer::networkLayers() const {
  std::vector<DenseLayer> out = layers_;
  // a0 = (x - mean) .* inv_std, so W a0 + b = (W diag(inv_std)) x + (b - W (mean .* inv_std)).
  DenseLayer& first = out.front();
  first.b -= first.W * mean_.cwiseProduct(inv_std_);
  first.W = first.W * inv_std_.asDiagonal();
  return out;
}

long ErTrainer::chunks() const {
  return (train_.size() + config_.batch - 1) / config_.batch;
}

std::vector<int> ErTrainer::schedule() const {
  const int L = static_cast<int>(layers_.size());
  std::vector<int> order{L - 1};
  if (L == 1 || config_.hidden_update == ErHiddenUpdate::kNone) return order;
  // Output, then each hidden layer top down, then the output again on the
  // refreshed hidden layers, so an iteration never ends on a stale top layer.
  for (int l = L - 2; l >= 0; --l) order.push_back(l);
  order.push_back(L - 1);
  return order;
}

long ErTrainer::stepsPerEpoch() const {
  if (config_.incremental) return chunks();
  return converged_ ? 1 : static_cast<long>(schedule().size()) * (chunks() + 1);
}

std::string ErTrainer::describe() const {
  std::string arch = std::to_string(train_.images.rows());
  for (int h : config_.hidden) arch += "-" + std::to_string(h);
  arch += "-10";
  char buf[160];
  std::snprintf(buf, sizeof buf, ", ridge %g%s, %s output, %s input", config_.ridge,
                config_.ridge_form == RidgeForm::kCentred ? " centred" : "",
                config_.output == ErOutputReflection::kSoftmax ? "softmax" : "tanh",
                std::string(toString(config_.input)).c_str());
  std::string hidden;
  if (!config_.hidden.empty()) {
    char hb[160];
    std::snprintf(hb, sizeof hb, " tanh (init %g", config_.init_scale);
    hidden = hb;
    if (config_.hidden_update == ErHiddenUpdate::kNone) {
      hidden += ", random features)";
    } else {
      std::snprintf(hb, sizeof hb, ", %s inverse, step %g, hidden ridge %g)",
                    config_.hidden_rule.inverse == ErHiddenInverse::kAtanh ? "atanh" : "secant",
                    config_.hidden_rule.step, config_.hidden_ridge);
      hidden += hb;
    }
  }
  return "ER " + arch + hidden + buf +
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
  return std::move(h.back());  // argmax sigma(h_k) = argmax softmax(h)_k = argmax h_k
}

// Phase p of an iteration solves schedule()[p]; each phase streams the data
// in chunks (accumulate) and ends with one solve.
StepStats ErTrainer::step(long index) {
  just_solved_ = false;
  if (config_.incremental) return incrementalStep(index);
  StepStats stats;
  if (converged_) return stats;
  const long per_phase = chunks() + 1;
  const long phase = index / per_phase, in_phase = index % per_phase;
  const int layer = schedule()[phase];
  if (in_phase < chunks()) {
    accumulate(in_phase, layer, phase == 0, stats);
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

// The 3.1 stop rule's cost and the accuracy of the output fields on a chunk.
void ErTrainer::recordCost(const Matrix& out, const Matrix& spins, std::span<const uint8_t> labels,
                           StepStats& stats) {
  Matrix p;
  if (config_.output == ErOutputReflection::kSoftmax) {
    p = (out.rowwise() - out.colwise().maxCoeff()).array().exp();
    p.array().rowwise() /= p.colwise().sum().array();
  } else {
    p = (1.0f + (-out.array()).exp()).inverse();
  }
  const double sq = (p.array() - (spins.array() + 1.0f) * 0.5f).square().sum() / 10.0;
  stats.loss_sum = sq;
  stats.samples = out.cols();
  const std::vector<int> pred = argmaxColumns(out);
  for (long j = 0; j < out.cols(); ++j) stats.correct += pred[j] == labels[j];
  cost_sum_ += sq;
  cost_samples_ += out.cols();
}

// h* of `layer`'s output: the reflected output fields, pushed down through the
// inverse of each layer above.
Matrix ErTrainer::targetFor(int layer, const std::vector<Matrix>& h, const std::vector<Matrix>& a,
                            const Matrix& spins) const {
  const int L = static_cast<int>(layers_.size());
  Matrix target;
  reflectOutput(config_.output, h[L], spins, target);
  for (int l = L - 1; l > layer; --l) {
    target = hiddenTarget(config_.hidden_rule, layers_[l].W, h[l], a[l], h[l + 1], target);
  }
  return target;
}

void ErTrainer::accumulate(long chunk, int layer, bool first_phase, StepStats& stats) {
  const long first = chunk * config_.batch;
  const long count = std::min<long>(config_.batch, train_.size() - first);
  std::vector<Matrix> h, a;
  forward(train_.images.middleCols(first, count), h, a);
  const int L = static_cast<int>(layers_.size());
  const auto labels = std::span(train_.labels).subspan(first, count);
  const Matrix spins = spinsFor(labels);
  // The iteration's first pass records the cost of the weights before its solves.
  if (first_phase) recordCost(h[L], spins, labels, stats);
  const Matrix target = targetFor(layer, h, a, spins);
  RidgeStatistics& st = layer == 0 ? input_stats_ : stats_;
  // A Gram is reused while the layers below it are unchanged: the input
  // layer's always, the output layer's between reflection iterations. Only
  // the cheap cross term A h*^T is then streamed again.
  const bool keep_gram = layer == 0 ? input_gram_done_ : shared_gram_layer_ == layer;
  if (chunk == 0) {
    st.reset(a[layer].rows(), target.rows(), keep_gram);
    if (layer > 0 && !keep_gram) shared_gram_layer_ = -1;
  }
  st.add(a[layer], target, !keep_gram);
}

// Mini-batch variant: every layer, top down, takes the ridge step
// W += ridge(A_batch, h* - h) on this chunk alone, with the forward pass
// recomputed after each step (bottom-up refresh of the layers above).
StepStats ErTrainer::incrementalStep(long chunk) {
  StepStats stats;
  Matrix X;
  std::vector<uint8_t> labels;
  batches_.gather(chunk, X, labels);
  const Matrix spins = spinsFor(labels);
  const int L = static_cast<int>(layers_.size());
  std::vector<Matrix> h, a;
  forward(X, h, a);
  recordCost(h[L], spins, labels, stats);
  for (int layer = L - 1; layer >= 0; --layer) {
    if (layer < L - 1) forward(X, h, a);
    const Matrix target = targetFor(layer, h, a, spins);
    RidgeStatistics st;
    st.reset(a[layer].rows(), target.rows());
    st.add(a[layer], target - h[layer + 1]);
    const DenseLayer delta =
        st.solve(layer == L - 1 ? config_.ridge : config_.hidden_ridge, config_.ridge_form);
    layers_[layer].W += delta.W;
    layers_[layer].b += delta.b;
    ++solves_;
  }
  just_solved_ = true;
  return stats;
}

void ErTrainer::solve(int layer) {
  const bool output = layer + 1 == static_cast<int>(layers_.size());
  RidgeStatistics& st = layer == 0 ? input_stats_ : stats_;
  layers_[layer] = st.solve(output ? config_.ridge : config_.hidden_ridge, config_.ridge_form);
  if (layer == 0) input_gram_done_ = true;
  // Solving `layer` changes the inputs of every layer above it.
  if (shared_gram_layer_ > layer) shared_gram_layer_ = -1;
  if (layer > 0) shared_gram_layer_ = layer;
  ++solves_;
  just_solved_ = true;
}

}  // namespace mulab
