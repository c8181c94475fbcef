#include "gui/screenshot.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "gui/gl.hpp"

namespace mulab::gui {

std::optional<std::string> writeFramebufferPng(int width, int height, const std::string& path) {
  std::vector<unsigned char> pixels(size_t(width) * height * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's first row is the bottom one; PNG's is the top.
  std::vector<unsigned char> flipped(pixels.size());
  const size_t row = size_t(width) * 4;
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.data() + size_t(height - 1 - y) * row, row, flipped.data() + size_t(y) * row);
  }
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  const std::string tmp = path + ".part";
  if (!stbi_write_png(tmp.c_str(), width, height, 4, flipped.data(), int(row))) {
    std::filesystem::remove(tmp);
    return path + ": cannot write PNG";
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    return path + ": " + ec.message();
  }
  return std::nullopt;
}

}  // namespace mulab::gui
