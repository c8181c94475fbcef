// The app's window: menus, the error banner, and two tabs — the surface
// explorer (settings column, surface view, timeline plot) and the training
// lab. Its whole state round-trips through core's Scene, so a scene file
// reproduces what is on screen.
#pragma once

#include <imgui.h>

#include <deque>
#include <optional>
#include <string>

#include "gui/explorer_panels.hpp"
#include "gui/explorer_state.hpp"
#include "gui/landscape_view.hpp"
#include "gui/export_request.hpp"
#include "gui/surface_view.hpp"

namespace mulab::gui {

class TrainingLab;

class SurfaceExplorer {
 public:
  std::optional<std::string> initGraphics() { return view_.initGraphics(); }
  // Replaces the explorer's state; the training lab adds the scene's lab runs
  // to its own (it never loses runs to a scene). A bad scene changes nothing.
  void applyScene(const Scene& scene);
  Scene currentScene() const;
  bool openScene(const std::string& path);
  // Saves the session (the scene and every lab run's curves) to the config
  // folder, and restores it; restoring a missing session does nothing.
  std::optional<std::string> saveSession() const;
  void restoreSession();
  void showError(const std::string& message) { state_.error = message; }
  const std::string& errorText() const { return state_.error; }
  void attachLab(TrainingLab* lab);
  // Shows a network landscape as the surface (the lab's "Landscape" action);
  // the one shown before is cancelled and joined. colors[k] draws run k.
  void openLandscape(LandscapeRequest request, std::vector<Color> colors = {});
  bool landscapeBusy() const { return landscape_.busy(); }
  void setDeterministic(bool on) { deterministic_ = view_.deterministic = sensitivity_.deterministic = on; }

  // Builds one frame of the UI; `dt` is the time step in seconds.
  void frame(float dt);
  // Whether the next frame would differ without input: previews computing,
  // playback moving, a basin map filling in, a click waiting.
  bool animating() const;
  // Seconds until something time-based happens (a pending click), if any.
  std::optional<double> nextWakeup() const { return view_.pendingClickIn(); }
  bool basinBusy() const { return view_.basinBusy(); }

  // Exports the main loop performs (at most one per frame).
  std::optional<ExportRequest> takeExport();
  // Headless `--record`: a GIF of the view from the first frame on.
  void requestRecording(const std::string& path, int w, int h, int frames);
  // While a GIF records, playback runs (at the main loop's fixed time step).
  void beginRecording(bool from_start);
  void endRecording() { recording_ = false; }
  // Draws the part an offscreen export shows, filling the current window.
  void drawExport(ExportRequest::What what);
  bool quit_requested = false;

 private:
  void drawMenuBar();
  void drawExplorerTab();
  void drawBottomPanel(ImVec2 size);  // the convergence plot or the sensitivity view
  void handleKeys();
  void requestOpen();  // a path dialog, or the platform's file picker
  void requestExport(ExportRequest::What what, const std::string& path, int w, int h, int frames = 0);

  ExplorerState state_;
  SurfaceView view_;
  TimelinePanel timeline_;
  FormulaBox formula_;
  SensitivityPanel sensitivity_;  // its job is joined when the explorer goes
  LandscapeView landscape_;       // likewise
  std::optional<SceneLandscape> scene_landscape_;  // what a saved scene writes back
  TrainingLab* lab_ = nullptr;
  bool deterministic_ = false;
  bool presenting_ = false;  // the settings column hidden
  int active_tab_ = 0, select_tab_ = -1;
  std::deque<ExportRequest> exports_;  // in the order asked, none ever dropped
  int export_delay_ = 0;  // frames to wait so the dialog that asked is gone

  char path_buf_[512] = "scene.json";
  char shot_buf_[512] = "mulab.png";
  char csv_buf_[512] = "runs.csv";
  int export_size_[2] = {1920, 1080};
  char gif_buf_[512] = "mulab.gif";
  int gif_size_[2] = {960, 600};
  int gif_frames_ = 100;
  bool gif_popup_ = false, recording_ = false;
  ExportRequest::What export_what_ = ExportRequest::What::kSurfaceView;
  bool open_popup_ = false, save_popup_ = false, shot_popup_ = false, export_popup_ = false,
       csv_popup_ = false;
};

// Shipped scenes (assets/scenes/*.json), sorted by file name.
std::vector<std::string> shippedScenes();

}  // namespace mulab::gui
