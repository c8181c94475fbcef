// The explorer's main view: the surface (2D colour map with contours, or the
// 3D mesh), axes and colour bar, the runs' previews with their markers at the
// timeline's cursor, the explanation vectors at each marker, a legend and the
// scene's title; clicks place start points, drag pans (2D) or orbits (3D),
// the wheel zooms. The same drawing serves the window, PNG exports at any
// size and GIF frames.
#pragma once

#include <imgui.h>

#include <functional>
#include <memory>
#include <optional>

#include "gui/explorer/explorer_state.hpp"
#include "gui/widgets/gl.hpp"
#include "gui/explorer/surface_renderer.hpp"
#include "trajectory/basin_job.hpp"

namespace mulab::gui {

// Parameter space <-> pixels of the plot area [a, b]. With equal scale the
// window is widened in x or y so one unit has the same length on both axes.
struct ViewMapping {
  ImVec2 a, b;
  Window window;
  ImVec2 toPx(double x, double y) const {
    return ImVec2(float(a.x + (x - window.xmin) / window.width() * (b.x - a.x)),
                  float(b.y - (y - window.ymin) / window.height() * (b.y - a.y)));
  }
  Vec2 toWorld(ImVec2 p) const {
    return Vec2(window.xmin + (p.x - a.x) / (b.x - a.x) * window.width(),
                window.ymin + (b.y - p.y) / (b.y - a.y) * window.height());
  }
  double unitsPerPixelX() const { return window.width() / (b.x - a.x); }
};
ViewMapping mapView(const Window& view, ImVec2 a, ImVec2 b, bool equal_scale);

class SurfaceView {
 public:
  std::optional<std::string> initGraphics();
  bool graphicsReady() const { return ready_; }

  // Draws the view filling `size` at the cursor. `interactive` false for
  // exports: no input, no hover readout.
  void draw(ExplorerState& state, ImVec2 size, bool interactive);

  // Basin map of the focused run's settings, owned by the surface, runs and
  // window it was computed for: any change drops it (and recomputes it while
  // the scene asks for one).
  void syncBasin(ExplorerState& state);
  const BasinJob* basin() const { return basin_.get(); }
  void cancelBasin(ExplorerState& state);
  bool basinBusy() const { return basin_ && !basin_->done(); }
  // Headless: basin maps are computed to completion before drawing.
  bool deterministic = false;
  // Another source's drawing over the 2D view (a network landscape's paths),
  // and its hover readout, which replaces the surface's when it returns true.
  // `project` maps a point of the surface (x, y and its value f) to pixels,
  // in 2D and 3D alike (nullopt: behind the camera).
  using ProjectFn = std::function<std::optional<ImVec2>(double x, double y, double f)>;
  std::function<void(ImDrawList*, const ViewMapping&, const ProjectFn& project, bool three_d)> overlay;
  std::function<bool(const ViewMapping&, const Vec2&)> hover;
  // The x axis's name under it ("x" when empty): a landscape's PC1 and its variance.
  std::string x_label;

  // A click waiting to see whether it is the first half of a double-click;
  // seconds until it is taken as a click (for the main loop's wake-up).
  std::optional<double> pendingClickIn() const;

 private:
  void drawImage(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m);
  void drawAxes(ImDrawList* dl, const ViewMapping& m) const;
  void drawColorBar(const ExplorerState& state, ImDrawList* dl, ImVec2 a, ImVec2 b);
  void drawOverlay2D(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m);
  void drawOverlay3D(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m);
  void drawVectors(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m, const ExplorerRun& run);
  void drawLegend(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m);
  void drawTitle(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m);
  void drawHover(const ExplorerState& state, const ViewMapping& m);
  void handleInput(ExplorerState& state, const ViewMapping& m);

  SurfaceRenderer renderer_;
  Framebuffer fbo_;
  SurfaceGrid grid_;
  ColorScale scale_;
  bool ready_ = false;
  std::string colormap_loaded_;

  // What the sampled grid and the rendered image were made for.
  struct GridKey {
    const Surface* surface = nullptr;
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    int w = 0, h = 0;
    bool operator==(const GridKey&) const = default;
  };
  GridKey grid_key_;
  struct RenderKey {
    uint64_t grid = 0;
    int w = 0, h = 0;
    bool three_d = false, log = false, basin = false;
    std::string colormap;
    float lo = 0, hi = 0, yaw = 0, pitch = 0, distance = 0;
    int contours = 0;
    uint64_t basin_version = 0;
    bool operator==(const RenderKey&) const = default;
  };
  RenderKey render_key_;
  uint64_t grid_version_ = 0;

  std::unique_ptr<BasinJob> basin_;
  struct BasinKey {
    uint64_t state_version = 0;
    int focus = 0, resolution = 0;
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    bool operator==(const BasinKey&) const = default;
  };
  BasinKey basin_key_;
  std::vector<float> basin_cells_;
  bool basin_uploaded_done_ = false;
  uint64_t basin_version_ = 0;

  std::optional<Vec2> pending_click_;
  double pending_click_time_ = 0;
  bool pending_click_shift_ = false;
  bool second_click_ = false;  // a double-click's second press is down
};

}  // namespace mulab::gui
