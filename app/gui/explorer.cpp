#include "gui/explorer.hpp"

#include <imgui.h>

#include <GLFW/glfw3.h>
#include <algorithm>
#include <filesystem>

#include "gui/draw_limits.hpp"
#include "gui/gif_recording.hpp"
#include "gui/session.hpp"
#include "gui/training_lab.hpp"
#include "gui/ui_style.hpp"
#include "gui/widgets.hpp"
#include "platform/features.hpp"
#include "platform/platform.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {

std::vector<std::string> shippedScenes() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(MULAB_ASSET_DIR "/scenes", ec)) {
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void SurfaceExplorer::attachLab(TrainingLab* lab) {
  lab_ = lab;
  if (lab_) {
    lab_->open_landscape = [this](LandscapeRequest r, std::vector<Color> colors) {
      // The toy surface's title and description no longer describe the view.
      state_.scene.title.clear();
      state_.scene.description.clear();
      scene_landscape_.reset();  // lab runs live in memory: a saved scene cannot name them
      openLandscape(std::move(r), std::move(colors));
    };
  }
}

void SurfaceExplorer::openLandscape(LandscapeRequest request, std::vector<Color> colors) {
  landscape_.open(std::move(request), std::move(colors));
  select_tab_ = 0;
  view_.overlay = [this](ImDrawList* dl, const ViewMapping& m, const SurfaceView::ProjectFn& project, bool three_d) {
    landscape_.drawOverlay(dl, m, project, three_d);
  };
  view_.hover = [this](const ViewMapping& m, const Vec2& at) { return landscape_.drawHover(m, at); };
}

void SurfaceExplorer::applyScene(const Scene& scene) {
  // The scene's landscape folders are read before anything changes: a bad
  // folder leaves the explorer as it was.
  std::optional<LandscapeRequest> landscape;
  if (scene.landscape) {
    const std::string data_dir = !scene.landscape->data_dir.empty() ? scene.landscape->data_dir
                                 : lab_                               ? lab_->dataDir()
                                                                      : resolveDataDir("");
    auto r = landscapeFromScene(*scene.landscape, data_dir);
    if (!r) {
      state_.error = r.error();
      return;
    }
    landscape = std::move(*r);
  }
  if (!state_.applyScene(scene)) return;
  landscape_.close();
  scene_landscape_ = scene.landscape;
  if (landscape) openLandscape(std::move(*landscape));
  if (lab_) lab_->applyScene(scene);
  select_tab_ = scene.tab == "lab" ? 1 : 0;
  timeline_ = TimelinePanel{};
  formula_.open = false;
}

Scene SurfaceExplorer::currentScene() const {
  Scene s = state_.toScene();
  s.tab = active_tab_ == 1 ? "lab" : "explorer";
  if (landscape_.active()) s.landscape = scene_landscape_;
  if (lab_) lab_->fillScene(s);
  return s;
}

bool SurfaceExplorer::openScene(const std::string& path) {
  auto s = loadScene(path);
  if (!s) {
    state_.error = s.error();
    return false;
  }
  applyScene(*s);
  state_.error.clear();
  return true;
}

std::optional<std::string> SurfaceExplorer::saveSession() const {
  const std::string dir = sessionDir();
  if (dir.empty()) return std::nullopt;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return dir + ": " + ec.message();
  Scene s = state_.toScene();
  s.tab = active_tab_ == 1 ? "lab" : "explorer";
  auto err = lab_ ? lab_->saveSession(s, dir) : std::nullopt;
  if (auto e = saveScene(s, sessionScenePath())) return e;
  return err;
}

void SurfaceExplorer::restoreSession() {
  const std::string path = sessionScenePath();
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return;
  auto s = loadScene(path);
  if (!s) {
    state_.error = "the last session could not be restored: " + s.error();
    return;
  }
  applyScene(*s);
}

bool SurfaceExplorer::animating() const {
  // A pending export needs frames too: it waits for one without any dialog.
  const bool sensitivity = state_.scene.sensitivity.shown && (sensitivity_.busy() || sensitivity_.waiting());
  return !exports_.empty() || recording_ || landscape_.busy() ||
         (active_tab_ == 0 && (state_.animating() || view_.pendingClickIn().has_value() || sensitivity));
}

std::optional<ExportRequest> SurfaceExplorer::takeExport() {
  if (exports_.empty() || export_delay_ > 0) return std::nullopt;
  // A screenshot of the window is taken from a frame with no dialog in it.
  if (exports_.front().what == ExportRequest::What::kWindow && ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    return std::nullopt;
  }
  ExportRequest r = std::move(exports_.front());
  exports_.pop_front();
  return r;
}

void SurfaceExplorer::requestOpen() {
  // The browser has no paths to type: its file picker uploads the file instead.
  if (!platform::pickFileToOpen(".json", [this](const std::string& path) { openScene(path); })) open_popup_ = true;
}

void SurfaceExplorer::requestExport(ExportRequest::What what, const std::string& path, int w, int h, int frames) {
  if (auto err = checkOutputPath(path)) {
    state_.error = *err;
    return;
  }
  // A GIF from the menu plays from step 0: a slide shows the whole story.
  exports_.push_back(ExportRequest{what, path, w, h, frames, what == ExportRequest::What::kSurfaceGif});
  export_delay_ = 2;  // the frame that closes the dialog, then a clean one
}

void SurfaceExplorer::requestRecording(const std::string& path, int w, int h, int frames) {
  exports_.push_back(ExportRequest{ExportRequest::What::kSurfaceGif, path, w, h, frames, false});
}

void SurfaceExplorer::beginRecording(bool from_start) {
  recording_ = true;
  state_.scene.playing = true;
  if (from_start) state_.setCursor(0);
}

void SurfaceExplorer::drawExport(ExportRequest::What what) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (what == ExportRequest::What::kSurfaceView) view_.draw(state_, avail, false);
  if (what == ExportRequest::What::kExplorerPlot) {
    if (state_.scene.sensitivity.shown) {
      sensitivity_.draw(state_, avail, false);
    } else {
      timeline_.draw(state_, avail, false);
    }
  }
  if (lab_ && (what == ExportRequest::What::kLabLoss || what == ExportRequest::What::kLabAccuracy)) {
    lab_->drawExport(what == ExportRequest::What::kLabLoss);
  }
}

