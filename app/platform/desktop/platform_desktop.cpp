// The desktop platform: GLFW with an OpenGL 3.3 core context, a main loop
// that sleeps in glfwWaitEvents while nothing moves, and files and settings
// on disk.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "platform/platform.hpp"

namespace mulab::platform {

void init() {}

// [SECTION] Window and GL

Result<GLFWwindow*> openWindow(const WindowRequest& request) {
  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "mulab: GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) return Error{"cannot initialise GLFW (is a display available? try xvfb-run)"};
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (request.headless) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(request.width, request.height, "mulab", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return Error{"cannot create an OpenGL 3.3 core window"};
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(request.headless ? 0 : 1);
  return window;
}

void closeWindow(GLFWwindow* window) {
  glfwDestroyWindow(window);
  glfwTerminate();
}

float contentScale(GLFWwindow* window) {
  float xs = 1, ys = 1;
  glfwGetWindowContentScale(window, &xs, &ys);
  return xs;
}

const char* glslVersion() { return "#version 330 core"; }

std::string adaptShader(const std::string& source) { return source; }

// [SECTION] Main loop

bool runLoop(GLFWwindow* window, const Loop& loop) {
  using Clock = std::chrono::steady_clock;
  while (!glfwWindowShouldClose(window)) {
    const bool busy = loop.busy();
    if (busy) {
      glfwPollEvents();
    } else {
      // Idle: sleep until input, a timer, or (while runs train) the next curve refresh.
      glfwWaitEventsTimeout(loop.idle_seconds());
    }
    const auto t0 = Clock::now();
    if (!loop.frame()) break;
    if (loop.limit_rate && busy) {
      // At most 60 frames per second (vsync does this where the driver has
      // it), fewer while a run trains. Input arriving meanwhile is queued.
      std::this_thread::sleep_until(t0 + std::chrono::duration<double>(loop.frame_seconds()));
    }
  }
  if (loop.ended) loop.ended();
  return true;
}

// [SECTION] Files and settings

// ImGui's layout memory lives in the user's config directory, never the cwd.
std::string layoutFile() {
  namespace fs = std::filesystem;
  fs::path dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    dir = fs::path(xdg) / "mulab";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".config" / "mulab";
  } else {
    return "";
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  return ec ? "" : (dir / "imgui.ini").string();
}

bool pickFileToOpen(const std::string&, std::function<void(const std::string&)>) { return false; }

// [SECTION] The scene in the URL: desktops have none

std::optional<Result<Scene>> sceneFromUrl() { return std::nullopt; }
void publishScene(const std::function<Scene()>&) {}

// [SECTION] Training lab: data and threads are local

std::optional<std::string> datasetUnavailable(DatasetKind) { return std::nullopt; }
std::optional<std::string> trainingUnavailable() { return std::nullopt; }

void publishStatus(long, const std::string&) {}

}  // namespace mulab::platform
