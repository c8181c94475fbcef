#include "gui/explorer/explorer.hpp"

#include <imgui.h>

#include <GLFW/glfw3.h>
#include <algorithm>
#include <cmath>

#include "gui/widgets/ui_style.hpp"
#include "platform/features.hpp"

namespace mulab::gui {

// [SECTION] Landscapes

void ExplorerRoom::openLandscape(LandscapeRequest request, std::vector<Color> colors) {
  landscape_.open(std::move(request), std::move(colors));
  view_.overlay = [this](ImDrawList* dl, const ViewMapping& m, const SurfaceView::ProjectFn& project, bool three_d) {
    landscape_.drawOverlay(dl, m, project, three_d);
  };
  view_.hover = [this](const ViewMapping& m, const Vec2& at) { return landscape_.drawHover(m, at); };
}

void ExplorerRoom::openLabLandscape(LandscapeRequest request, std::vector<Color> colors) {
  // Not an edit of the user's: the landscape ends the history when it shows.
  state_.setTitle("", /*undoable=*/false);
  state_.setDescription("", /*undoable=*/false);
  scene_landscape_.reset();  // lab runs live in memory: a saved scene cannot name them
  openLandscape(std::move(request), std::move(colors));
}

// [SECTION] Scenes

bool ExplorerRoom::applyScene(const Scene& scene) {
  // The scene's landscape folders are read before anything changes: a bad
  // folder leaves the explorer as it was.
  std::optional<LandscapeRequest> landscape;
  if (scene.landscape) {
    const std::string data_dir = !scene.landscape->data_dir.empty() ? scene.landscape->data_dir : shell_.dataDir();
    auto r = landscapeFromScene(*scene.landscape, data_dir);
    if (!r) {
      shell_.showError(r.error());
      return false;
    }
    landscape = std::move(*r);
  }
  if (!state_.applyScene(scene)) {
    forwardErrors();
    return false;
  }
  landscape_.close();
  scene_landscape_ = scene.landscape;
  if (landscape) openLandscape(std::move(*landscape));
  timeline_ = TimelinePanel{};
  formula_.open = false;
  return true;
}

void ExplorerRoom::fillScene(Scene& scene) const {
  // The lab's part of the scene is the lab's: keep it.
  Scene s = state_.toScene();
  s.lab_runs = std::move(scene.lab_runs);
  s.lab_plot = scene.lab_plot;
  s.lab_sweep = std::move(scene.lab_sweep);
  s.landscape = landscape_.active() ? scene_landscape_ : std::nullopt;
  scene = std::move(s);
}

void ExplorerRoom::beginRecording(bool from_start) {
  recording_ = true;
  state_.setPlaying(true);
  if (from_start) state_.setCursor(0);
}

bool ExplorerRoom::busy(bool shown) const {
  const bool sensitivity = state_.scene().sensitivity.shown && (sensitivity_.busy() || sensitivity_.waiting());
  return recording_ || landscape_.busy() || view_.basinBusy() ||
         (shown && (state_.animating() || view_.pendingClickIn().has_value() || sensitivity));
}

void ExplorerRoom::stop() {
  sensitivity_.stop();
  landscape_.close();
}

void ExplorerRoom::forwardErrors() {
  const std::string error = state_.takeError();
  if (!error.empty()) shell_.showError(error);
}

bool ExplorerRoom::drawExport(ExportRequest::What what) {
  using What = ExportRequest::What;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (what == What::kSurfaceView || what == What::kSurfaceGif) {
    view_.draw(state_, avail, false);
  } else if (what == What::kExplorerPlot) {
    if (state_.scene().sensitivity.shown) {
      sensitivity_.draw(state_, avail, false);
    } else {
      timeline_.draw(state_, avail, false);
    }
  } else {
    return false;
  }
  return true;
}

// [SECTION] Frame

void ExplorerRoom::update(float dt) {
  // Previews: all at once when deterministic, else a slice of the frame.
  state_.advancePreviews(deterministic_ ? -1.0 : 0.008);
  landscape_.sync(state_, deterministic_);
  landscape_.play(dt);
  view_.x_label = landscape_.xAxisLabel();
  state_.play(dt);
  forwardErrors();
}

void ExplorerRoom::draw() {
  // The settings column takes at most about a third of the window, so the
  // view stays the largest thing on screen at 2x on a small window too; in
  // presentation mode it is hidden.
  if (!presenting_) {
    const float left_w = std::min(ui::px(340), 0.36f * ImGui::GetContentRegionAvail().x);
    ImGui::BeginChild("controls", ImVec2(left_w, 0), true);
    drawSceneControls(state_);
    landscape_.drawControls(state_);
    drawSurfaceControls(state_, formula_);
    drawViewControls(state_);
    // A network landscape has no toy runs to play, edit or map basins for.
    if (!landscape_.active()) {
      drawPlaybackControls(state_);
      drawRunList(state_);
      drawRunEditor(state_);
      drawBasinControls(state_, view_);
    }
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float plot_h = std::min(std::clamp(avail.y * 0.32f, ui::px(140), ui::px(300)), avail.y * 0.4f);
  view_.draw(state_, ImVec2(avail.x, avail.y - plot_h - ImGui::GetStyle().ItemSpacing.y), true);
  drawBottomPanel(ImVec2(avail.x, plot_h));
  ImGui::EndGroup();
  forwardErrors();
}

void ExplorerRoom::drawBottomPanel(ImVec2 size) {
  // Two views share the space under the surface, each with a button to the
  // other in its control row (a row of its own would squeeze the plot at 2x);
  // the choice is part of the scene, so a saved scene (and a screenshot test)
  // opens on the same one.
  bool shown = state_.scene().sensitivity.shown;
  if (landscape_.active()) {
    landscape_.drawTable(size);
  } else if (shown) {
    sensitivity_.draw(state_, size, true, &shown);
  } else {
    timeline_.draw(state_, size, true, &shown);
  }
  if (shown != state_.scene().sensitivity.shown) {
    SensitivitySettings s = state_.scene().sensitivity;
    s.shown = shown;
    state_.setSensitivity(s);
  }
}

// [SECTION] Keys and menus

void ExplorerRoom::handleKeys() {
  const Scene& s = state_.scene();
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) state_.setPlaying(!s.playing);
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) state_.setCursor(std::floor(state_.cursor()) + 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_COMMA)) state_.setCursor(std::ceil(state_.cursor()) - 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) state_.setCursor(0);
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) state_.fitView();
  if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) state_.setThreeD(!s.three_d);
  if (ImGui::IsKeyPressed(GLFW_KEY_DELETE, false)) state_.removeRun(state_.focus());
  if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) presenting_ = !presenting_;
}

