// Samples a surface on a regular grid over a window: the float texture the
// GUI colours, and the heights of the 3D mesh. Values are f - f* when the
// surface has a known minimum (so log scaling works), else f.
#pragma once

#include <vector>

#include "surfaces/surface.hpp"

namespace mulab {

struct SurfaceGrid {
  int nx = 0, ny = 0;
  Window window;
  std::vector<float> values;  // row-major, row 0 at ymin
  float min = 0, max = 0;     // over the finite samples
  bool shifted = false;       // values are f - f*
};

SurfaceGrid sampleSurface(const Surface& surface, const Window& window, int nx, int ny);

}  // namespace mulab
