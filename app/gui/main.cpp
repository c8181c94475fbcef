// mulab: the desktop app (GLFW + OpenGL 3.3 core + Dear ImGui) over core.
//
//   mulab [--scene FILE] [--ui-scale S]          interactive
//   mulab --scene FILE --size WxH --frames N --screenshot OUT.png
//                                                deterministic render, then exit
//   mulab --bench-frames N [--scene FILE]        frame-time median and p95
//
// Interactive, it draws only when something changes: it sleeps in
// glfwWaitEvents while idle, draws at most 60 frames per second while
// something moves, and a few per second while only training curves grow.
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
#include <string>
#include <thread>
#include <vector>

#include "cli/option_checks.hpp"
#include "gui/draw_limits.hpp"
#include "gui/explorer.hpp"
#include "gui/frame_capture.hpp"
#include "gui/gl.hpp"
#include "gui/input_queue.hpp"
#include "gui/training_lab.hpp"
#include "gui/ui_style.hpp"
#include "util/atomic_file.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// ImGui's layout memory lives in the user's config directory, never the cwd.
// ImGui would fopen() it itself, which blocks on a FIFO and writes in place;
// it is read and written here instead, through the same checked readers and
// atomic writer as every other file.
std::string iniPath() {
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

int fail(const std::string& message) {
  std::fprintf(stderr, "mulab: error: %s\n", message.c_str());
  return 2;
}

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
  std::string scene, size = "1280x800", frames = "8", screenshot, bench, ui_scale, hover;
};

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // a file-size limit is a write error, not death
  CLI::App cli{"mulab: multiplicative-learning lab"};
  Options o;
  cli.add_option("--scene", o.scene, "scene file (JSON) to open");
  cli.add_option("--size", o.size, "window size WxH (default 1280x800)");
  cli.add_option("--frames", o.frames, "frames to render before --screenshot (default 8)");
  cli.add_option("--screenshot", o.screenshot, "render deterministically, write this PNG and exit");
  cli.add_option("--bench-frames", o.bench, "render N frames and print frame-time statistics");
  cli.add_option("--ui-scale", o.ui_scale, "UI scale, e.g. 1, 1.5 or 2 (default: the screen's content scale)");
  cli.add_option("--hover", o.hover, "with --screenshot: the mouse rests at X,Y (pixels), so hovers show");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ExtrasError& e) {
    return fail(std::string(e.what()) + " (valid options: " + mulab::cli::optionNames(cli) + ")");
  } catch (const CLI::ParseError& e) {
    return fail(e.what());
  }
  if (auto err = mulab::cli::emptyValueError(cli)) return fail(*err);

  const auto size = parseSize(o.size);
  if (!size) return fail(size.error());
  const int width = size->first, height = size->second;
  auto frames = mulab::parseCount(o.frames, "--frames");
  if (!frames || *frames < 1 || *frames > 100000) return fail("--frames: expected 1..100000");
  long bench_frames = 0;
  if (!o.bench.empty()) {
    auto b = mulab::parseCount(o.bench, "--bench-frames");
    if (!b || *b < 1 || *b > 100000) return fail("--bench-frames: expected 1..100000");
    bench_frames = *b;
  }
  float ui_scale = 0;
  if (!o.ui_scale.empty()) {
    auto s = mulab::parseFiniteDouble(o.ui_scale, "--ui-scale");
    if (!s || *s < 0.75 || *s > 3) return fail("--ui-scale: expected a scale in 0.75..3, got '" + o.ui_scale + "'");
    ui_scale = float(*s);
  }
  const bool headless = !o.screenshot.empty() || bench_frames > 0;
  ImVec2 hover(-FLT_MAX, -FLT_MAX);
  if (!o.hover.empty()) {
    auto p = mulab::parsePoint(o.hover, "--hover");
    if (!p) return fail(p.error());
    if (p->first < 0 || p->second < 0 || p->first >= width || p->second >= height) {
      return fail("--hover: " + o.hover + " is outside the " + o.size + " window");
    }
    hover = ImVec2(float(p->first), float(p->second));
  }
  // Check the output before rendering anything, so a bad path fails at once.
  if (!o.screenshot.empty()) {
    if (auto err = mulab::checkOutputPath(o.screenshot)) return fail("--screenshot: " + *err);
  }

  std::optional<mulab::Scene> scene;
  std::string scene_error;
  if (!o.scene.empty()) {
    auto loaded = mulab::loadScene(o.scene);
    // Interactive: the app starts and shows the error. Headless: nothing to render.
    if (!loaded && headless) return fail(loaded.error());
    if (loaded) {
      scene = std::move(*loaded);
    } else {
      scene_error = loaded.error();
    }
  }

  glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "mulab: GLFW error %d: %s\n", code, what); });
  if (!glfwInit()) return fail("cannot initialise GLFW (is a display available? try xvfb-run)");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (headless) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(width, height, "mulab", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return fail("cannot create an OpenGL 3.3 core window");
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(headless ? 0 : 1);
  if (ui_scale == 0) {  // HiDPI screens report a content scale above 1
    float xs = 1, ys = 1;
    glfwGetWindowContentScale(window, &xs, &ys);
    ui_scale = headless ? 1.0f : std::max(1.0f, xs);
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  const std::string ini = headless ? "" : iniPath();
  if (!ini.empty()) {
    if (auto text = mulab::readTextFile(ini, 1 << 20, "layout file")) {
      ImGui::LoadIniSettingsFromMemory(text->data(), text->size());
    } else if (std::filesystem::exists(ini)) {
      std::fprintf(stderr, "mulab: warning: %s (layout not restored)\n", text.error().c_str());
    }
  }
  auto saveIni = [&] {
    if (ini.empty() || mulab::checkOutputPath(ini)) return;  // e.g. a FIFO put there: leave it alone
    size_t n = 0;
    const char* text = ImGui::SaveIniSettingsToMemory(&n);
    mulab::writeFileAtomically(ini, std::string_view(text, n));
    io.WantSaveIniSettings = false;
  };
  if (std::string note = mulab::gui::ui::init(ui_scale); !note.empty()) std::fprintf(stderr, "mulab: warning: %s\n", note.c_str());
  ImGui_ImplGlfw_InitForOpenGL(window, /*install_callbacks=*/false);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  mulab::gui::InputQueue input;
  input.install(window);

  int rc = 0;
  {  // GL objects below must go before the context does.
    mulab::gui::SurfaceExplorer explorer;
    explorer.setDeterministic(!o.screenshot.empty());
    mulab::gui::TrainingLab lab;
    lab.deterministic = !o.screenshot.empty();
    explorer.attachLab(&lab);
    if (scene) explorer.applyScene(*scene);
    if (!scene_error.empty()) explorer.showError(scene_error);
    // Without a scene, the app opens where the last session closed.
    if (!headless && o.scene.empty()) explorer.restoreSession();
    if (auto err = explorer.initGraphics()) {
      rc = fail(*err);
    } else {
      std::vector<double> frame_ms;
      auto last = Clock::now();
      int settle = 3;  // frames to draw after input, so hovers and popups catch up
      for (long frame = 0; !glfwWindowShouldClose(window) && !explorer.quit_requested; ++frame) {
        const bool moving = explorer.animating() || explorer.basinBusy() || input.pending() || settle > 0;
        if (headless) {
          glfwPollEvents();
        } else if (moving) {
          glfwPollEvents();
        } else {
          // Idle: sleep until input, a timer, or (while runs train) the next curve refresh.
          double timeout = lab.anyTraining() ? 0.25 : 10.0;
          if (auto wake = explorer.nextWakeup()) timeout = std::min(timeout, *wake + 0.002);
          glfwWaitEventsTimeout(timeout);
        }
        if (input.takeActivity()) settle = 3;
        const auto t0 = Clock::now();
        mulab::gui::ui::applyPendingScale();
        input.feed();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        input.applyMouseButtons();
        if (headless) {
          // Fixed size and time step: the same scene gives the same image.
          io.DisplaySize = ImVec2(float(width), float(height));
          io.DeltaTime = 1.0f / 60.0f;
          io.MousePos = hover;
        }
        ImGui::NewFrame();
        const float dt = headless ? 1.0f / 60.0f : std::chrono::duration<float>(t0 - last).count();
        last = t0;
        explorer.frame(std::min(dt, 0.1f));
        ImGui::Render();
        if (headless) {
          // Anything the app would show in its error banner ends a headless run
          // with one line and no image; so does a frame ImGui cannot index.
          std::string problem = explorer.errorText();
          if (problem.empty()) {
            if (auto err = mulab::gui::checkDrawData(ImGui::GetDrawData())) problem = *err;
          }
          if (!problem.empty()) {
            rc = fail(problem);
            break;
          }
        } else if (io.WantSaveIniSettings) {
          saveIni();
        }
        int fb_w, fb_h;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.08f, 0.09f, 0.10f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (auto req = explorer.takeExport()) {
          using What = mulab::gui::ExportRequest::What;
          const mulab::gui::Image img =
              req->what == What::kWindow
                  ? mulab::gui::readWindow(fb_w, fb_h)
                  : mulab::gui::renderOffscreen(req->width, req->height, [&] { explorer.drawExport(req->what); });
          if (auto err = mulab::gui::writePng(img, req->path)) explorer.showError(*err);
          glViewport(0, 0, fb_w, fb_h);
        }
        if (!o.screenshot.empty() && frame + 1 >= *frames) {
          glFinish();
          if (auto err = mulab::gui::writePng(mulab::gui::readWindow(fb_w, fb_h), o.screenshot)) rc = fail(*err);
          break;
        }
        glfwSwapBuffers(window);
        if (bench_frames > 0) {
          glFinish();
          frame_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          if (long(frame_ms.size()) >= bench_frames) break;
        }
        if (!headless && moving) {
          // At most 60 frames per second (vsync does this where the driver has it).
          std::this_thread::sleep_until(t0 + std::chrono::microseconds(16667));
        }
        settle = std::max(0, settle - 1);
      }
      if (rc == 0 && bench_frames > 0 && !frame_ms.empty()) {
        std::sort(frame_ms.begin(), frame_ms.end());
        const double median = frame_ms[frame_ms.size() / 2];
        const double p95 = frame_ms[std::min(frame_ms.size() - 1, size_t(frame_ms.size() * 0.95))];
        std::printf("frames=%zu size=%dx%d frame_ms_median=%.2f frame_ms_p95=%.2f\n", frame_ms.size(), width,
                    height, median, p95);
      }
    }
    if (bench_frames > 0) {
      for (double sps : lab.samplesPerSecond()) std::printf("lab_run_train_samples_per_s=%.0f\n", sps);
    }
    saveIni();
    if (!headless) {
      if (auto err = explorer.saveSession()) std::fprintf(stderr, "mulab: warning: session not saved: %s\n", err->c_str());
    }
    // Closing the window stops and joins every training run (~one step each).
    const auto stop0 = Clock::now();
    lab.stopAll();
    if (bench_frames > 0) {
      std::printf("runs_stopped_ms=%.1f\n", std::chrono::duration<double, std::milli>(Clock::now() - stop0).count());
    }
    // LeakSanitizer ends the process from an atexit handler with _exit when
    // the GL driver leaked, before stdio's buffers are flushed: flush now.
    std::fflush(stdout);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return rc;
}
