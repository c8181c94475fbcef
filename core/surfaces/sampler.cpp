#include "surfaces/sampler.hpp"

#include <cmath>
#include <limits>

namespace mulab {

SurfaceGrid sampleSurface(const Surface& surface, const Window& w, int nx, int ny) {
  SurfaceGrid g;
  g.nx = nx;
  g.ny = ny;
  g.window = w;
  g.values.resize(size_t(nx) * ny);
  const auto f_star = surface.globalMinimumValue();
  g.shifted = f_star.has_value();
  const double shift = f_star.value_or(0.0);
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  // One batched call per row keeps the virtual dispatch out of the inner loop.
  Eigen::Array2Xd points(2, nx);
  Eigen::ArrayXd values;
  Eigen::Array2Xd grads;
  for (int j = 0; j < ny; ++j) {
    const double y = w.ymin + (j + 0.5) * w.height() / ny;
    for (int i = 0; i < nx; ++i) points.col(i) = Vec2(w.xmin + (i + 0.5) * w.width() / nx, y);
    surface.evaluateBatch(points, values, grads);
    for (int i = 0; i < nx; ++i) {
      // Rounding can put f a hair below f*: clamp so log scaling stays finite.
      const float v = static_cast<float>(g.shifted ? std::max(0.0, values[i] - shift) : values[i]);
      g.values[size_t(j) * nx + i] = v;
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  g.min = std::isfinite(lo) ? lo : 0.0f;
  g.max = std::isfinite(hi) ? hi : 1.0f;
  return g;
}

}  // namespace mulab
