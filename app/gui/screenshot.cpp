#include "gui/screenshot.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "gui/gl.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {

std::optional<std::string> writeFramebufferPng(int fb_width, int fb_height, const std::string& path,
                                               int x, int y, int w, int h) {
  if (w <= 0 || h <= 0) {
    x = y = 0;
    w = fb_width;
    h = fb_height;
  }
  x = std::clamp(x, 0, fb_width - 1);
  y = std::clamp(y, 0, fb_height - 1);
  const int width = std::min(w, fb_width - x), height = std::min(h, fb_height - y);
  std::vector<unsigned char> pixels(size_t(width) * height * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  // OpenGL counts rows from the bottom.
  glReadPixels(x, fb_height - y - height, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's first row is the bottom one; PNG's is the top.
  std::vector<unsigned char> flipped(pixels.size());
  const size_t row = size_t(width) * 4;
  for (int y = 0; y < height; ++y) {
    std::copy_n(pixels.data() + size_t(height - 1 - y) * row, row, flipped.data() + size_t(y) * row);
  }
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque
  std::string png;
  const auto append = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), size_t(size));
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 4, flipped.data(), int(row))) {
    return path + ": cannot encode the PNG";
  }
  return writeFileAtomically(path, png);
}

}  // namespace mulab::gui
