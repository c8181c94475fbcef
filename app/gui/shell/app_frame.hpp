// One frame of the app's main loop and what the loop asks between frames
// (busy? how long to sleep?), around the shell: input, the frame itself,
// screenshots, exports and GIF frames between frames, frame-time statistics
// for --bench-frames, and what is kept when the loop ends.
#pragma once

#include <imgui.h>

#include <GLFW/glfw3.h>
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "gui/shell/app_shell.hpp"
#include "gui/shell/gif_recording.hpp"
#include "gui/shell/input_queue.hpp"

namespace mulab::gui {

// Prints "mulab: error: MESSAGE" and returns the exit status for bad input (2).
int failLine(const std::string& message);

// What the command line asked for, checked.
struct Settings {
  int width = 1280, height = 800;
  long frames = 8, bench_frames = 0;
  bool headless = false;  // --screenshot, --record or --bench-frames: fixed size and time step
  bool deterministic = false;  // --screenshot or --record: everything computed before it is drawn
  ImVec2 hover{-FLT_MAX, -FLT_MAX};
  std::string screenshot, record;
};

// Everything a frame uses. It lives on the heap, not in main()'s frame: in
// the browser the page goes on running frames after main() has returned.
struct App {
  App(const Settings& settings, GLFWwindow* w) : s(settings), window(w) {}
  bool busy() const {
    return s.headless || recording || shell.busy() || input.pending() || settle > 0;
  }
  // While a lab run trains, drawing may take at most a quarter of the wall
  // clock (kDrawShare): on a GPU that is still 60 frames a second, on two
  // cores with a software rasteriser about 10. Measured: above ~12 frames a
  // second there, the run's OpenMP team keeps losing a core to the
  // rasteriser at its barriers and trains at half speed or less.
  static constexpr double kDrawShare = 0.25;
  double frameSeconds() const {
    if (!shell.training()) return 1.0 / 60.0;
    return std::clamp(draw_seconds / kDrawShare, 1.0 / 60.0, 0.125);
  }
  double idleSeconds() const {
    double timeout = shell.training() ? 0.25 : 10.0;
    if (auto wake = shell.nextWakeup()) timeout = std::min(timeout, *wake + 0.002);
    return timeout;
  }
  bool drawFrame();
  void saveIni();
  void finish();  // saves what is kept between runs and stops the runs
  bool recordFrame();  // adds this frame to a GIF being recorded; false when a headless recording ended

  Settings s;
  GLFWwindow* window;
  std::string ini;  // ImGui's layout file, "" for none
  InputQueue input;
  AppShell shell;
  std::unique_ptr<GifRecording> recording;
  std::vector<double> frame_ms, ui_ms, vertices;  // --bench-frames: whole frame, UI code alone, vertices drawn
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  long frame = 0;
  int settle = 3;  // frames to draw after input, so hovers and popups catch up
  double draw_seconds = 0;  // what a frame costs, smoothed over the last few
  int rc = 0;
};

}  // namespace mulab::gui
