// The surface explorer: a loss surface (2D colour map with contours or 3D
// mesh), any number of optimizer runs racing on it, their f - f* curves, and
// a basin map. Its whole state round-trips through core's Scene, so a scene
// file reproduces what is on screen.
#pragma once

#include <imgui.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/basin_job.hpp"
#include "gui/gl.hpp"
#include "gui/surface_renderer.hpp"
#include "scene/scene.hpp"
#include "trajectory/trajectory.hpp"

namespace mulab::gui {

class TrainingLab;

class SurfaceExplorer {
 public:
  SurfaceExplorer();
  ~SurfaceExplorer();

  std::optional<std::string> initGraphics();
  // Replaces the whole state; the previous state stays if the scene is invalid.
  void applyScene(const Scene& scene);
  Scene currentScene() const;
  // Loads a scene file; a broken file is shown as an error and changes nothing.
  bool openScene(const std::string& path);
  void showError(const std::string& message) { error_ = message; }
  // The error banner's text ("" when none is shown).
  const std::string& errorText() const { return error_; }
  // The training lab shown in the second tab; scenes load and save it too.
  void attachLab(TrainingLab* lab) { lab_ = lab; }
  // True while the surface explorer tab shows trajectories moving.
  bool animating() const { return active_tab_ == 0 && scene_.playing; }

  // Builds and draws one frame of the UI. `dt` is the time step in seconds.
  void frame(float dt);
  // Set when the user asked for a screenshot (menu or F12); cleared by the caller.
  std::string pending_screenshot;
  bool quit_requested = false;
  // Headless/CI mode: basin maps are computed to completion before drawing.
  bool deterministic = false;

 private:
  struct RunSlot {
    SceneRun spec;
    std::unique_ptr<Trajectory> traj;
    std::vector<double> plot_x, plot_y;
    long plot_stride = 1;
    bool selected = false;  // clicks on the surface move the start of every selected run
  };

  void setSurface(const std::string& name, const SurfaceParams& params, bool fit);
  void resetRun(RunSlot& run);
  void resetAll();
  void addRun(const SceneRun& spec);
  void selectOnly(int index);
  // Replaces the runs with `count` copies of the selected one, varied by `vary`.
  void replaceWithVariants(int count, const std::function<void(SceneRun&, int)>& vary);
  void stepRuns(long steps);
  void refreshPlotData(RunSlot& run);
  void fitView();
  void restartBasin();

  void drawMenuBar();
  void drawExplorerTab();
  void drawControls();
  void drawRunEditor(RunSlot& run, int index);
  void drawView(ImVec2 size);
  void drawPlot(ImVec2 size);
  void drawOverlay2D(ImDrawList* dl, ImVec2 a, ImVec2 b);
  void drawOverlay3D(ImDrawList* dl, ImVec2 a, ImVec2 b);
  void drawColorBar(ImDrawList* dl, ImVec2 a, ImVec2 b);
  void handleViewInput(ImVec2 a, ImVec2 b);
  void handleKeys();

  Scene scene_;  // surface, view options, playback; runs live in runs_
  std::shared_ptr<const Surface> surface_;
  Window view_;
  OrbitCamera camera_;
  std::vector<RunSlot> runs_;
  int selected_ = 0;  // the run the editor shows and the basin map uses
  double step_accum_ = 0;

  SurfaceRenderer renderer_;
  Framebuffer fbo_;
  SurfaceGrid grid_;
  ColorScale scale_;
  bool grid_dirty_ = true;
  int grid_px_w_ = 0, grid_px_h_ = 0;
  std::string colormap_loaded_;

  std::unique_ptr<BasinJob> basin_;
  std::vector<float> basin_cells_;
  const BasinJob* basin_seen_ = nullptr;
  bool basin_uploaded_done_ = false;

  // Everything the cached surface image depends on.
  struct RenderKey {
    uint64_t version = ~0ull;
    int w = 0, h = 0;
    bool three_d = false;
    std::string colormap;
    float lo = 0, hi = 0;
    bool log = false;
    int contours = 0;
    float yaw = 0, pitch = 0, distance = 0;
    bool basin = false;
    bool operator==(const RenderKey&) const = default;
  };
  RenderKey last_render_;
  uint64_t render_version_ = 0;

  TrainingLab* lab_ = nullptr;
  int active_tab_ = 0, select_tab_ = -1;
  bool graphics_ready_ = false;
  std::string error_;
  char path_buf_[512] = "scene.json";
  char shot_buf_[512] = "mulab.png";
  bool open_popup_ = false, save_popup_ = false, shot_popup_ = false;
};

// Shipped scenes (assets/scenes/*.json), sorted by file name.
std::vector<std::string> shippedScenes();

}  // namespace mulab::gui
