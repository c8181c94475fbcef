#include "gui/shell/frame_capture.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>

#include "gui/widgets/gl.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {
namespace {

// glReadPixels of the bound read framebuffer, flipped to top row first.
Image readPixels(int width, int height) {
  Image img{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
  std::vector<uint8_t> raw(img.rgba.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, raw.data());
  const size_t row = size_t(width) * 4;
  for (int y = 0; y < height; ++y) std::copy_n(raw.data() + size_t(height - 1 - y) * row, row, img.rgba.data() + size_t(y) * row);
  for (size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;
  return img;
}

}  // namespace

Image readWindow(int fb_width, int fb_height) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  return readPixels(fb_width, fb_height);
}

Image renderOffscreen(int width, int height, const std::function<void()>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 size = io.DisplaySize, scale = io.DisplayFramebufferScale, mouse = io.MousePos;
  bool down[5];
  std::copy(std::begin(io.MouseDown), std::end(io.MouseDown), down);
  io.DisplaySize = ImVec2(float(width), float(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  std::fill(std::begin(io.MouseDown), std::end(io.MouseDown), false);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("##export", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  draw();
  ImGui::End();
  ImGui::Render();
  Framebuffer target;
  target.bind(width, height);
  glViewport(0, 0, width, height);
  glClearColor(0.08f, 0.09f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  Image img = readPixels(width, height);
  Framebuffer::unbind();
  io.DisplaySize = size;
  io.DisplayFramebufferScale = scale;
  io.MousePos = mouse;
  std::copy(down, down + 5, io.MouseDown);
  return img;
}

std::optional<std::string> writePng(const Image& image, const std::string& path) {
  std::string png;
  const auto append = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), size_t(size));
  };
  if (!stbi_write_png_to_func(append, &png, image.width, image.height, 4, image.rgba.data(), image.width * 4)) {
    return path + ": cannot encode the PNG";
  }
  return writeFileAtomically(path, png);
}

}  // namespace mulab::gui
