// The shell's files: scenes opened and saved, the session kept between
// runs, and the pictures the main loop exports between frames.
#include <imgui.h>

#include <filesystem>

#include "gui/shell/app_shell.hpp"
#include "gui/shell/session.hpp"
#include "platform/platform.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {

// [SECTION] Scenes

void AppShell::applyScene(const Scene& scene) {
  // The explorer first: a scene it refuses (a bad landscape folder) leaves
  // the whole window as it was.
  if (!explorer_.applyScene(scene)) return;
  lab_.applyScene(scene);
  for (Room* r : rooms_) {
    if (scene.tab == r->sceneName()) showRoom(*r);
  }
}

Scene AppShell::currentScene() const {
  Scene s;
  for (const Room* r : rooms_) r->fillScene(s);
  s.tab = shown().sceneName();
  return s;
}

bool AppShell::openScene(const std::string& path) {
  auto s = loadScene(path);
  if (!s) {
    showError(s.error());
    return false;
  }
  error_.clear();
  applyScene(*s);
  return error_.empty();
}

void AppShell::requestOpen() {
  // The browser has no paths to type: its file picker uploads the file instead.
  if (!platform::pickFileToOpen(".json", [this](const std::string& path) { openScene(path); })) open_popup_ = true;
}

// [SECTION] The session

std::optional<std::string> AppShell::saveSession() const {
  const std::string dir = sessionDir();
  if (dir.empty()) return std::nullopt;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return dir + ": " + ec.message();
  Scene s;
  std::optional<std::string> first_error;
  for (const Room* r : rooms_) {
    if (auto err = r->saveSession(s, dir); err && !first_error) first_error = err;
  }
  s.tab = shown().sceneName();
  if (auto e = saveScene(s, sessionScenePath())) return e;
  return first_error;
}

void AppShell::restoreSession() {
  const std::string path = sessionScenePath();
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return;
  auto s = loadScene(path);
  if (!s) {
    showError("the last session could not be restored: " + s.error());
    return;
  }
  applyScene(*s);
}

// [SECTION] Exports

void AppShell::requestExport(ExportRequest::What what, const std::string& path, int w, int h, int frames) {
  if (auto err = checkOutputPath(path)) {
    showError(*err);
    return;
  }
  // A GIF from the menu plays from step 0: a slide shows the whole story.
  exports_.push_back(ExportRequest{what, path, w, h, frames, what == ExportRequest::What::kSurfaceGif});
  export_delay_ = 2;  // the frame that closes the dialog, then a clean one
}

std::optional<ExportRequest> AppShell::takeExport() {
  if (exports_.empty() || export_delay_ > 0) return std::nullopt;
  // A screenshot of the window is taken from a frame with no dialog in it.
  if (exports_.front().what == ExportRequest::What::kWindow && ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    return std::nullopt;
  }
  ExportRequest r = std::move(exports_.front());
  exports_.pop_front();
  return r;
}

void AppShell::drawExport(ExportRequest::What what) {
  for (Room* r : rooms_) {
    if (r->drawExport(what)) return;
  }
}

void AppShell::requestRecording(const std::string& path, int w, int h, int frames) {
  exports_.push_back(ExportRequest{ExportRequest::What::kSurfaceGif, path, w, h, frames, false});
}

void AppShell::beginRecording(bool from_start) {
  recording_ = true;
  explorer_.beginRecording(from_start);
}

void AppShell::endRecording() {
  recording_ = false;
  explorer_.endRecording();
}

}  // namespace mulab::gui