// [SECTION] Frame

void SurfaceExplorer::frame(float dt) {
  handleKeys();
  if (export_delay_ > 0) --export_delay_;
  if (lab_ && !lab_->error.empty()) {
    state_.error = lab_->error;
    lab_->error.clear();
  }
  // Previews: all at once when deterministic, else a slice of the frame.
  state_.advancePreviews(deterministic_ ? -1.0 : 0.008);
  landscape_.sync(state_, deterministic_);
  landscape_.play(dt);
  view_.x_label = landscape_.xAxisLabel();
  state_.play(dt);

  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("mulab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  drawMenuBar();
  if (!state_.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.45f, 0.08f, 0.08f, 1.0f));
    ImGui::BeginChild("error", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 2.2f), true);
    ImGui::TextWrapped("%s", clipText(state_.error).c_str());
    if (ImGui::SmallButton("Dismiss")) state_.error.clear();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  if (ImGui::BeginTabBar("tabs")) {
    if (lab_ && lab_->request_tab) select_tab_ = 1;
    if (lab_) lab_->request_tab = false;
    const ImGuiTabItemFlags explorer_flags = select_tab_ == 0 ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags lab_flags = select_tab_ == 1 ? ImGuiTabItemFlags_SetSelected : 0;
    select_tab_ = -1;
    if (ImGui::BeginTabItem("Surface explorer", nullptr, explorer_flags)) {
      active_tab_ = 0;
      drawExplorerTab();
      ImGui::EndTabItem();
    }
    if (lab_ && ImGui::BeginTabItem("Training lab", nullptr, lab_flags)) {
      active_tab_ = 1;
      lab_->draw();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

  pathPopup(open_popup_, "Open scene", path_buf_, sizeof path_buf_, [&](const std::string& p) { openScene(p); });
  pathPopup(save_popup_, "Save scene", path_buf_, sizeof path_buf_, [&](const std::string& p) {
    if (auto err = saveScene(currentScene(), p)) state_.error = *err;
  });
  pathPopup(shot_popup_, "Screenshot of the window (PNG)", shot_buf_, sizeof shot_buf_,
            [&](const std::string& p) { requestExport(ExportRequest::What::kWindow, p, 0, 0); });
  exportPopup(export_popup_, "Export as PNG", shot_buf_, sizeof shot_buf_, export_size_,
              [&](const std::string& p) { requestExport(export_what_, p, export_size_[0], export_size_[1]); });
  exportPopup(gif_popup_, "Export GIF of the surface view", gif_buf_, sizeof gif_buf_, gif_size_,
              [&](const std::string& p) {
                requestExport(ExportRequest::What::kSurfaceGif, p, gif_size_[0], gif_size_[1], gif_frames_);
              },
              &gif_frames_, GifRecording::kMaxFrames, "Plays from step 0 at 25 frames per second.");
  pathPopup(csv_popup_, "Export runs (CSV)", csv_buf_, sizeof csv_buf_, [&](const std::string& p) {
    if (auto err = writeFileAtomically(p, state_.runsCsv())) state_.error = *err;
  });
  ImGui::End();
}

void SurfaceExplorer::drawExplorerTab() {
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
}

void SurfaceExplorer::drawBottomPanel(ImVec2 size) {
  // Two views share the space under the surface, each with a button to the
  // other in its control row (a row of its own would squeeze the plot at 2x);
  // the choice is part of the scene, so a saved scene (and a screenshot test)
  // opens on the same one.
  bool& shown = state_.scene.sensitivity.shown;
  if (landscape_.active()) {
    landscape_.drawTable(size);
  } else if (shown) {
    sensitivity_.draw(state_, size, true, &shown);
  } else {
    timeline_.draw(state_, size, true, &shown);
  }
}

void SurfaceExplorer::handleKeys() {
  const ImGuiIO& io = ImGui::GetIO();
  // No shortcuts while a dialog is open (what is typed there is a path, even
  // before its field takes the focus) or a text field is active. WantTextInput
  // describes the previous frame: right after a dialog's field closed it is
  // still set, so also ask whether a field is active now.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  if (io.WantTextInput && ImGui::IsAnyItemActive()) return;
  Scene& s = state_.scene;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z, true)) {
    if (io.KeyShift) {
      state_.redo();
    } else {
      state_.undo();
    }
    return;
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y, true)) state_.redo();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) requestOpen();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) save_popup_ = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) quit_requested = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_E, false)) {
    export_what_ = active_tab_ == 1 ? ExportRequest::What::kLabLoss : ExportRequest::What::kSurfaceView;
    export_popup_ = true;
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false)) ui::requestScale(ui::scale() < 1.25f ? 1.5f : 2.0f);
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_MINUS, false)) ui::requestScale(ui::scale() > 1.75f ? 1.5f : 1.0f);
  if (io.KeyCtrl || active_tab_ != 0) return;  // the rest belong to the explorer
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) s.playing = !s.playing;
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) state_.setCursor(std::floor(state_.cursor) + 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_COMMA)) state_.setCursor(std::ceil(state_.cursor) - 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) state_.setCursor(0);
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) state_.fitView();
  if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) s.three_d = !s.three_d;
  if (ImGui::IsKeyPressed(GLFW_KEY_DELETE, false)) state_.removeRun(state_.focus);
  if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) shot_popup_ = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) presenting_ = !presenting_;
}

