#include "gui/screenshot.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "gui/gl.hpp"
#include "util/atomic_file.hpp"

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
  return writeAtomically(path, [&](const std::string& tmp) {
    return stbi_write_png(tmp.c_str(), width, height, 4, flipped.data(), int(row)) != 0;
  });
}

}  // namespace mulab::gui
