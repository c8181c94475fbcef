// The surface explorer's model, shared by its views (controls, run list,
// surface view, plot and timeline, sensitivity). Data flows one way:
// settings (the scene and the runs' specs) -> core (the surface, one
// Trajectory per run computed up to the step budget: the preview) -> what the
// views draw at the timeline's cursor. Views change settings only through
// the methods here, which keep the derived parts consistent, and every change
// a user can make to runs goes through the undo history.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/explorer/orbit_camera.hpp"
#include "scene/scene.hpp"
#include "trajectory/trajectory.hpp"

namespace mulab::gui {

struct ExplorerRun {
  SceneRun spec;
  // The whole path up to the step budget, stepped a time slice per frame
  // until done (usually within the first frame); the timeline's cursor picks
  // the step every view shows.
  std::unique_ptr<Trajectory> preview;
  std::vector<double> plot_x, plot_y;  // step and f - f* (or f) of each recorded point
  long plot_stride = 1;
  bool selected = false;  // clicks on the surface move every selected run's start
  bool hidden = false;    // hidden from the view and the plot (legend click)
  int id = 0;             // stable identity for exports and the legend
};

class ExplorerState {
 public:
  ExplorerState();

  // [SECTION] Settings
  Scene scene;  // surface, view options, stop criteria, playback; runs live in `runs`
  std::shared_ptr<const Surface> surface;
  Window view;  // the parameter window shown (the 2D view widens it to equal scale)
  OrbitCamera camera;
  std::vector<ExplorerRun> runs;
  int focus = 0;  // the run the editor shows and the basin map / sensitivity use
  std::string error;  // shown in the banner
  // The step budget and tolerance came from the previous surface or scene
  // (a new surface keeps them); the playback panel says so until they are set.
  bool stop_carried_over = false;

  // Replaces everything; an invalid scene changes nothing and sets `error`.
  bool applyScene(const Scene& s);
  Scene toScene() const;
  // A new surface: the view fits its window and, with `restart`, every run
  // starts from its standard start. The scene's title and description are
  // cleared: they described the old surface.
  bool setSurface(const std::string& name, const SurfaceParams& params, bool restart);
  void fitView();
  // The formula box: a surface typed as f(x, y) over `window`. A formula
  // that does not parse, names unknown things or is NaN on most of the
  // window returns its error and changes nothing (surface, runs and view
  // stay). Runs whose start lies in the new window keep it; the others start
  // from the surface's standard start.
  std::optional<std::string> setFormulaSurface(const std::string& formula, const Window& window);
  // Searches the formula surface's window for minima (grid + local
  // refinement, minima_search.hpp) so f − f* and the tolerance work; returns
  // a note when none lies inside the window.
  std::optional<std::string> findFormulaMinima();

  // [SECTION] Runs (each change is undoable)
  void addRun(SceneRun spec);
  void removeRun(int index);
  // Replaces a run's settings; `undoable` false while a slider is dragged
  // (the drag pushed one history entry when it started).
  void setRunSpec(int index, const SceneRun& spec, bool undoable = true);
  void moveSelectedStarts(const Vec2& start);
  void replaceWithVariants(int count, void (*vary)(SceneRun&, int));
  void select(int index, bool add);
  void setStop(const StopCriteria& stop);

  // [SECTION] Undo / redo of run edits, start moves, additions and removals
  void pushUndo();  // records the runs as they are now
  bool undo();
  bool redo();
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }

  // [SECTION] Previews and the timeline
  // Steps unfinished previews for at most `seconds` (all of them to the end
  // when seconds < 0: screenshots and tests are deterministic).
  void advancePreviews(double seconds);
  bool previewsDone() const;
  long endStep() const;  // the last stop step over the visible runs
  double cursor = 0;     // the timeline position, in steps
  void setCursor(double step);
  // Moves the cursor by playback; returns true while something moves.
  bool play(double dt);
  bool animating() const;
  // The step a run shows at the cursor (its stop step once it has stopped).
  long stepShown(const ExplorerRun& run) const;
  std::optional<double> fStar() const { return surface->globalMinimumValue(); }

  // Equal scale on both axes: the scene's choice, else on where the surface's
  // window is square.
  bool equalScale() const;
  // Every run's recorded path as one tidy CSV: run id, label, every setting,
  // then step, x, y, f and f − f*.
  std::string runsCsv() const;

  // Bumped whenever a run's path or the surface changed (basin and caches key on it).
  uint64_t version() const { return version_; }

 private:
  struct Snapshot {
    std::vector<SceneRun> specs;
    std::vector<bool> selected;
    int focus = 0;
  };
  Snapshot snapshot() const;
  void restore(const Snapshot& s);
  void resetPreview(ExplorerRun& run);
  void refreshPlot(ExplorerRun& run);

  std::deque<Snapshot> undo_, redo_;
  uint64_t version_ = 0;
  int next_id_ = 1;
};

// A run's legend label: "Adam + hybrid(gamma=0.5)".
std::string runLabel(const SceneRun& run);

}  // namespace mulab::gui