void SurfaceExplorer::drawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scene...", "Ctrl+O")) requestOpen();
    if (ImGui::MenuItem("Save scene as...", "Ctrl+S")) save_popup_ = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Screenshot of the window...", "F12")) shot_popup_ = true;
    if (ImGui::MenuItem("Export surface view as PNG...", "Ctrl+E")) {
      export_what_ = ExportRequest::What::kSurfaceView;
      export_popup_ = true;
    }
    if (ImGui::MenuItem("Export convergence plot as PNG...")) {
      export_what_ = ExportRequest::What::kExplorerPlot;
      export_popup_ = true;
    }
    if constexpr (platform::kGifExport) {
      if (ImGui::MenuItem("Export GIF...", nullptr, false, !recording_)) gif_popup_ = true;
    }
    if (ImGui::MenuItem("Export runs as CSV...")) csv_popup_ = true;
    if (lab_) lab_->fileMenuItems(export_what_, export_popup_);
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_requested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, state_.canUndo())) state_.undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, state_.canRedo())) state_.redo();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Scenes")) {
    for (const std::string& path : shippedScenes()) {
      const std::string name = std::filesystem::path(path).stem().string();
      if (ImGui::MenuItem(name.c_str())) openScene(path);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("3D view", "3", state_.scene.three_d)) state_.scene.three_d = !state_.scene.three_d;
    if (ImGui::MenuItem("Fit surface window", "F / double-click")) state_.fitView();
    if (ImGui::MenuItem("Presentation mode (hide the settings)", "P", presenting_)) presenting_ = !presenting_;
    bool equal = state_.equalScale();
    if (ImGui::MenuItem("Equal scale on both axes", nullptr, &equal)) state_.scene.equal_scale = equal;
    ImGui::Separator();
    for (float s : {1.0f, 1.5f, 2.0f}) {
      char label[32];
      std::snprintf(label, sizeof label, "UI scale %g×", s);
      if (ImGui::MenuItem(label, s == 1.0f ? "Ctrl+-" : s == 2.0f ? "Ctrl+=" : nullptr, ui::scale() == s)) {
        ui::requestScale(s);
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::TextUnformatted(
        "Space  play / pause         .  ,  step forward / back\n"
        "R      back to step 0       F     fit the window\n"
        "3      2D / 3D              F12   screenshot\n"
        "P      presentation mode (view and plot only)\n"
        "Ctrl+Z undo, Ctrl+Shift+Z redo, Delete removes the focused run\n"
        "Ctrl+= / Ctrl+-  larger / smaller UI\n"
        "Click: move the selected runs' starts. Shift-click: add a run there.\n"
        "Drag: pan (2D) or orbit (3D). Wheel: zoom about the cursor. Double-click: fit.");
    ImGui::EndMenu();
  }
  // Not in the GIF itself: frames are offscreen renders of the view alone.
  if (recording_) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.42f, 1), "  ● recording GIF");
  ImGui::EndMenuBar();
}

}  // namespace mulab::gui
