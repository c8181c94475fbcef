// mulab: the app (GLFW + OpenGL 3.3 core or WebGL 2 + Dear ImGui) over core.
// What differs between the desktop and the browser (window, loop, files,
// the scene in the URL) is behind platform/platform.hpp.
//
//   mulab [--scene FILE] [--ui-scale S]          interactive
//   mulab --scene FILE --size WxH --frames N --screenshot OUT.png
//                                                deterministic render, then exit
//   mulab --bench-frames N [--scene FILE]        frame-time median and p95
//   mulab --scene FILE --size WxH --frames N --record OUT.gif
//                                                N frames of the surface view
//                                                as a GIF (deterministic), then exit
//
// Interactive, it draws only when something changes: it waits for input
// while idle, draws at most 60 frames per second while something moves, and
// a few per second while only training curves grow. In the browser the page's
// URL query gives the flags (?frames=8&screenshot=x.png) and its fragment the
// scene.
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/option_checks.hpp"
#include "gui/widgets/draw_limits.hpp"
#include "gui/shell/app_frame.hpp"
#include "gui/shell/app_shell.hpp"
#include "gui/shell/frame_capture.hpp"
#include "gui/shell/gif_recording.hpp"
#include "gui/widgets/gl.hpp"
#include "gui/shell/input_queue.hpp"
#include "gui/widgets/ui_style.hpp"
#include "platform/features.hpp"
#include "platform/platform.hpp"
#include "util/atomic_file.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace {

using Clock = std::chrono::steady_clock;

using mulab::gui::App;
using mulab::gui::Settings;

int fail(const std::string& message) { return mulab::gui::failLine(message); }

// "WxH" exactly: digits, one 'x', digits, both sides in range; no sign, no
// spaces, no trailing junk, no overflow.
mulab::Result<std::pair<int, int>> parseSize(const std::string& text) {
  const std::string expected = "--size: expected WxH between 320x240 and 8192x8192, got '" + text + "'";
  const size_t x = text.find('x');
  if (x == std::string::npos || x == 0 || x + 1 == text.size() || x > 5 || text.size() - x - 1 > 5) {
    return mulab::Error{expected};
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != x && !std::isdigit(static_cast<unsigned char>(text[i]))) return mulab::Error{expected};
  }
  const int w = std::stoi(text.substr(0, x)), h = std::stoi(text.substr(x + 1));
  if (w < 320 || h < 240 || w > 8192 || h > 8192) return mulab::Error{expected};
  return std::pair{w, h};
}

struct Options {
  std::string scene, size = "1280x800", frames = "8", screenshot, bench, ui_scale, hover, record;
};

// [SECTION] Start-up, step by step

// The command line, checked: a Settings, or the one line that says what is wrong.
mulab::Result<Settings> readCommandLine(int argc, char** argv, float& ui_scale, std::string& scene_path) {
  CLI::App cli{"mulab: multiplicative-learning lab"};
  Options o;
  cli.add_option("--scene", o.scene, "scene file (JSON) to open");
  cli.add_option("--size", o.size, "window size WxH (default 1280x800)");
  cli.add_option("--frames", o.frames, "frames to render before --screenshot (default 8)");
  cli.add_option("--screenshot", o.screenshot, "render deterministically, write this PNG and exit");
  cli.add_option("--bench-frames", o.bench, "render N frames and print frame-time statistics");
  cli.add_option("--ui-scale", o.ui_scale, "UI scale, e.g. 1, 1.5 or 2 (default: the screen's content scale)");
  cli.add_option("--hover", o.hover, "with --screenshot: the mouse rests at X,Y (pixels), so hovers show");
  cli.add_option("--record", o.record,
                 "render deterministically, write --frames frames of the surface view (--size) as this GIF and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::printf("%s", cli.help().c_str());
    std::exit(0);
  } catch (const CLI::ExtrasError& e) {
    return mulab::Error{std::string(e.what()) + " (valid options: " + mulab::cli::optionNames(cli) + ")"};
  } catch (const CLI::ParseError& e) {
    return mulab::Error{e.what()};
  }
  if (auto err = mulab::cli::emptyValueError(cli)) return mulab::Error{*err};

  Settings set;
  const auto size = parseSize(o.size);
  if (!size) return mulab::Error{size.error()};
  set.width = size->first;
  set.height = size->second;
  auto frames = mulab::parseCount(o.frames, "--frames");
  if (!frames || *frames < 1 || *frames > 100000) return mulab::Error{"--frames: expected 1..100000"};
  set.frames = *frames;
  if (!o.bench.empty()) {
    auto b = mulab::parseCount(o.bench, "--bench-frames");
    if (!b || *b < 1 || *b > 100000) return mulab::Error{"--bench-frames: expected 1..100000"};
    set.bench_frames = *b;
  }
  if (!o.ui_scale.empty()) {
    auto s = mulab::parseFiniteDouble(o.ui_scale, "--ui-scale");
    if (!s || *s < 0.75 || *s > 3) {
      return mulab::Error{"--ui-scale: expected a scale in 0.75..3, got '" + o.ui_scale + "'"};
    }
    ui_scale = float(*s);
  }
  set.screenshot = o.screenshot;
  set.record = o.record;
  if (!o.record.empty()) {
    if (!o.screenshot.empty() || set.bench_frames > 0) {
      return mulab::Error{"--record: use it alone, not with --screenshot or --bench-frames"};
    }
    if (set.frames > mulab::gui::GifRecording::kMaxFrames) {
      return mulab::Error{"--frames: at most " + std::to_string(mulab::gui::GifRecording::kMaxFrames) +
                          " frames with --record, got " + o.frames};
    }
  }
  set.headless = !o.screenshot.empty() || !o.record.empty() || set.bench_frames > 0;
  set.deterministic = !o.screenshot.empty() || !o.record.empty();
  if (!o.hover.empty()) {
    auto p = mulab::parsePoint(o.hover, "--hover");
    if (!p) return mulab::Error{p.error()};
    if (p->first < 0 || p->second < 0 || p->first >= set.width || p->second >= set.height) {
      return mulab::Error{"--hover: " + o.hover + " is outside the " + o.size + " window"};
    }
    set.hover = ImVec2(float(p->first), float(p->second));
  }
  // Check the output before rendering anything, so a bad path fails at once.
  if (!o.screenshot.empty()) {
    if (auto err = mulab::checkOutputPath(o.screenshot)) return mulab::Error{"--screenshot: " + *err};
  }
  if (!o.record.empty()) {
    if (auto err = mulab::checkOutputPath(o.record)) return mulab::Error{"--record: " + *err};
  }
  scene_path = o.scene;
  return set;
}

