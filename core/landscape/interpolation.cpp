#include "landscape/interpolation.hpp"

namespace mulab {

std::vector<LinePoint> interpolate(const NetShape& shape, const Vector& a, const Vector& b,
                                   std::shared_ptr<const EvalSubset> subset, double from, double to,
                                   int points, const std::atomic<bool>* cancel) {
  const PlaneEvaluator eval(shape, {&a, &b}, std::move(subset));
  std::vector<LinePoint> line;
  for (int i = 0; i < points; ++i) {
    if (cancel && cancel->load()) break;
    // The same fraction-of-the-range form as the grids: alpha is exactly 0
    // and 1 whenever those fall on a node (they do for [-0.5, 1.5] and 41).
    const double alpha = points < 2 ? from : from + (to - from) * (double(i) / double(points - 1));
    line.push_back({alpha, eval.at({1.0 - alpha, alpha, 0.0})});
  }
  return line;
}

}  // namespace mulab
