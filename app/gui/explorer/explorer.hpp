// The surface explorer, a room of the window (room.hpp): the settings
// column, the surface view and, under it, the convergence plot, the
// sensitivity view or a network landscape's table. Its state is one
// ExplorerState; a scene file reproduces it.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>

#include "gui/explorer/explorer_panels.hpp"
#include "gui/explorer/explorer_state.hpp"
#include "gui/landscape/landscape_view.hpp"
#include "gui/shell/room.hpp"
#include "gui/explorer/surface_view.hpp"

namespace mulab::gui {

class ExplorerRoom final : public Room {
 public:
  explicit ExplorerRoom(ShellServices& shell) : shell_(shell) {}
  std::optional<std::string> initGraphics() { return view_.initGraphics(); }

  // A network landscape from the lab's runs, shown as the surface; the one
  // shown before is cancelled and joined. The toy surface's title and
  // description go: they no longer describe the view. colors[k] draws run k.
  void openLabLandscape(LandscapeRequest request, std::vector<Color> colors);
  // While a GIF records, playback runs (at the main loop's fixed time step).
  void beginRecording(bool from_start);
  void endRecording() { recording_ = false; }

  // [SECTION] Room
  const char* title() const override { return "Surface explorer"; }
  const char* sceneName() const override { return "explorer"; }
  void update(float dt) override;
  void draw() override;
  bool busy(bool shown) const override;
  std::optional<double> nextWakeup() const override { return view_.pendingClickIn(); }
  void setDeterministic(bool on) override { deterministic_ = view_.deterministic = sensitivity_.deterministic = on; }
  bool applyScene(const Scene& scene) override;
  void fillScene(Scene& scene) const override;
  void fileMenu() override;
  void viewMenu() override;
  const char* keysHelp() const override;
  void handleKeys() override;
  ExportRequest::What mainExport() const override { return ExportRequest::What::kSurfaceView; }
  bool drawExport(ExportRequest::What what) override;
  bool canUndo() const override { return state_.canUndo(); }
  bool canRedo() const override { return state_.canRedo(); }
  void undo() override { state_.undo(); }
  void redo() override { state_.redo(); }
  void stop() override;

 private:
  void openLandscape(LandscapeRequest request, std::vector<Color> colors = {});
  void drawBottomPanel(ImVec2 size);  // the convergence plot or the sensitivity view
  void forwardErrors();               // the model's errors to the shell's banner

  ShellServices& shell_;
  ExplorerState state_;
  SurfaceView view_;
  TimelinePanel timeline_;
  FormulaBox formula_;
  SensitivityPanel sensitivity_;  // its job is joined when the explorer goes
  LandscapeView landscape_;       // likewise
  std::optional<SceneLandscape> scene_landscape_;  // what a saved scene writes back
  bool deterministic_ = false;
  bool presenting_ = false;  // the settings column hidden
  bool recording_ = false;
};

}  // namespace mulab::gui