// The scene to start with: --scene FILE, else the page's URL in the browser.
// A scene that cannot be opened is an error to show, not a reason to stop,
// unless the run is headless (there is nothing else to render).
struct StartScene {
  std::optional<mulab::Scene> scene;
  std::string error;
};
mulab::Result<StartScene> startScene(const std::string& path, bool headless) {
  StartScene start;
  if (!path.empty()) {
    auto loaded = mulab::loadScene(path);
    if (!loaded && headless) return mulab::Error{loaded.error()};
    if (loaded) {
      start.scene = std::move(*loaded);
    } else {
      start.error = loaded.error();
    }
  } else if (auto linked = mulab::platform::sceneFromUrl()) {
    if (*linked) {
      start.scene = std::move(**linked);
    } else {
      start.error = "Cannot open the scene in this link: " + linked->error() + "; showing the default scene.";
    }
  }
  return start;
}

// ImGui with its layout file, fonts at `ui_scale` and the GL backends.
// ImGui's layout file is read and written here, not by ImGui (which would
// fopen() it itself, block on a FIFO and write in place), through the same
// checked readers and atomic writer as every other file.
std::string initImGui(GLFWwindow* window, float ui_scale, bool headless) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  const std::string ini = headless ? "" : mulab::platform::layoutFile();
  if (!ini.empty()) {
    if (auto text = mulab::readTextFile(ini, 1 << 20, "layout file")) {
      ImGui::LoadIniSettingsFromMemory(text->data(), text->size());
    } else if (std::filesystem::exists(ini)) {
      std::fprintf(stderr, "mulab: warning: %s (layout not restored)\n", text.error().c_str());
    }
  }
  if (std::string note = mulab::gui::ui::init(ui_scale); !note.empty()) {
    std::fprintf(stderr, "mulab: warning: %s\n", note.c_str());
  }
  ImGui_ImplGlfw_InitForOpenGL(window, /*install_callbacks=*/false);
  ImGui_ImplOpenGL3_Init(mulab::platform::glslVersion());
  return ini;
}

// Runs the main loop; the app then lives as long as the page in the browser.
int runApp(std::unique_ptr<App> app, GLFWwindow* window) {
  if (auto err = app->shell.initGraphics()) {
    app->rc = fail(*err);
    app->finish();
  } else {
    App* a = app.get();
    mulab::platform::Loop loop;
    loop.limit_rate = !a->s.headless;
    loop.busy = [a] { return a->busy(); };
    loop.idle_seconds = [a] { return a->idleSeconds(); };
    loop.frame_seconds = [a] { return a->frameSeconds(); };
    loop.frame = [a] { return a->drawFrame(); };
    loop.ended = [a] { a->finish(); };
    if (!mulab::platform::runLoop(window, loop)) {
      app.release();  // the page runs the loop from here on
      return 0;
    }
    // LeakSanitizer ends the process from an atexit handler with _exit when
    // the GL driver leaked, before stdio's buffers are flushed: flush now.
    std::fflush(stdout);
  }
  const int rc = app->rc;
  app.reset();  // its GL objects go before the context does
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  mulab::platform::closeWindow(window);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // a file-size limit is a write error, not death
  mulab::platform::init();
  float ui_scale = 0;
  std::string scene_path;
  auto set = readCommandLine(argc, argv, ui_scale, scene_path);
  if (!set) return fail(set.error());
  auto start = startScene(scene_path, set->headless);
  if (!start) return fail(start.error());

  auto opened = mulab::platform::openWindow({set->width, set->height, set->headless});
  if (!opened) return fail(opened.error());
  GLFWwindow* window = *opened;
  if (ui_scale == 0) {  // HiDPI screens report a content scale above 1
    ui_scale = set->headless ? 1.0f : std::max(1.0f, mulab::platform::contentScale(window));
  }
  const std::string ini = initImGui(window, ui_scale, set->headless);

  auto app = std::make_unique<App>(*set, window);
  app->ini = ini;
  app->input.install(window);
  mulab::gui::AppShell& shell = app->shell;
  shell.setDeterministic(set->deterministic);
  if (start->scene) shell.applyScene(*start->scene);
  if (!set->record.empty()) shell.requestRecording(set->record, set->width, set->height, int(set->frames));
  if (!start->error.empty()) shell.showError(start->error);
  // Without a scene, the app opens where the last session closed.
  if (!set->headless && !start->scene && start->error.empty()) shell.restoreSession();
  return runApp(std::move(app), window);
}
