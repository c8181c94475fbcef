// GLFW input events, queued and fed to Dear ImGui at most one transition per
// key and mouse button per frame. ImGui 1.86's GLFW backend writes key state
// straight into io.KeysDown, and ImGui reads it once per frame: a key pressed
// and released within one slow frame (llvmpipe, a loaded machine) was never
// seen. Queued, the press lands in one frame and the release in the next.
// The queue also tells the main loop whether anything happened, so an idle
// app can sleep in glfwWaitEvents instead of drawing.
#pragma once

#include <deque>

struct GLFWwindow;

namespace mulab::gui {

class InputQueue {
 public:
  // Installs the callbacks. Initialise the ImGui backend with
  // install_callbacks = false: every event reaches it through feed().
  void install(GLFWwindow* window);
  // Forwards queued events to the backend, stopping before a second
  // press/release of a key or button already changed in this frame.
  void feed();
  // ImGui 1.86's backend also polls the live mouse buttons in its NewFrame,
  // which would merge a queued release and the next press (a double-click
  // became one long press); call this after ImGui_ImplGlfw_NewFrame so the
  // buttons follow the queue instead.
  void applyMouseButtons() const;
  bool pending() const { return !events_.empty(); }
  // True once after any event (cursor motion and resizes included).
  bool takeActivity();

 private:
  enum class Kind { kKey, kChar, kButton, kScroll, kFocus, kEnter };
  struct Event {
    Kind kind;
    int a = 0, b = 0, c = 0, d = 0;  // key/scancode/action/mods, button/action/mods, focus
    double x = 0, y = 0;             // scroll
    unsigned codepoint = 0;
  };
  static InputQueue* from(GLFWwindow* w);
  void push(const Event& e) {
    events_.push_back(e);
    activity_ = true;
  }

  GLFWwindow* window_ = nullptr;
  std::deque<Event> events_;
  bool activity_ = true;
  bool button_down_[5] = {false, false, false, false, false};
};

}  // namespace mulab::gui
