// The browser platform: GLFW (emscripten's, on the page's canvas) with a
// WebGL 2 context, a main loop driven by the browser's animation frames,
// and the page's window.mulab object, where the page's tests read what the
// app did (frames, first-frame time, frame times, the error banner, the last
// download).
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "platform/features.hpp"
#include "platform/platform.hpp"
#include "platform/web/page.hpp"

namespace mulab::platform {
namespace {

// clang-format off
// window.mulab: what the page's tests read, and whether input arrived since
// the last frame (any event, so an idle page draws nothing until one comes).
EM_JS(void, jsInstallPage, (), {
  var m = window.mulab = window.mulab || {};
  m.frames = 0;
  m.frameMs = [];
  m.error = "";
  m.activity = true;
  m.isolated = !!self.crossOriginIsolated;
  ["mousemove", "mousedown", "mouseup", "wheel", "keydown", "keyup", "resize", "focus", "blur",
   "touchstart", "touchmove", "touchend", "hashchange"].forEach(function(type) {
    window.addEventListener(type, function() { m.activity = true; }, true);
  });
});

EM_JS(int, jsTakeActivity, (), {
  var a = window.mulab.activity;
  window.mulab.activity = false;
  return a ? 1 : 0;
});

EM_JS(void, jsFrameDone, (double ms, int frames), {
  var m = window.mulab;
  if (m.firstFrameMs === undefined) m.firstFrameMs = performance.now();
  m.frames = frames;
  m.frameMs.push(ms);
  if (m.frameMs.length > 1200) m.frameMs.splice(0, 600);
});

EM_JS(void, jsPublishStatus, (int frames, const char* error), {
  window.mulab.appFrames = frames;
  window.mulab.error = UTF8ToString(error);
});

EM_JS(void, jsLoopEnded, (), { window.mulab.ended = true; });

// The canvas's size in CSS pixels (the page's CSS makes it fill the window).
EM_JS(double, jsCanvasCssWidth, (), { return Module.canvas.getBoundingClientRect().width; });
EM_JS(double, jsCanvasCssHeight, (), { return Module.canvas.getBoundingClientRect().height; });
// A fixed-size (headless) canvas shows its pixels 1:1.
EM_JS(void, jsFixCanvasCss, (int w, int h), {
  Module.canvas.style.width = (w / devicePixelRatio) + "px";
  Module.canvas.style.height = (h / devicePixelRatio) + "px";
});
// clang-format on

struct LoopState {
  GLFWwindow* window = nullptr;
  Loop loop;
  bool headless = false;
  long frames = 0;
  double next_idle_frame = 0;  // emscripten_get_now() ms
  double last_frame = -1e9;  // when the last frame was drawn
  bool input_waiting = false;  // input arrived on a frame the rate limit skipped
} g_loop;

// The canvas's backing store follows its CSS size times the pixel ratio, so
// text stays crisp on HiDPI screens (the UI scales by contentScale()).
void fitCanvasToWindow() {
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = std::max(1, int(std::lround(jsCanvasCssWidth() * dpr)));
  const int h = std::max(1, int(std::lround(jsCanvasCssHeight() * dpr)));
  int cw = 0, ch = 0;
  glfwGetWindowSize(g_loop.window, &cw, &ch);
  if (w != cw || h != ch) glfwSetWindowSize(g_loop.window, w, h);
}

void tick(void*) {
  page::runFinishedUploads();
  page::publishDueScene();
  if (!g_loop.headless) fitCanvasToWindow();
  // A deterministic screenshot waits for the data the lab asked for, as the
  // desktop's waits for the disk: its frames are drawn with the data there,
  // not with a progress line that depends on the network's speed.
  if (g_loop.headless && page::fetchingDatasets()) return;
  const double now = emscripten_get_now();
  // Input seen on a frame skipped below is kept for the next one.
  const bool input = (jsTakeActivity() != 0) || g_loop.input_waiting;
  // Idle and unchanged: skip the frame, and the canvas keeps its picture.
  if (!g_loop.loop.busy() && !input && now < g_loop.next_idle_frame) return;
  // The page's animation frames come at the display's rate; a run training
  // on the workers asks for fewer (a frame ~1 ms early still counts).
  g_loop.input_waiting = input;
  if (!g_loop.headless && now - g_loop.last_frame < 1000.0 * g_loop.loop.frame_seconds() - 1.0) return;
  g_loop.input_waiting = false;
  g_loop.last_frame = now;
  const bool go_on = g_loop.loop.frame();
  const double after = emscripten_get_now();
  g_loop.next_idle_frame = after + 1000.0 * g_loop.loop.idle_seconds();
  jsFrameDone(after - now, int(++g_loop.frames));
  page::deliverSavedFiles();
  if (!go_on) {
    if (g_loop.loop.ended) g_loop.loop.ended();
    jsLoopEnded();
    emscripten_cancel_main_loop();
  }
}

}  // namespace

void init() {
  jsInstallPage();
  page::makeFolders();
  // The lab finds its data where the page fetches it (page_datasets.cpp).
  setenv("MULAB_DATA", page::kDataDir, 1);
}

// [SECTION] Window and GL

Result<GLFWwindow*> openWindow(const WindowRequest& request) {
  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "mulab: GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) return Error{"cannot initialise GLFW on the page's canvas"};
  glfwWindowHint(GLFW_ALPHA_BITS, 0);  // an opaque canvas: the page never shows through
  GLFWwindow* window = glfwCreateWindow(request.width, request.height, "mulab", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return Error{"this browser gives the page no WebGL 2 context (is hardware acceleration or WebGL off?)"};
  }
  glfwMakeContextCurrent(window);
  if (request.headless) jsFixCanvasCss(request.width, request.height);
  g_loop.window = window;
  g_loop.headless = request.headless;
  if (!request.headless) fitCanvasToWindow();
  return window;
}

void closeWindow(GLFWwindow* window) {
  glfwDestroyWindow(window);
  glfwTerminate();
}

float contentScale(GLFWwindow*) { return float(emscripten_get_device_pixel_ratio()); }

const char* glslVersion() { return "#version 300 es"; }

std::string adaptShader(const std::string& source) {
  // GLSL ES 3.00 is GLSL 3.30 for what the shaders use, once precisions are
  // given: high everywhere (the values textures hold 32-bit floats).
  const std::string desktop = "#version 330 core";
  if (source.compare(0, desktop.size(), desktop) != 0) return source;
  return "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;" +
         source.substr(desktop.size());
}

// [SECTION] Main loop

bool runLoop(GLFWwindow* window, const Loop& loop) {
  g_loop.window = window;
  g_loop.loop = loop;
  // 0 fps: one frame per requestAnimationFrame. No simulated infinite loop:
  // main() returns, and the runtime stays (EXIT_RUNTIME=0).
  emscripten_set_main_loop_arg(tick, nullptr, 0, 0);
  return false;
}

// [SECTION] Training lab and tests

std::optional<std::string> trainingUnavailable() {
  if constexpr (kThreads) return std::nullopt;
  return "Training needs worker threads, and the browser gives them only to pages served with the "
         "Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers (scripts/web.sh --serve "
         "sends them); this page has none.";
}

void publishStatus(long frames, const std::string& error) { jsPublishStatus(int(frames), error.c_str()); }

}  // namespace mulab::platform
