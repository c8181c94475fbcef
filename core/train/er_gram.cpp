#include "train/er_gram.hpp"

#include <Eigen/Cholesky>
#include <algorithm>

namespace mulab {

void symmetricRankUpdate(Eigen::MatrixXf& G, const Eigen::Ref<const Matrix>& A, int block) {
  const Eigen::Index d = A.rows();
  for (Eigen::Index j = 0; j < d; j += block) {
    const Eigen::Index b = std::min<Eigen::Index>(block, d - j);
    G.block(j, j, b, b).selfadjointView<Eigen::Lower>().rankUpdate(A.middleRows(j, b));
    const Eigen::Index below = d - j - b;
    if (below > 0) {
      G.block(j + b, j, below, b).noalias() +=
          A.middleRows(j + b, below) * A.middleRows(j, b).transpose();
    }
  }
}

void RidgeStatistics::reset(long inputs, long outputs, bool keep_gram) {
  if (!keep_gram || gram_.rows() != inputs) {
    gram_.setZero(inputs, inputs);
    sum_a_.setZero(inputs);
    gram_count_ = 0;
    factor_valid_ = false;
  }
  cross_.setZero(inputs, outputs);
  sum_t_.setZero(outputs);
  count_ = 0;
}

void RidgeStatistics::add(const Eigen::Ref<const Matrix>& A, const Eigen::Ref<const Matrix>& T,
                          bool with_gram) {
  if (with_gram) {
    symmetricRankUpdate(gram_, A);
    sum_a_ += A.rowwise().sum().cast<double>();
    gram_count_ += A.cols();
    factor_valid_ = false;
  }
  Matrix c(A.rows(), T.rows());
  c.noalias() = A * T.transpose();
  cross_ += c.cast<double>();
  sum_t_ += T.rowwise().sum().cast<double>();
  count_ += A.cols();
}

DenseLayer RidgeStatistics::solve(double lambda, RidgeForm form) {
  const Eigen::Index d = gram_.rows();
  const double n = double(std::max(1L, count_));
  const bool centred = form == RidgeForm::kCentred;
  if (!factor_valid_ || factor_lambda_ != lambda || factor_form_ != form) {
    factor_.resize(0, 0);  // the old factor goes before the new one is built
    if (centred) {
      // Scatter about the mean: sum (a - <a>)(a - <a>)^T = G - s s^T / n, and
      // n (Cov + lambda/(2n) I) = scatter + lambda/2 I.
      factor_ = gram_.cast<double>();
      factor_.selfadjointView<Eigen::Lower>().rankUpdate(sum_a_, -1.0 / n);
      factor_.diagonal().array() += 0.5 * lambda;
    } else {
      // [G s; s^T n] [w; b] = [A T^T; sum t], lambda on the w block only.
      factor_.resize(d + 1, d + 1);
      factor_.topLeftCorner(d, d) = gram_.cast<double>();
      factor_.block(d, 0, 1, d) = sum_a_.transpose();
      factor_(d, d) = n;
      factor_.diagonal().head(d).array() += lambda;
    }
    // In place: at H = 12,000 a second (H+1)^2 double copy would cost 1.15 GB.
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>, Eigen::Lower> llt(factor_);
    factor_valid_ = llt.info() == Eigen::Success;
    factor_lambda_ = lambda;
    factor_form_ = form;
  }
  const auto L = factor_.triangularView<Eigen::Lower>();
  DenseLayer out;
  if (centred) {
    const Eigen::VectorXd mean_a = sum_a_ / n, mean_t = sum_t_ / n;
    Eigen::MatrixXd w = cross_ - sum_a_ * mean_t.transpose();  // d x k
    L.solveInPlace(w);
    L.adjoint().solveInPlace(w);
    out.W = w.transpose().cast<float>();
    out.b = (mean_t - w.transpose() * mean_a).cast<float>();
    return out;
  }
  Eigen::MatrixXd sol(d + 1, cross_.cols());
  sol.topRows(d) = cross_;
  sol.row(d) = sum_t_.transpose();
  L.solveInPlace(sol);
  L.adjoint().solveInPlace(sol);
  out.W = sol.topRows(d).transpose().cast<float>();
  out.b = sol.row(d).transpose().cast<float>();
  return out;
}

}  // namespace mulab
