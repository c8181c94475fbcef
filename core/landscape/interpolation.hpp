// 1D linear interpolation between two weight sets (Goodfellow, Vinyals, Saxe,
// "Qualitatively characterizing neural network optimization problems", ICLR
// 2015, section 3: theta(alpha) = (1 - alpha) theta_A + alpha theta_B), by
// default over alpha in [-0.5, 1.5]. theta(0) and theta(1) are A and B
// exactly (plane_evaluator.hpp), so the line's ends are L(A) and L(B).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "landscape/plane_evaluator.hpp"

namespace mulab {

inline constexpr int kMaxLinePoints = 10001;

struct LinePoint {
  double alpha = 0;
  LossAndError value;
};

// alpha_i = from + (to - from) * i / (points - 1); points >= 2, evaluated in
// parallel on `threads` threads (util/parallel_for.hpp; < 1: the machine's).
// Returns nothing if `cancel` became true.
std::vector<LinePoint> interpolate(const NetShape& shape, const Vector& a, const Vector& b,
                                   std::shared_ptr<const EvalSubset> subset, double from, double to,
                                   int points, const std::atomic<bool>* cancel = nullptr,
                                   int threads = 0);

}  // namespace mulab
