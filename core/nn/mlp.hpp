// A multilayer perceptron in float32: one sample per column, every layer a
// matrix product (h = W a + b), shared by the BP, ER and AltMin trainers.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/choice.hpp"
#include "util/result.hpp"

namespace mulab {

using Matrix = Eigen::MatrixXf;
using Vector = Eigen::VectorXf;

enum class Activation { kRelu, kTanh, kSigmoid };
const Choices<Activation>& activationChoices();
std::string_view toString(Activation a);
Result<Activation> parseActivation(std::string_view name);

// f(h) element-wise, and f'(h) expressed through h and a = f(h).
void applyActivation(Activation act, const Matrix& h, Matrix& a);
void multiplyByDerivative(Activation act, const Matrix& h, const Matrix& a, Matrix& delta);

struct DenseLayer {
  Matrix W;  // out x in
  Vector b;  // out
};

class Mlp {
 public:
  // sizes = {inputs, hidden..., outputs}. Weights and biases are drawn from
  // U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as PyTorch's nn.Linear does: biases are
  // non-zero so the multiplicative rule can move them (docs/algorithms.md, §1).
  Mlp(std::vector<int> sizes, Activation hidden, uint64_t seed);

  // Activations of every layer: a[0] = X, a[l] = f(h[l]) for hidden layers,
  // and the output layer's logits in h.back() (a.back() is unused).
  struct Cache {
    std::vector<Matrix> h, a;
  };
  void forward(const Eigen::Ref<const Matrix>& X, Cache& cache) const;
  Matrix logits(const Eigen::Ref<const Matrix>& X) const;

  const std::vector<int>& sizes() const { return sizes_; }
  Activation activation() const { return activation_; }
  std::vector<DenseLayer>& layers() { return layers_; }
  const std::vector<DenseLayer>& layers() const { return layers_; }
  std::string describe() const;  // "784-500-500-10 relu"

 private:
  std::vector<int> sizes_;
  Activation activation_;
  std::vector<DenseLayer> layers_;
};

// Softmax cross-entropy over columns. Writes the softmax to `probs` and returns
// the summed loss; `correct` receives the number of argmax hits.
double softmaxCrossEntropy(const Matrix& logits, std::span<const uint8_t> labels, Matrix& probs,
                           long& correct);

// Index of the largest entry of each column.
std::vector<int> argmaxColumns(const Matrix& scores);

}  // namespace mulab
