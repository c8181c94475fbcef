// A room of the window: one tab (the surface explorer, the training lab)
// behind the few questions the shell asks of every tab, the way
// hello_imgui's runner asks its callbacks. The shell (app_shell.hpp) owns
// the menu bar, the tabs, the error banner, the global keys, the export
// dialogs and the session; a room draws its tab and answers for its part of
// a scene. Rooms never talk to each other directly: what one needs of the
// window it asks through ShellServices.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "gui/shell/export_request.hpp"
#include "scene/scene.hpp"

namespace mulab::gui {

class Room;

// What a room may ask of the window around it.
class ShellServices {
 public:
  virtual ~ShellServices() = default;
  // Shows `message` in the error banner (the latest replaces the last).
  virtual void showError(const std::string& message) = 0;
  // Brings `room`'s tab forward (a dialog of the room's was asked for from a menu).
  virtual void showRoom(const Room& room) = 0;
  // Queues a picture of `what` at a size the user chose (File > Export ...).
  virtual void askExport(ExportRequest::What what) = 0;
  // Asks for a path, then writes what `text` returns there (a CSV).
  virtual void askTextExport(const std::string& title, const std::string& file_name,
                             std::function<std::string()> text) = 0;
  // Where training data is read: $MULAB_DATA, ./data, or the checkout's data/.
  virtual const std::string& dataDir() const = 0;
};

class Room {
 public:
  virtual ~Room() = default;

  virtual const char* title() const = 0;     // the tab: "Surface explorer"
  virtual const char* sceneName() const = 0;  // a scene's "tab": "explorer"

  // [SECTION] Every frame
  // Before drawing, shown or not: previews advanced, background work adopted.
  virtual void update(float dt) { (void)dt; }
  // Fills the tab's space.
  virtual void draw() = 0;
  // The next frame would differ without input (`shown`: the tab is in view).
  virtual bool busy(bool shown) const = 0;
  // Work on other threads that needs the cores more than the frames do.
  virtual bool training() const { return false; }
  // Seconds until something time-based happens (a pending click), if any.
  virtual std::optional<double> nextWakeup() const { return std::nullopt; }
  // Headless renders: everything computed to completion before a frame is drawn.
  virtual void setDeterministic(bool on) = 0;

  // [SECTION] Scenes and the session
  // Takes the room's part of `scene`; false (and an error shown) if it cannot.
  virtual bool applyScene(const Scene& scene) = 0;
  virtual void fillScene(Scene& scene) const = 0;
  // The scene as the session keeps it, plus files of the room's in `dir`.
  virtual std::optional<std::string> saveSession(Scene& scene, const std::string& dir) const {
    (void)dir;
    fillScene(scene);
    return std::nullopt;
  }

  // [SECTION] Menus, keys and exports
  virtual void fileMenu() {}  // the room's entries in File
  virtual void viewMenu() {}  // the room's entries in View
  virtual const char* keysHelp() const { return ""; }
  // Keys of this room, while its tab is in view and no text field or dialog has focus.
  virtual void handleKeys() {}
  // What Ctrl+E exports from this room.
  virtual ExportRequest::What mainExport() const = 0;
  // Draws what an export of `what` shows, filling the current window; false
  // when `what` is not the room's.
  virtual bool drawExport(ExportRequest::What what) = 0;
  // Edit > Undo / Redo act on the room in view.
  virtual bool canUndo() const { return false; }
  virtual bool canRedo() const { return false; }
  virtual void undo() {}
  virtual void redo() {}

  // Stops background work (the app is closing): joined before this returns.
  virtual void stop() {}
};

}  // namespace mulab::gui
