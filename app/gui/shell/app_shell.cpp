#include "gui/shell/app_shell.hpp"

#include <imgui.h>

#include <GLFW/glfw3.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "gui/widgets/draw_limits.hpp"
#include "gui/shell/gif_recording.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"
#include "platform/features.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {
namespace {

// $MULAB_DATA or ./data; started from elsewhere than the checkout, the
// checkout's data folder.
std::string findDataDir() {
  std::string dir = resolveDataDir("");
  if (!std::getenv("MULAB_DATA") && !std::filesystem::exists(dir)) dir = MULAB_DEFAULT_DATA_DIR;
  return dir;
}

}  // namespace

AppShell::AppShell()
    : data_dir_(findDataDir()),
      explorer_(*this),
      lab_(*this, [this](LandscapeRequest r, std::vector<Color> colors) {
        explorer_.openLabLandscape(std::move(r), std::move(colors));
        showRoom(explorer_);
      }),
      rooms_{&explorer_, &lab_} {}

AppShell::~AppShell() { stop(); }

void AppShell::stop() {
  for (Room* r : rooms_) r->stop();
}

void AppShell::setDeterministic(bool on) {
  for (Room* r : rooms_) r->setDeterministic(on);
}

void AppShell::showRoom(const Room& room) {
  for (size_t i = 0; i < rooms_.size(); ++i) {
    if (rooms_[i] == &room) select_ = int(i);
  }
}

bool AppShell::busy() const {
  // A pending export needs frames too: it waits for one without any dialog.
  if (!exports_.empty() || recording_) return true;
  for (size_t i = 0; i < rooms_.size(); ++i) {
    if (rooms_[i]->busy(int(i) == active_)) return true;
  }
  return false;
}

bool AppShell::training() const {
  for (const Room* r : rooms_) {
    if (r->training()) return true;
  }
  return false;
}

std::optional<double> AppShell::nextWakeup() const {
  std::optional<double> next;
  for (const Room* r : rooms_) {
    if (auto t = r->nextWakeup(); t && (!next || *t < *next)) next = t;
  }
  return next;
}

// [SECTION] Frame

void AppShell::frame(float dt) {
  handleKeys();
  if (export_delay_ > 0) --export_delay_;
  for (Room* r : rooms_) r->update(dt);

  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("mulab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  drawMenuBar();
  drawBanner();
  drawTabs();
  drawDialogs();
  ImGui::End();
}

void AppShell::drawBanner() {
  if (error_.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.45f, 0.08f, 0.08f, 1.0f));
  ImGui::BeginChild("error", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 2.2f), true);
  ImGui::TextWrapped("%s", clipText(error_).c_str());
  if (ImGui::SmallButton("Dismiss")) error_.clear();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void AppShell::drawTabs() {
  if (!ImGui::BeginTabBar("tabs")) return;
  const int select = select_;
  select_ = -1;
  for (size_t i = 0; i < rooms_.size(); ++i) {
    const ImGuiTabItemFlags flags = select == int(i) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(rooms_[i]->title(), nullptr, flags)) {
      active_ = int(i);
      rooms_[i]->draw();
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
}

// [SECTION] Keys

void AppShell::handleKeys() {
  const ImGuiIO& io = ImGui::GetIO();
  // No shortcuts while a dialog is open (what is typed there is a path, even
  // before its field takes the focus) or a text field is active. WantTextInput
  // describes the previous frame: right after a dialog's field closed it is
  // still set, so also ask whether a field is active now.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  if (io.WantTextInput && ImGui::IsAnyItemActive()) return;
  Room& room = shown();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z, true)) {
    if (io.KeyShift) {
      room.redo();
    } else {
      room.undo();
    }
    return;
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y, true)) room.redo();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) requestOpen();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) save_popup_ = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) quit_requested_ = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_E, false)) askExport(room.mainExport());
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_EQUAL, false)) ui::requestScale(ui::scale() < 1.25f ? 1.5f : 2.0f);
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_MINUS, false)) ui::requestScale(ui::scale() > 1.75f ? 1.5f : 1.0f);
  if (io.KeyCtrl) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) shot_popup_ = true;
  room.handleKeys();
}

// [SECTION] Menus

void AppShell::drawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scene...", "Ctrl+O")) requestOpen();
    if (ImGui::MenuItem("Save scene as...", "Ctrl+S")) save_popup_ = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Screenshot of the window...", "F12")) shot_popup_ = true;
    for (Room* r : rooms_) r->fileMenu();
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_requested_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    Room& room = shown();
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, room.canUndo())) room.undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, room.canRedo())) room.redo();
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
    for (Room* r : rooms_) r->viewMenu();
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
    for (const Room* r : rooms_) ImGui::TextUnformatted(r->keysHelp());
    ImGui::TextUnformatted("Ctrl+= / Ctrl+-  larger / smaller UI    F12  screenshot");
    ImGui::EndMenu();
  }
  // Not in the GIF itself: frames are offscreen renders of the view alone.
  if (recording_) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.42f, 1), "  ● recording GIF");
  ImGui::EndMenuBar();
}

// [SECTION] Dialogs

void AppShell::drawDialogs() {
  pathPopup(open_popup_, "Open scene", path_buf_, sizeof path_buf_, [&](const std::string& p) { openScene(p); });
  pathPopup(save_popup_, "Save scene", path_buf_, sizeof path_buf_, [&](const std::string& p) {
    if (auto err = saveScene(currentScene(), p)) showError(*err);
  });
  pathPopup(shot_popup_, "Screenshot of the window (PNG)", shot_buf_, sizeof shot_buf_,
            [&](const std::string& p) { requestExport(ExportRequest::What::kWindow, p, 0, 0); });
  exportPopup(export_popup_, "Export as PNG", shot_buf_, sizeof shot_buf_, export_size_,
              [&](const std::string& p) { requestExport(export_what_, p, export_size_[0], export_size_[1]); });
  exportPopup(
      gif_popup_, "Export GIF of the surface view", gif_buf_, sizeof gif_buf_, gif_size_,
      [&](const std::string& p) {
        requestExport(ExportRequest::What::kSurfaceGif, p, gif_size_[0], gif_size_[1], gif_frames_);
      },
      &gif_frames_, GifRecording::kMaxFrames, "Plays from step 0 at 25 frames per second.");
  pathPopup(text_popup_, text_export_.title.c_str(), text_buf_, sizeof text_buf_, [&](const std::string& p) {
    if (auto err = writeFileAtomically(p, text_export_.text())) showError(*err);
  });
}

void AppShell::askExport(ExportRequest::What what) {
  if (what == ExportRequest::What::kSurfaceGif) {
    if (!recording_) gif_popup_ = true;
    return;
  }
  export_what_ = what;
  export_popup_ = true;
}

void AppShell::askTextExport(const std::string& title, const std::string& file_name,
                             std::function<std::string()> text) {
  // The path typed last time stays for the same export.
  if (title != text_export_.title) std::snprintf(text_buf_, sizeof text_buf_, "%s", file_name.c_str());
  text_export_ = {title, std::move(text)};
  text_popup_ = true;
}

std::vector<std::string> shippedScenes() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(MULAB_ASSET_DIR "/scenes", ec)) {
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mulab::gui
