#include "surfaces/surface.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mulab {

Window Window::scaled(double factor) const {
  const double cx = 0.5 * (xmin + xmax), cy = 0.5 * (ymin + ymax);
  const double hx = 0.5 * width() * factor, hy = 0.5 * height() * factor;
  return {cx - hx, cx + hx, cy - hy, cy + hy};
}

std::string_view toString(SurfaceFamily family) {
  switch (family) {
    case SurfaceFamily::kConvex: return "convex";
    case SurfaceFamily::kValley: return "valley";
    case SurfaceFamily::kMultiModal: return "multi-modal";
    case SurfaceFamily::kSaddle: return "saddle";
    case SurfaceFamily::kCustom: return "custom formula";
  }
  return "?";
}

void Surface::evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values, Eigen::Array2Xd& grads) const {
  values.resize(points.cols());
  grads.resize(2, points.cols());
  for (Eigen::Index k = 0; k < points.cols(); ++k) {
    Vec2 g;
    values[k] = evaluate(points.col(k), &g);
    grads.col(k) = g;
  }
}

std::optional<double> Surface::globalMinimumValue() const {
  std::optional<double> best;
  for (const Minimum& m : info_.minima) {
    if (m.global && (!best || m.value < *best)) best = m.value;
  }
  return best;
}

std::optional<std::string> validate(const SurfaceParams& p) {
  // Beyond 1e6 the bowl's small curvature is lost to rounding; angles repeat every 360 degrees.
  if (!std::isfinite(p.condition) || p.condition < 1.0 || p.condition > 1e6) {
    return "condition must lie in [1, 1e6]";
  }
  if (!std::isfinite(p.rotation_deg) || std::abs(p.rotation_deg) > 360) {
    return "rotation must lie in [-360, 360] degrees";
  }
  return std::nullopt;
}

}  // namespace mulab
