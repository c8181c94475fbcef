// The app's window: the menu bar, the tabs, the error banner, the keys that
// work everywhere, the file dialogs (scenes, screenshots, exports) and the
// session. Its rooms (room.hpp) are the surface explorer and the training
// lab, peers behind one interface; the whole state round-trips through
// core's Scene, so a scene file reproduces what is on screen.
//
// Files: app_shell.cpp (frame, tabs, menus, keys), shell_files.cpp (scenes,
// session, exports).
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/explorer/explorer.hpp"
#include "gui/shell/room.hpp"
#include "gui/lab/training_lab.hpp"

namespace mulab::gui {

class AppShell final : public ShellServices {
 public:
  AppShell();
  ~AppShell() override;

  std::optional<std::string> initGraphics() { return explorer_.initGraphics(); }
  void setDeterministic(bool on);

  // [SECTION] Scenes and the session (shell_files.cpp)
  // Every room takes its part; a scene a room refuses changes nothing there
  // and shows why. The tab the scene names comes forward.
  void applyScene(const Scene& scene);
  Scene currentScene() const;
  bool openScene(const std::string& path);
  // The session (the scene and every lab run's curves) in the config folder.
  std::optional<std::string> saveSession() const;
  void restoreSession();

  // [SECTION] Every frame
  void frame(float dt);
  bool busy() const;
  // Lab runs training, or a sweep folder being written: frames give way.
  bool training() const;
  std::optional<double> nextWakeup() const;
  bool quitRequested() const { return quit_requested_; }
  void cancelQuit() { quit_requested_ = false; }

  // [SECTION] Exports the main loop performs (shell_files.cpp)
  // At most one per frame, in the order asked, taken from a frame without dialogs.
  std::optional<ExportRequest> takeExport();
  void drawExport(ExportRequest::What what);
  // Headless `--record`: a GIF of the surface view from the first frame on.
  void requestRecording(const std::string& path, int w, int h, int frames);
  void beginRecording(bool from_start);
  void endRecording();

  // [SECTION] ShellServices
  void showError(const std::string& message) override { error_ = message; }
  void showRoom(const Room& room) override;
  void askExport(ExportRequest::What what) override;
  void askTextExport(const std::string& title, const std::string& file_name,
                     std::function<std::string()> text) override;
  const std::string& dataDir() const override { return data_dir_; }
  const std::string& errorText() const { return error_; }

  // Training throughput of each live lab run (bench/lab_throughput.sh).
  std::vector<double> trainingThroughput() const { return lab_.samplesPerSecond(); }
  // Stops and joins every room's background work.
  void stop();

 private:
  void drawMenuBar();
  void drawBanner();
  void drawTabs();
  void drawDialogs();
  void handleKeys();
  Room& shown() const { return *rooms_[size_t(active_)]; }
  void requestOpen();  // a path dialog, or the platform's file picker
  void requestExport(ExportRequest::What what, const std::string& path, int w, int h, int frames = 0);

  std::string data_dir_;
  ExplorerRoom explorer_;
  TrainingLab lab_;
  std::vector<Room*> rooms_;
  int active_ = 0, select_ = -1;
  std::string error_;
  bool quit_requested_ = false, recording_ = false;

  std::deque<ExportRequest> exports_;  // in the order asked, none ever dropped
  int export_delay_ = 0;               // frames to wait so the dialog that asked is gone
  struct TextExport {
    std::string title;
    std::function<std::string()> text;
  } text_export_;
  char path_buf_[512] = "scene.json";
  char shot_buf_[512] = "mulab.png";
  char text_buf_[512] = "runs.csv";
  int export_size_[2] = {1920, 1080};
  char gif_buf_[512] = "mulab.gif";
  int gif_size_[2] = {960, 600};
  int gif_frames_ = 100;
  ExportRequest::What export_what_ = ExportRequest::What::kSurfaceView;
  bool open_popup_ = false, save_popup_ = false, shot_popup_ = false, export_popup_ = false,
       gif_popup_ = false, text_popup_ = false;
};

// Shipped scenes (assets/scenes/*.json), sorted by file name.
std::vector<std::string> shippedScenes();

}  // namespace mulab::gui
