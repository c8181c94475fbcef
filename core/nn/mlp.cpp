#include "nn/mlp.hpp"

#include <cmath>
#include <random>

namespace mulab {

const Choices<Activation>& activationChoices() {
  static const Choices<Activation> choices{"activation", {"relu", "tanh", "sigmoid"}};
  return choices;
}

std::string_view toString(Activation a) { return activationChoices().name(a); }

Result<Activation> parseActivation(std::string_view name) { return activationChoices().parse(name); }

void applyActivation(Activation act, const Matrix& h, Matrix& a) {
  switch (act) {
    case Activation::kRelu: a = h.cwiseMax(0.0f); break;
    case Activation::kTanh: a = h.array().tanh(); break;
    case Activation::kSigmoid: a = (1.0f + (-h.array()).exp()).inverse(); break;
  }
}

void multiplyByDerivative(Activation act, const Matrix& h, const Matrix& a, Matrix& delta) {
  switch (act) {
    case Activation::kRelu: delta.array() *= (h.array() > 0.0f).cast<float>(); break;
    case Activation::kTanh: delta.array() *= 1.0f - a.array().square(); break;
    case Activation::kSigmoid: delta.array() *= a.array() * (1.0f - a.array()); break;
  }
}

Mlp::Mlp(std::vector<int> sizes, Activation hidden, uint64_t seed)
    : sizes_(std::move(sizes)), activation_(hidden) {
  std::mt19937_64 rng(seed);
  for (size_t l = 1; l < sizes_.size(); ++l) {
    const int in = sizes_[l - 1], out = sizes_[l];
    const float bound = 1.0f / std::sqrt(static_cast<float>(in));
    std::uniform_real_distribution<float> u(-bound, bound);
    DenseLayer layer{Matrix(out, in), Vector(out)};
    for (Eigen::Index i = 0; i < layer.W.size(); ++i) layer.W.data()[i] = u(rng);
    for (Eigen::Index i = 0; i < layer.b.size(); ++i) layer.b[i] = u(rng);
    layers_.push_back(std::move(layer));
  }
}

void Mlp::forward(const Eigen::Ref<const Matrix>& X, Cache& c) const {
  const size_t n = layers_.size();
  c.h.resize(n + 1);
  c.a.resize(n + 1);
  c.a[0] = X;
  for (size_t l = 0; l < n; ++l) {
    Matrix& h = c.h[l + 1];
    h.noalias() = layers_[l].W * c.a[l];
    h.colwise() += layers_[l].b;
    if (l + 1 < n) applyActivation(activation_, h, c.a[l + 1]);
  }
}

Matrix Mlp::logits(const Eigen::Ref<const Matrix>& X) const {
  Cache c;
  forward(X, c);
  return std::move(c.h.back());
}

std::string Mlp::describe() const {
  std::string s;
  for (size_t i = 0; i < sizes_.size(); ++i) s += (i ? "-" : "") + std::to_string(sizes_[i]);
  return s + " " + std::string(toString(activation_));
}

double softmaxCrossEntropy(const Matrix& logits, std::span<const uint8_t> labels, Matrix& probs,
                           long& correct) {
  probs.resize(logits.rows(), logits.cols());
  double loss = 0;
  correct = 0;
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    Eigen::Index best;
    const float m = logits.col(j).maxCoeff(&best);
    probs.col(j) = (logits.col(j).array() - m).exp();
    const float z = probs.col(j).sum();
    probs.col(j) /= z;
    const int y = labels[j];
    loss += std::log(z) - (logits(y, j) - m);
    correct += best == y;
  }
  return loss;
}

std::vector<int> argmaxColumns(const Matrix& scores) {
  std::vector<int> out(scores.cols());
  for (Eigen::Index j = 0; j < scores.cols(); ++j) {
    Eigen::Index best;
    scores.col(j).maxCoeff(&best);
    out[j] = static_cast<int>(best);
  }
  return out;
}

}  // namespace mulab
