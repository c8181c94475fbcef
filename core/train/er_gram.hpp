// Sufficient statistics of a ridge least-squares layer solve (Expectation
// Reflection, arXiv 2503.10144; docs/algorithms.md, §3.2): the Gram matrix A A^T of
// the layer's inputs (one sample per column), their sums, and A T^T for the
// targets T, accumulated chunk by chunk so memory is O(width^2), never
// O(samples). The Gram is a symmetric rank-k update (SYRK: half the FLOPs of
// the full product), blocked so the off-diagonal blocks run as plain GEMMs on
// all threads, and kept in float; the solve promotes it to double.
#pragma once

#include <Eigen/Core>

#include "nn/mlp.hpp"

namespace mulab {

// G (lower triangle) += A A^T, A is dim x count. Diagonal blocks use Eigen's
// selfadjointView().rankUpdate (SYRK); the blocks below them are GEMMs,
// which Eigen parallelises over its OpenMP threads where SYRK is serial.
void symmetricRankUpdate(Eigen::MatrixXf& G, const Eigen::Ref<const Matrix>& A, int block = 1024);

// How the ridge system is set up.
enum class RidgeForm {
  // [A;1][A;1]^T with lambda on the weights, bias unpenalised (docs/algorithms.md, §3.1).
  kAugmented,
  // The group's code: w = (Cov(a) + lambda/(2n) I)^-1 Cov(a, t), b = <t> - <a> w.
  // Mathematically the augmented solve with lambda/2; numerically better,
  // since centring removes the large mean direction before the Cholesky.
  kCentred,
};

class RidgeStatistics {
 public:
  // Clears everything for `inputs`-wide activations and `outputs` targets.
  // keep_gram: the Gram is left as is (the input layer's never changes).
  void reset(long inputs, long outputs, bool keep_gram = false);
  // Adds a chunk: activations A (inputs x count) and targets T (outputs x count).
  void add(const Eigen::Ref<const Matrix>& A, const Eigen::Ref<const Matrix>& T,
           bool with_gram = true);
  bool hasGram() const { return count_ > 0 && gram_count_ == count_; }
  long samples() const { return count_; }

  // The ridge solution as a layer: W (outputs x inputs), b (outputs). The
  // Cholesky factor is kept while the Gram, lambda and form stay the same, so
  // a reflection iteration on an unchanged layer below costs only the
  // triangular solves, not a second O(H^3) factorisation.
  DenseLayer solve(double lambda, RidgeForm form);

 private:
  Eigen::MatrixXf gram_;             // inputs x inputs, lower triangle valid
  Eigen::VectorXd sum_a_, sum_t_;    // per-input and per-target sums
  Eigen::MatrixXd cross_;            // A T^T, inputs x outputs
  long count_ = 0, gram_count_ = 0;  // samples in the cross terms and in the Gram
  Eigen::MatrixXd factor_;           // lower Cholesky factor of the last system
  bool factor_valid_ = false;
  double factor_lambda_ = 0;
  RidgeForm factor_form_ = RidgeForm::kAugmented;
};

}  // namespace mulab
