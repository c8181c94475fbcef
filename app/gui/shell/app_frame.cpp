#include "gui/shell/app_frame.hpp"

#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

#include "gui/shell/frame_capture.hpp"
#include "gui/widgets/draw_limits.hpp"
#include "gui/widgets/gl.hpp"
#include "gui/widgets/ui_style.hpp"
#include "platform/features.hpp"
#include "platform/platform.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {

using Clock = std::chrono::steady_clock;

int failLine(const std::string& message) {
  std::fprintf(stderr, "mulab: error: %s\n", message.c_str());
  return 2;
}

void App::saveIni() {
  if (ini.empty() || mulab::checkOutputPath(ini)) return;  // e.g. a FIFO put there: leave it alone
  size_t n = 0;
  const char* text = ImGui::SaveIniSettingsToMemory(&n);
  mulab::writeFileAtomically(ini, std::string_view(text, n));
  ImGui::GetIO().WantSaveIniSettings = false;
}

// One frame; false ends the loop (a screenshot written, a benchmark done, a
// headless error, Quit).
bool App::drawFrame() {
  if constexpr (!mulab::platform::kQuit) shell.cancelQuit();
  if (shell.quitRequested()) return false;
  ImGuiIO& io = ImGui::GetIO();
  if (input.takeActivity()) settle = 3;
  const auto t0 = Clock::now();
  ui::applyPendingScale();
  input.feed();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  input.applyMouseButtons();
  if (s.headless) {
    // Fixed size and time step: the same scene gives the same image.
    io.DisplaySize = ImVec2(float(s.width), float(s.height));
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = s.hover;
  }
  ImGui::NewFrame();
  float dt = s.headless ? 1.0f / 60.0f : std::chrono::duration<float>(t0 - last).count();
  // A recording plays at its own frame rate whatever the frames cost.
  if (recording) dt = float(GifRecording::kFrameSeconds);
  last = t0;
  shell.frame(std::min(dt, 0.1f));
  ImGui::Render();
  if (s.bench_frames > 0) {
    ui_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    vertices.push_back(ImGui::GetDrawData()->TotalVtxCount);
  }
  if (s.headless) {
    // Anything the app would show in its error banner ends a headless run
    // with one line and no image; so does a frame ImGui cannot index.
    std::string problem = shell.errorText();
    if (problem.empty()) {
      if (auto err = checkDrawData(ImGui::GetDrawData())) problem = *err;
    }
    if (!problem.empty()) {
      rc = failLine(problem);
      return false;
    }
  } else if (io.WantSaveIniSettings) {
    saveIni();
  }
  int fb_w, fb_h;
  glfwGetFramebufferSize(window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  // The main window has no background of its own (a full-screen blended
  // quad is a third of an idle frame on llvmpipe): the clear draws it.
  const ImVec4 bg = ui::windowBackground();
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (auto req = shell.takeExport(); req && req->what == ExportRequest::What::kSurfaceGif) {
    recording = std::make_unique<GifRecording>(req->path, req->width, req->height, req->frames);
    shell.beginRecording(req->from_start);
  } else if (req) {
    using What = ExportRequest::What;
    const Image img =
        req->what == What::kWindow
            ? readWindow(fb_w, fb_h)
            : renderOffscreen(req->width, req->height, [&] { shell.drawExport(req->what); });
    if (auto err = writePng(img, req->path)) shell.showError(*err);
    glViewport(0, 0, fb_w, fb_h);
  }
  if (recording && !recordFrame()) return false;
  if (!s.screenshot.empty() && frame + 1 >= s.frames) {
    glFinish();
    if (auto err = writePng(readWindow(fb_w, fb_h), s.screenshot)) rc = failLine(*err);
    return false;
  }
  glfwSwapBuffers(window);
  if (s.bench_frames > 0) {
    glFinish();
    frame_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (long(frame_ms.size()) >= s.bench_frames) return false;
  }
  const double took = std::chrono::duration<double>(Clock::now() - t0).count();
  draw_seconds = draw_seconds == 0 ? took : 0.8 * draw_seconds + 0.2 * took;
  settle = std::max(0, settle - 1);
  ++frame;
  mulab::platform::publishStatus(frame, shell.errorText());
  mulab::platform::publishScene([this] { return shell.currentScene(); });
  return true;
}

bool App::recordFrame() {
  int fb_w, fb_h;
  glfwGetFramebufferSize(window, &fb_w, &fb_h);
  const bool last = recording->capture([&] { shell.drawExport(ExportRequest::What::kSurfaceView); });
  glViewport(0, 0, fb_w, fb_h);
  if (!last) return true;
  auto err = recording->finish();
  recording.reset();
  shell.endRecording();
  if (!s.record.empty()) {  // headless: the GIF was the whole job
    if (err) rc = failLine(*err);
    return false;
  }
  if (err) shell.showError(*err);
  return true;
}

void App::finish() {
  if (rc == 0 && s.bench_frames > 0 && !frame_ms.empty()) {
    auto quantile = [](std::vector<double> v, double q) {
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, size_t(double(v.size()) * q))];
    };
    auto median = [&](const std::vector<double>& v) { return quantile(v, 0.5); };
    std::printf("frames=%zu size=%dx%d frame_ms_median=%.2f frame_ms_p95=%.2f\n", frame_ms.size(), s.width,
                s.height, median(frame_ms), quantile(frame_ms, 0.95));
    // Where the frame goes: the app's own code (UI, stepping, draw lists)
    // against the rasteriser, and how many vertices it was sent.
    std::printf("ui_ms_median=%.2f vertices_median=%.0f\n", median(ui_ms), median(vertices));
  }
  if (s.bench_frames > 0) {
    for (double sps : shell.trainingThroughput()) std::printf("lab_run_train_samples_per_s=%.0f\n", sps);
  }
  saveIni();
  if (!s.headless) {
    if (auto err = shell.saveSession()) std::fprintf(stderr, "mulab: warning: session not saved: %s\n", err->c_str());
  }
  // Closing the window stops and joins every training run (~one step each).
  const auto stop0 = Clock::now();
  shell.stop();
  if (s.bench_frames > 0) {
    std::printf("runs_stopped_ms=%.1f\n", std::chrono::duration<double, std::milli>(Clock::now() - stop0).count());
  }
}

}  // namespace mulab::gui
