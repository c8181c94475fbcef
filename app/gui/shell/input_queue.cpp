#include "gui/shell/input_queue.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <set>

namespace mulab::gui {

InputQueue* InputQueue::from(GLFWwindow* w) { return static_cast<InputQueue*>(glfwGetWindowUserPointer(w)); }

void InputQueue::install(GLFWwindow* window) {
  window_ = window;
  glfwSetWindowUserPointer(window, this);
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    from(w)->push({Kind::kKey, key, scancode, action, mods});
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned c) {
    Event e{Kind::kChar};
    e.codepoint = c;
    from(w)->push(e);
  });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int mods) {
    from(w)->push({Kind::kButton, button, action, mods});
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double x, double y) {
    Event e{Kind::kScroll};
    e.x = x;
    e.y = y;
    from(w)->push(e);
  });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int focused) { from(w)->push({Kind::kFocus, focused}); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int entered) { from(w)->push({Kind::kEnter, entered}); });
  // Motion and resizes only wake the loop; ImGui's backend polls the cursor itself.
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { from(w)->activity_ = true; });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { from(w)->activity_ = true; });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { from(w)->activity_ = true; });
}

void InputQueue::feed() {
  std::set<int> keys, buttons;  // changed in this frame
  bool pressed = false;         // a key or button went down in this frame
  while (!events_.empty()) {
    const Event e = events_.front();
    if (e.kind == Kind::kKey && e.c != GLFW_REPEAT) {
      if (!keys.insert(e.a).second) break;
      // A release waits for the next frame after any press, so a chord
      // (Ctrl+E, shift-click) is seen with its modifier still down.
      if (e.c == GLFW_RELEASE && pressed) break;
      pressed |= e.c == GLFW_PRESS;
    } else if (e.kind == Kind::kButton) {
      if (!buttons.insert(e.a).second) break;
      pressed |= e.b == GLFW_PRESS;  // a button event is (button, action, mods)
    }
    events_.pop_front();
    switch (e.kind) {
      case Kind::kKey: ImGui_ImplGlfw_KeyCallback(window_, e.a, e.b, e.c, e.d); break;
      case Kind::kChar: ImGui_ImplGlfw_CharCallback(window_, e.codepoint); break;
      case Kind::kButton:
        if (e.a >= 0 && e.a < 5) button_down_[e.a] = e.b == GLFW_PRESS;
        ImGui_ImplGlfw_MouseButtonCallback(window_, e.a, e.b, e.c);
        break;
      case Kind::kScroll: ImGui_ImplGlfw_ScrollCallback(window_, e.x, e.y); break;
      case Kind::kFocus: ImGui_ImplGlfw_WindowFocusCallback(window_, e.a); break;
      case Kind::kEnter: ImGui_ImplGlfw_CursorEnterCallback(window_, e.a); break;
    }
  }
}

void InputQueue::applyMouseButtons() const {
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < 5; ++i) io.MouseDown[i] = button_down_[i];
}

bool InputQueue::takeActivity() {
  const bool a = activity_;
  activity_ = false;
  return a;
}

}  // namespace mulab::gui
