// A network landscape as one more explorer surface: the finest complete
// level of a LandscapeJob's grid (nested_grid.hpp) read bilinearly between
// nodes, so the explorer's heatmap, contours, colour bar and 3D mesh draw it
// like any toy surface. Outside the grid the value is the nearest edge's.
// The gradient is the bilinear patch's (piecewise constant per cell): the
// explorer only shows it in the hover, nothing optimises on it.
//
// planeForPaths() is the plane step of the landscape pipeline
// (landscape_pipeline.hpp) that `mulab-cli landscape` and the GUI share: the
// plane (PCA over the runs' checkpoints, or seeded random filter-normalised
// directions around the first run's last checkpoint) and the range that
// holds every projected checkpoint.
#pragma once

#include <memory>
#include <vector>

#include "landscape/nested_grid.hpp"
#include "landscape/pca_plane.hpp"
#include "landscape/plane.hpp"
#include "surfaces/surface.hpp"
#include "train/checkpoint.hpp"
#include "util/result.hpp"

namespace mulab {

class LandscapeSurface : public Surface {
 public:
  // `title` names it in the scene and legend ("PCA plane of 2 runs").
  LandscapeSurface(GridSurface grid, std::string title);
  double evaluate(const Vec2& p, Vec2* grad) const override;
  const GridSurface& grid() const { return grid_; }

 private:
  GridSurface grid_;
};

struct LandscapeSetup {
  std::shared_ptr<const Plane> plane;
  GridRange range;
};

// `paths`: each run's checkpoints by step (at least one run, none empty).
// PCA over several runs needs them to share their step-0 checkpoint; the
// error (sharedStartError) names the run that does not as "run k". The
// centre is paths[0]'s last checkpoint. `threads` < 1: the machine's.
Result<LandscapeSetup> planeForPaths(const NetShape& shape,
                                     const std::vector<std::vector<CheckpointPtr>>& paths, bool pca,
                                     uint64_t seed, PcaDetails* details = nullptr,
                                     int threads = 0);

// The paths' extent on `plane` plus a 15% margin (at least the centre).
GridRange rangeAroundPaths(const Plane& plane,
                           const std::vector<std::vector<CheckpointPtr>>& paths);

}  // namespace mulab
