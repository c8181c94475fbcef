// GPU side of the surface view: uploads the grid core sampled as a float
// texture and draws it through shaders/surface.* (2D: colour map, log scale,
// contours, basin overlay) or shaders/mesh.* (3D: lit height field).
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <string>
#include <vector>

#include "gui/explorer/orbit_camera.hpp"
#include "gui/widgets/colormap.hpp"
#include "gui/widgets/gl.hpp"
#include "surfaces/sampler.hpp"

namespace mulab::gui {

struct ColorScale {
  bool log = true;
  float lo = 0, hi = 1;   // in log10 units when log
  float floor = 1e-12f;   // smallest value shown in log mode
  int contours = 16;
  // Normalised position in [0, 1] of a value (same formula as the shaders).
  float normalise(double v) const;
};

// Picks the colour range of a grid: log over six decades below the maximum,
// or linear over [min, max].
ColorScale colorScaleFor(const SurfaceGrid& grid, bool log, int contours);

class SurfaceRenderer {
 public:
  SurfaceRenderer() = default;
  SurfaceRenderer(const SurfaceRenderer&) = delete;
  SurfaceRenderer& operator=(const SurfaceRenderer&) = delete;
  ~SurfaceRenderer();

  // Compiles the shaders; returns an error naming the file.
  std::optional<std::string> init();

  void setColormap(const std::string& name);
  void uploadGrid(const SurfaceGrid& grid);
  // Basin steps (nx x ny, kPending/kDiverged/kNotReached negatives) or empty to hide.
  void uploadBasin(int nx, int ny, const std::vector<float>& steps, float max_steps);
  void hideBasin() { basin_on_ = false; }

  void draw2D(Framebuffer& target, int width, int height, const ColorScale& scale);
  // Builds the mesh from the last uploaded grid when it changed.
  void draw3D(Framebuffer& target, int width, int height, const ColorScale& scale,
              const OrbitCamera& camera);

  // Height of the 3D mesh at normalised value t (shared with trajectory drawing).
  static float meshHeight(float t) { return 0.7f * t - 0.35f; }

 private:
  void buildMesh(const ColorScale& scale);

  GLuint surface_prog_ = 0, mesh_prog_ = 0, vao_ = 0;
  GLuint values_tex_ = 0, lut_tex_ = 0, basin_tex_ = 0;
  GLuint mesh_vao_ = 0, mesh_vbo_ = 0, mesh_ibo_ = 0;
  GLsizei mesh_indices_ = 0;
  bool basin_on_ = false;
  float basin_max_ = 1;
  SurfaceGrid grid_;
  bool mesh_dirty_ = true;
  ColorScale mesh_scale_;
};

}  // namespace mulab::gui
