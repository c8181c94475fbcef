// The surface explorer's model, shared by its views (controls, run list,
// surface view, plot and timeline, sensitivity, a network landscape). Data
// flows one way: settings (the scene and the runs' specs) -> core (the
// surface, one Trajectory per run computed up to the step budget: the
// preview) -> what the views draw at the timeline's cursor.
//
// Views read it through const accessors and change it only through the
// methods here, which keep the derived parts (previews, plots, version())
// consistent. Two kinds of change:
//   - the experiment: the surface (catalogue choice and parameters, formula
//     and window, found minima), the runs, the stop criteria and the scene's
//     title and description. Each user edit is one step of the undo history
//     (undo restores all of these, and the selection and focus with the runs).
//   - display preferences (2D/3D, colours, vectors, playback, the basin map
//     and sensitivity settings, the camera, pan and zoom, the cursor, hidden
//     runs): plain setters, never in the history, never bumping version().
// Built as its own library (mulab_explorer_model: no OpenGL, no ImGui) so
// tests/app/explorer_state_test.cpp links it alone.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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

  // [SECTION] Reading
  // The scene's settings. Its runs, view, camera and cursor are kept apart:
  // read them from runs(), view(), camera() and cursor(); toScene() puts the
  // whole scene together.
  const Scene& scene() const { return scene_; }
  const std::shared_ptr<const Surface>& surface() const { return surface_; }
  const std::vector<ExplorerRun>& runs() const { return runs_; }
  int focus() const { return focus_; }  // the run the editor, basin map and sensitivity use
  const ExplorerRun* focusedRun() const { return runs_.empty() ? nullptr : &runs_[focus_]; }
  // The parameter window shown (the 2D view widens it to equal scale).
  const Window& view() const { return view_; }
  const OrbitCamera& camera() const { return camera_; }
  double cursor() const { return cursor_; }  // the timeline position, in steps
  // The step budget and tolerance came from the previous surface or scene
  // (a new surface keeps them); the playback panel says so until they are set.
  bool stopCarriedOver() const { return stop_carried_over_; }
  std::optional<double> fStar() const { return surface_->globalMinimumValue(); }
  // Equal scale on both axes: the scene's choice, else on where the
  // surface's window is square.
  bool equalScale() const;
  // Bumped whenever a run's path or the surface changed (basin maps and
  // caches key on it); display preferences leave it alone.
  uint64_t version() const { return version_; }

  // An error for the banner (an invalid scene or surface, a landscape's
  // failure), taken once by whoever shows it.
  void reportError(std::string message) { error_ = std::move(message); }
  std::string takeError() { return std::exchange(error_, {}); }

  // [SECTION] Scenes
  // Replaces everything and starts a new history; an invalid scene changes
  // nothing and reports its error.
  bool applyScene(const Scene& s);
  Scene toScene() const;

  // [SECTION] The surface (each change is undoable)
  // The Surface box's choice: the view fits the surface's window and every
  // run starts from its standard start. Another surface than the one shown
  // clears the scene's title and description (they described the old one)
  // and carries the stop criteria over. An unknown name changes nothing and
  // reports the error.
  bool setSurface(const std::string& name, const SurfaceParams& params = {});
  // The shown catalogue surface's parameters (the quadratic bowl's condition
  // and rotation); the view and the starts stay. `undoable` false while a
  // slider is dragged (the drag pushed one history entry when it started).
  bool setSurfaceParams(const SurfaceParams& params, bool undoable = true);
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

  // [SECTION] A network landscape's surface (landscape_view.hpp)
  // Not user edits, so not in the history. The landscape takes over: the
  // runs are set aside (the toy optimisers do not run on a network's slice),
  // the basin map and equal scale go off, and the history ends here, so undo
  // never mixes the runs set aside with the landscape. A user's surface
  // change later ends the landscape and starts a new history: its jobs are
  // gone, so undo cannot bring it back.
  void beginLandscape();
  // Each level of the landscape's grid as it is computed; `fit` fits the view
  // to it (the first level).
  void showLandscapeSurface(std::shared_ptr<const Surface> surface, bool fit);

  // [SECTION] Runs (each change is undoable)
  void addRun(SceneRun spec);
  // A run with the focused run's settings (the defaults when there is none)
  // in the next palette colour, from `start`, else from the focused run's
  // start (the surface's standard start when there is none).
  void addRunLikeFocused(std::optional<Vec2> start = std::nullopt);
  void removeRun(int index);
  // Replaces a run's settings; `undoable` false while a slider is dragged
  // (the drag pushed one history entry when it started).
  void setRunSpec(int index, const SceneRun& spec, bool undoable = true);
  void moveSelectedStarts(const Vec2& start);
  // `count` runs in place of all of them, each the focused run's settings
  // changed by vary(spec, i), in the palette's colours, all selected.
  void replaceWithVariants(int count, void (*vary)(SceneRun&, int));
  void setStop(const StopCriteria& stop, bool undoable = true);
  // The scene's title and description; `undoable` false for a text box's
  // keystrokes after the first of an edit.
  void setTitle(const std::string& title, bool undoable = true);
  void setDescription(const std::string& description, bool undoable = true);
  // Focus and selection: not an edit (no history entry), but undo restores
  // them with the runs. `add` toggles the run in the selection.
  void select(int index, bool add);

  // [SECTION] Undo / redo of every edit above (explorer_history.cpp)
  static constexpr size_t kMaxUndo = 200;  // the oldest entries go
  // Records the experiment as it is now: the start of a drag or a typing
  // session, whose changes then pass undoable = false.
  void pushUndo();
  bool undo();
  bool redo();
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }

  // [SECTION] Display preferences (not undoable, version() stays)
  void setThreeD(bool on) { scene_.three_d = on; }
  void setEqualScale(bool on) { scene_.equal_scale = on; }
  void setColormap(const std::string& name) { scene_.colormap = name; }
  void setLogScale(bool on) { scene_.log_scale = on; }
  void setContours(int contours) { scene_.contours = contours; }
  void setVectors(const VectorToggles& vectors) { scene_.vectors = vectors; }
  void setPlaying(bool playing) { scene_.playing = playing; }
  void setStepsPerSecond(double sps) { scene_.steps_per_second = sps; }
  void setBasinMap(bool on) { scene_.basin_map = on; }
  void setBasinResolution(int resolution) { scene_.basin_resolution = resolution; }
  void setSensitivity(const SensitivitySettings& s) { scene_.sensitivity = s; }
  void setCamera(const OrbitCamera& camera) { camera_ = camera; }
  void setView(const Window& view) { view_ = view; }
  void fitView();  // the surface's window, the default camera
  void setRunHidden(int index, bool hidden);

  // [SECTION] Previews and the timeline (explorer_previews.cpp)
  // Steps unfinished previews for at most `seconds` (all of them to the end
  // when seconds < 0: screenshots and tests are deterministic).
  void advancePreviews(double seconds);
  bool previewsDone() const;
  long endStep() const;  // the last stop step over the visible runs
  void setCursor(double step);
  // Moves the cursor by playback; returns true while something moves.
  bool play(double dt);
  bool animating() const;
  // The step a run shows at the cursor (its stop step once it has stopped).
  long stepShown(const ExplorerRun& run) const;
  // Every run's recorded path as one tidy CSV: run id, label, every setting,
  // then step, x, y, f and f − f*.
  std::string runsCsv() const;

 private:
  // What undo restores: the runs with their selection, and the surface, stop
  // criteria and title they were computed under.
  struct Snapshot {
    std::vector<SceneRun> specs;
    std::vector<bool> selected;
    int focus = 0;
    // The surface part is put back only when a surface edit lies between
    // (surface_id differs): undoing a start move leaves pan and zoom alone.
    uint64_t surface_id = 0;
    std::shared_ptr<const Surface> surface;
    std::string surface_name, formula;
    SurfaceParams surface_params;
    Window formula_window, view;
    bool formula_minima = false, stop_carried_over = false;
    StopCriteria stop;
    std::string title, description;
  };
  Snapshot snapshot() const;
  void restore(const Snapshot& s);
  // One step back (undo_ to redo_) or forward (redo_ to undo_).
  bool travel(std::deque<Snapshot>& from, std::deque<Snapshot>& to);
  void clearHistory();
  // Before a user's change of the surface: one history entry (when
  // `undoable`), or a new history when a landscape's surface is left.
  void beginSurfaceEdit(bool undoable);
  // The scene's surface name; another surface than the one shown clears the
  // title and description and carries the stop criteria over.
  void nameSurface(const std::string& name);
  // New previews for every run (the surface or the stop test changed).
  void recomputeRuns();
  ExplorerRun makeRun(SceneRun spec, bool selected);
  void resetPreview(ExplorerRun& run);
  void refreshPlot(ExplorerRun& run);

  Scene scene_;  // the settings; runs, view, camera and cursor live apart
  std::shared_ptr<const Surface> surface_;
  Window view_;
  OrbitCamera camera_;
  std::vector<ExplorerRun> runs_;
  int focus_ = 0;
  double cursor_ = 0;
  bool stop_carried_over_ = false;
  std::string error_;
  bool landscape_ = false;  // the surface is a network landscape's
  std::deque<Snapshot> undo_, redo_;
  // Names the surface state a user edit made (a landscape's levels keep it):
  // a snapshot with another id carries another surface.
  uint64_t surface_id_ = 0, next_surface_id_ = 1;
  uint64_t version_ = 0;
  int next_id_ = 1;
};

// A run's legend label: "Adam + hybrid(gamma=0.5)".
std::string runLabel(const SceneRun& run);

}  // namespace mulab::gui
