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
      G.block(j + b, j, below, b).noalias() += A.middleRows(j + b, below) * A.middleRows(j, b).transpose();
    }
  }
}

void RidgeStatistics::reset(long inputs, long outputs, bool keep_gram) {
  if (!keep_gram || gram_.rows() != inputs) {
    gram_.setZero(inputs, inputs);
    sum_a_.setZero(inputs);
    gram_count_ = 0;
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
  }
  Matrix c(A.rows(), T.rows());
  c.noalias() = A * T.transpose();
  cross_ += c.cast<double>();
  sum_t_ += T.rowwise().sum().cast<double>();
  count_ += A.cols();
}

DenseLayer RidgeStatistics::solve(double lambda, RidgeForm form) const {
  const Eigen::Index d = gram_.rows(), k = cross_.cols();
  const double n = double(std::max(1L, count_));
  DenseLayer out;
  if (form == RidgeForm::kCentred) {
    // Scatter about the mean: sum (a - <a>)(a - <a>)^T = G - s s^T / n, and
    // n (Cov + lambda/(2n) I) = scatter + lambda/2 I.
    const Eigen::VectorXd mean_a = sum_a_ / n, mean_t = sum_t_ / n;
    Eigen::MatrixXd C = gram_.cast<double>();
    C.selfadjointView<Eigen::Lower>().rankUpdate(sum_a_, -1.0 / n);
    C.diagonal().array() += 0.5 * lambda;
    const Eigen::MatrixXd rhs = cross_ - sum_a_ * mean_t.transpose();
    // In place: at H = 12,000 a second (H+1)^2 double copy would cost 1.15 GB.
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>, Eigen::Lower> llt(C);
    const Eigen::MatrixXd w = llt.solve(rhs);  // d x k
    out.W = w.transpose().cast<float>();
    out.b = (mean_t - w.transpose() * mean_a).cast<float>();
    return out;
  }
  // [G s; s^T n] [w; b] = [A T^T; sum t], lambda on the w block only.
  Eigen::MatrixXd M(d + 1, d + 1);
  M.topLeftCorner(d, d) = gram_.cast<double>();
  M.block(d, 0, 1, d) = sum_a_.transpose();
  M(d, d) = n;
  M.diagonal().head(d).array() += lambda;
  Eigen::MatrixXd rhs(d + 1, k);
  rhs.topRows(d) = cross_;
  rhs.row(d) = sum_t_.transpose();
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>, Eigen::Lower> llt(M);
  const Eigen::MatrixXd sol = llt.solve(rhs);
  out.W = sol.topRows(d).transpose().cast<float>();
  out.b = sol.row(d).transpose().cast<float>();
  return out;
}

}  // namespace mulab