const char* ExplorerRoom::keysHelp() const {
  return "Space  play / pause         .  ,  step forward / back\n"
         "R      back to step 0       F     fit the window\n"
         "3      2D / 3D              P     presentation mode (view and plot only)\n"
         "Ctrl+Z undo, Ctrl+Shift+Z redo, Delete removes the focused run\n"
         "Click: move the selected runs' starts. Shift-click: add a run there.\n"
         "Drag: pan (2D) or orbit (3D). Wheel: zoom about the cursor. Double-click: fit.";
}

void ExplorerRoom::fileMenu() {
  using What = ExportRequest::What;
  if (ImGui::MenuItem("Export surface view as PNG...", "Ctrl+E")) shell_.askExport(What::kSurfaceView);
  if (ImGui::MenuItem("Export convergence plot as PNG...")) shell_.askExport(What::kExplorerPlot);
  if constexpr (platform::kGifExport) {
    if (ImGui::MenuItem("Export GIF...", nullptr, false, !recording_)) shell_.askExport(What::kSurfaceGif);
  }
  if (ImGui::MenuItem("Export runs as CSV...")) {
    shell_.askTextExport("Export runs (CSV)", "runs.csv", [this] { return state_.runsCsv(); });
  }
}

void ExplorerRoom::viewMenu() {
  if (ImGui::MenuItem("3D view", "3", state_.scene().three_d)) state_.setThreeD(!state_.scene().three_d);
  if (ImGui::MenuItem("Fit surface window", "F / double-click")) state_.fitView();
  if (ImGui::MenuItem("Presentation mode (hide the settings)", "P", presenting_)) presenting_ = !presenting_;
  bool equal = state_.equalScale();
  if (ImGui::MenuItem("Equal scale on both axes", nullptr, &equal)) state_.setEqualScale(equal);
}

}  // namespace mulab::gui
