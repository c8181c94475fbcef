// The explorer's panels, each drawing from and editing the one ExplorerState:
// controls_panel.cpp (scene, surface, view, playback, basin map),
// run_panel.cpp (run list and the focused run's editor), timeline_panel.cpp
// (scrubber and f − f* plot), formula_box.cpp, sensitivity_panel.cpp.
#pragma once

#include <imgui.h>

#include "gui/explorer/explorer_state.hpp"
#include "gui/widgets/plot.hpp"
#include "gui/explorer/surface_view.hpp"
#include "surfaces/formula_surface.hpp"
#include "trajectory/sensitivity_job.hpp"

namespace mulab::gui {

// The formula box (formula_box.cpp): shown under the surface choice while
// "Custom formula" is chosen or the surface is a formula.
class FormulaBox {
 public:
  void draw(ExplorerState& state);
  bool open = false;  // chosen in the surface list, not yet applied

 private:
  void syncFrom(const ExplorerState& state);
  void apply(ExplorerState& state);
  char text_[kMaxFormulaLength + 1] = "x^2 + 3*y^2 - 2*cos(2*x)";
  double window_[4] = {-3, 3, -3, 3};
  std::string synced_;  // the scene's formula and window the box was last filled from
  Window synced_window_;
  bool synced_once_ = false;
  std::string error_, note_;
};

void drawSceneControls(ExplorerState& state);
void drawSurfaceControls(ExplorerState& state, FormulaBox& formula);
void drawViewControls(ExplorerState& state);
void drawPlaybackControls(ExplorerState& state);
void drawBasinControls(ExplorerState& state, SurfaceView& view);

void drawRunList(ExplorerState& state);
void drawRunEditor(ExplorerState& state);

// The f − f* plot of every run with the timeline's cursor, and the scrubber.
// `switch_view`, when given, adds a button to the sensitivity view that sets it.
struct TimelinePanel {
  PlotView plot_view;
  PlotLegend legend;
  void draw(ExplorerState& state, ImVec2 size, bool interactive = true, bool* switch_view = nullptr);
};

// The sensitivity view (sensitivity_panel.cpp): each rule's final f − f* or
// steps to tolerance against step size, median and quartile band over seeded
// starts, for the focused run's optimizer; computed by a SensitivityJob.
class SensitivityPanel {
 public:
  // `switch_view`, when given, adds a button back to the convergence plot that clears it.
  void draw(ExplorerState& state, ImVec2 size, bool interactive = true, bool* switch_view = nullptr);
  bool busy() const;     // a job is computing
  bool waiting() const;  // settings changed: a job starts once they rest
  void cancel();         // the user's Cancel: stays cancelled until asked again
  void stop();           // cancels and joins (the view was closed)
  bool deterministic = false;  // headless: start at once and wait for the job

 private:
  struct Key {
    const Surface* surface = nullptr;
    OptimizerConfig config;  // the focused run's, rule and step sizes cleared
    StopCriteria stop;
    int starts = 0;
    uint64_t seed = 0;
    bool has_runs = false;
    bool operator==(const Key&) const = default;
  };
  struct Curve {
    std::vector<double> x, mid, lo, hi;
  };
  Key keyFor(const ExplorerState& state) const;
  void sync(const ExplorerState& state);
  void start(const ExplorerState& state, const Key& key);
  void drawHeader(ExplorerState& state, bool* switch_view);

  std::unique_ptr<SensitivityJob> job_;
  Key job_key_, pending_key_;
  bool stale_ = false, cancelled_by_user_ = false;
  double changed_at_ = 0;
  Curve curves_[3];
  PlotView plot_view_;
  PlotLegend legend_;
};

}  // namespace mulab::gui
