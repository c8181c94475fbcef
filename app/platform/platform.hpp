// The platform layer: what differs between the desktop app and the browser
// page, behind one small interface. CMake compiles exactly one
// implementation (app/platform/platform.cmake): desktop/platform_desktop.cpp
// or web/platform_web.cpp. Nothing else in the app asks which platform it
// runs on; the few places that need something of it call here.
//
//                      desktop                        browser
//   window, GL         GLFW, OpenGL 3.3 core          GLFW on the page's canvas, WebGL 2
//   shader header      #version 330 core              #version 300 es + precisions
//   main loop          a loop that sleeps when idle   animation frames, skipped when idle
//   files saved        where the user typed           downloads: the working folder is
//                                                     an outbox the page empties
//   files opened       a typed path                   the browser's file picker (upload)
//   layout, session    ~/.config/mulab                nothing kept: the URL holds the scene
//   scene at start     --scene FILE, else session     the URL's fragment, kept up to date
//   training data      data/ on disk                  data/ fetched from the page's server
//                                                     when the lab first asks for it
//
// What a platform leaves out at compile time is in platform/features.hpp.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "data/dataset.hpp"
#include "scene/scene.hpp"
#include "util/result.hpp"

struct GLFWwindow;

namespace mulab::platform {

// [SECTION] Start, window and GL

// Call first in main(): the browser's page hooks, its folders and its
// environment (MULAB_DATA). Nothing on the desktop.
void init();

struct WindowRequest {
  int width = 1280, height = 800;
  bool headless = false;  // fixed size, no vsync (screenshots, benchmarks)
};
// Initialises GLFW and opens a window with a current GL context (the
// browser: a WebGL 2 context on the page's canvas), or says why it cannot.
Result<GLFWwindow*> openWindow(const WindowRequest& request);
void closeWindow(GLFWwindow* window);
// The screen's content scale: 1 on ordinary screens, 2 on HiDPI ones.
float contentScale(GLFWwindow* window);

// The #version line ImGui's OpenGL3 backend compiles its shaders with.
const char* glslVersion();
// The app's shaders are GLSL 3.30 core sources; this replaces their #version
// line with what this platform's GL takes (unchanged on the desktop).
std::string adaptShader(const std::string& source);

// [SECTION] Main loop

struct Loop {
  std::function<bool()> busy;            // draw the next frame without waiting for input
  std::function<double()> idle_seconds;  // otherwise, wait at most this long for input
  std::function<bool()> frame;           // draws one frame; false ends the loop
  std::function<void()> ended;           // runs once when the loop ends
  bool limit_rate = true;                // frames no closer than frame_seconds (off when headless)
  // Shortest time between frames while busy: 1/60 s, longer when something
  // else (a training run) needs the cores more than the animation does.
  std::function<double()> frame_seconds = [] { return 1.0 / 60.0; };
};
// The desktop runs the loop here and returns true when it has ended. The
// browser hands it to the page (a frame per animation frame, none while idle
// and unchanged) and returns false at once: main() then returns while the
// page goes on, so everything the loop's functions use must live on the heap
// and must not be torn down. (Unwinding main() to keep its frame, as
// emscripten_set_main_loop can, would run its destructors with WebAssembly
// exceptions.)
bool runLoop(GLFWwindow* window, const Loop& loop);

// [SECTION] Files and settings

// ImGui's layout file ("" for none).
std::string layoutFile();

// Asks the user for a file to open. The desktop returns false: the caller
// asks for a path itself. The browser opens its file picker and returns
// true; `opened` runs before a later frame with the path of the uploaded
// copy. (Files the app saves need no call: see the table above.)
bool pickFileToOpen(const std::string& accept, std::function<void(const std::string& path)> opened);

// [SECTION] The scene in the URL

// The scene the page's URL holds: nullopt when it holds none (and always on
// the desktop), else the scene or one line saying why it cannot be opened.
std::optional<Result<Scene>> sceneFromUrl();
// Keeps the URL in step with the scene: the browser calls `current` now and
// then and rewrites the fragment when the scene changed. Nothing on the desktop.
void publishScene(const std::function<Scene()>& current);

// [SECTION] Training lab

// Why `kind`'s data cannot be used yet, when the platform knows better than
// the data folder: the browser fetches it from the page's server on first
// ask and reports its progress or failure here. nullopt: look in the folder.
std::optional<std::string> datasetUnavailable(DatasetKind kind);
// Why training runs cannot start, if they cannot: a page served without
// cross-origin isolation gets no threads from the browser.
std::optional<std::string> trainingUnavailable();

// [SECTION] Tests

// Publishes what a test driving the app reads: frames drawn and the error
// banner's text (window.mulab in the browser; nothing on the desktop).
void publishStatus(long frames, const std::string& error);

}  // namespace mulab::platform
