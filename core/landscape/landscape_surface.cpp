#include "landscape/landscape_surface.hpp"

#include <algorithm>

#include "landscape/pca_plane.hpp"
#include "landscape/projection.hpp"
#include "landscape/random_directions.hpp"

namespace mulab {

namespace {

SurfaceInfo infoFor(const GridSurface& g, std::string title) {
  SurfaceInfo info;
  info.name = "landscape";
  info.display_name = std::move(title);
  info.formula = "L(centre + x d1 + y d2)";
  info.family = SurfaceFamily::kCustom;
  info.window = Window{g.range.x0, g.range.x1, g.range.y0, g.range.y1};
  info.standard_start = Vec2(0, 0);
  return info;  // no minima listed: the view shows f, not f - f*
}

}  // namespace

LandscapeSurface::LandscapeSurface(GridSurface grid, std::string title)
    : Surface(infoFor(grid, std::move(title))), grid_(std::move(grid)) {}

double LandscapeSurface::evaluate(const Vec2& p, Vec2* grad) const {
  const int n = grid_.nodes;
  if (n < 2) {
    if (grad) *grad = Vec2(0, 0);
    return n == 1 ? grid_.loss[0] : 0.0;
  }
  const GridRange& r = grid_.range;
  // Fractional node index, clamped to the grid (edge values continue outside).
  const double fx = std::clamp((p.x() - r.x0) / (r.x1 - r.x0), 0.0, 1.0) * (n - 1);
  const double fy = std::clamp((p.y() - r.y0) / (r.y1 - r.y0), 0.0, 1.0) * (n - 1);
  const int i = std::min(int(fx), n - 2), j = std::min(int(fy), n - 2);
  const double tx = fx - i, ty = fy - j;
  const double v00 = grid_.lossAt(i, j), v10 = grid_.lossAt(i + 1, j);
  const double v01 = grid_.lossAt(i, j + 1), v11 = grid_.lossAt(i + 1, j + 1);
  if (grad) {
    const double cx = (n - 1) / (r.x1 - r.x0), cy = (n - 1) / (r.y1 - r.y0);
    *grad = Vec2(((v10 - v00) * (1 - ty) + (v11 - v01) * ty) * cx,
                 ((v01 - v00) * (1 - tx) + (v11 - v10) * tx) * cy);
  }
  return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
}


GridRange rangeAroundPaths(const Plane& plane,
                           const std::vector<std::vector<CheckpointPtr>>& paths) {
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  for (const auto& path : paths) {
    for (const CheckpointPtr& c : path) {
      const PlaneCoordinates at = projectOntoPlane(plane, c->theta);
      x0 = std::min(x0, at.x), x1 = std::max(x1, at.x);
      y0 = std::min(y0, at.y), y1 = std::max(y1, at.y);
    }
  }
  const double mx = 0.15 * std::max(x1 - x0, 1e-6), my = 0.15 * std::max(y1 - y0, 1e-6);
  return {x0 - mx, x1 + mx, y0 - my, y1 + my};
}

Result<LandscapeSetup> planeForPaths(const NetShape& shape,
                                     const std::vector<std::vector<CheckpointPtr>>& paths, bool pca,
                                     uint64_t seed, PcaDetails* details, int threads) {
  if (paths.empty()) return Error{"no runs given"};
  for (size_t k = 0; k < paths.size(); ++k) {
    if (paths[k].empty()) return Error{"run " + std::to_string(k) + " has no checkpoints"};
  }
  const Vector& centre = paths.front().back()->theta;
  auto plane = std::make_shared<Plane>();
  if (pca) {
    if (paths.size() > 1) {
      std::vector<std::string> names;
      for (size_t k = 0; k < paths.size(); ++k) names.push_back("run " + std::to_string(k));
      if (auto err = sharedStartError(paths, names)) return Error{*err};
    }
    std::vector<const Vector*> points;
    for (const auto& path : paths) {
      for (const CheckpointPtr& c : path) points.push_back(&c->theta);
    }
    auto p = pcaPlane(shape, centre, points, details, threads);
    if (!p) return Error{p.error()};
    *plane = std::move(*p);
  } else {
    *plane = randomPlane(shape, centre, seed);
  }
  plane->seed = seed;
  // Random planes are filter-normalised: [-1, 1] is the paper's range.
  const GridRange range = pca ? rangeAroundPaths(*plane, paths) : GridRange{};
  return LandscapeSetup{plane, range};
}

}  // namespace mulab
