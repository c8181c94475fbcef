#include "train/er_reflection.hpp"

#include <Eigen/Cholesky>
#include <cmath>

namespace mulab {

void reflectTanh(const Matrix& h, const Matrix& s, Matrix& target) {
  target.resize(h.rows(), h.cols());
  for (Eigen::Index i = 0; i < h.size(); ++i) {
    const float hv = h.data()[i], sv = s.data()[i];
    // h -> 0: h s / tanh(h/2) -> 2 s. Saturated s_hat = +-1 gives +-h: finite.
    target.data()[i] = std::abs(hv) < 1e-6f ? 2.0f * sv : hv * sv / std::tanh(0.5f * hv);
  }
}

void reflectSoftmax(const Matrix& h, const Matrix& s, Matrix& target) {
  target.resize(h.rows(), h.cols());
  // p is clipped away from 0 and 1 so both logs stay finite; 1e-7 is below
  // anything a float softmax of 10 classes resolves near 1.
  constexpr double kEps = 1e-7;
  for (Eigen::Index j = 0; j < h.cols(); ++j) {
    const double m = h.col(j).maxCoeff();
    double z = 0;
    for (Eigen::Index k = 0; k < h.rows(); ++k) z += std::exp(double(h(k, j)) - m);
    for (Eigen::Index k = 0; k < h.rows(); ++k) {
      const double p = std::clamp(std::exp(double(h(k, j)) - m) / z, kEps, 1.0 - kEps);
      const double hh = std::log(p) - std::log1p(-p);
      // hh / tanh(hh/2) -> 2 as hh -> 0, like the binary reflection.
      const double r = std::abs(hh) < 1e-6 ? 2.0 : hh / std::tanh(0.5 * hh);
      target(k, j) = static_cast<float>(std::log1p(-p) + double(s(k, j)) * r);
    }
  }
}

void reflectOutput(ErOutputReflection kind, const Matrix& h, const Matrix& s, Matrix& target) {
  if (kind == ErOutputReflection::kSoftmax) {
    reflectSoftmax(h, s, target);
  } else {
    reflectTanh(h, s, target);
  }
}

Matrix hiddenTarget(const HiddenTargetRule& rule, const Matrix& W, const Matrix& h, const Matrix& a,
                    const Matrix& above_h, const Matrix& above_target) {
  // a* = a + alpha W^T (W W^T + d I)^-1 (h* - h): the smallest change of a
  // that moves the layer above onto its target (TP's inverse mapping).
  Matrix wwt = W * W.transpose();
  wwt.diagonal().array() += static_cast<float>(rule.pinv_damping);
  Matrix a_star = a;
  a_star.noalias() +=
      static_cast<float>(rule.step) * W.transpose() * wwt.ldlt().solve(above_target - above_h);
  const float lim = 1.0f - static_cast<float>(rule.clip);
  a_star = a_star.cwiseMax(-lim).cwiseMin(lim);
  Matrix target(a_star.rows(), a_star.cols());
  if (rule.inverse == ErHiddenInverse::kAtanh) {
    target = a_star.array().atanh();
    return target;
  }
  // Secant inverse of tanh: h* = h a*/a, with h/a -> 1 as h -> 0; finite
  // where atanh is not, and equal to it when a* = a.
  for (Eigen::Index i = 0; i < target.size(); ++i) {
    const float hv = h.data()[i], av = a.data()[i];
    const float ratio = std::abs(hv) < 1e-4f ? 1.0f : hv / av;
    target.data()[i] = a_star.data()[i] * ratio;
  }
  return target;
}

}  // namespace mulab
