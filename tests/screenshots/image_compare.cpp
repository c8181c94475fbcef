#include "image_compare.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstdio>
#include <cstdlib>

namespace mulab::screenshots {

std::optional<Image> loadPng(const std::string& path, std::string* error) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!data) {
    if (error) *error = path + ": " + (stbi_failure_reason() ? stbi_failure_reason() : "cannot read");
    return std::nullopt;
  }
  Image img{w, h, std::vector<uint8_t>(data, data + size_t(w) * h * 4)};
  stbi_image_free(data);
  return img;
}

bool savePng(const Image& image, const std::string& path) {
  return stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(),
                        image.width * 4) != 0;
}

std::string CompareResult::summary() const {
  if (!same_size) return "image sizes differ";
  char buf[128];
  std::snprintf(buf, sizeof buf, "%ld of %ld pixels differ (%.4f%%)", differing, compared,
                compared ? 100.0 * double(differing) / double(compared) : 0.0);
  return buf;
}

CompareResult compareImages(const Image& a, const Image& g, const CompareOptions& o) {
  CompareResult r;
  r.same_size = a.width == g.width && a.height == g.height;
  if (!r.same_size) return r;
  r.diff = g;
  for (int y = 0; y < g.height; ++y) {
    for (int x = 0; x < g.width; ++x) {
      const size_t i = (size_t(y) * g.width + x) * 4;
      uint8_t* d = &r.diff.rgba[i];
      d[0] = uint8_t(d[0] / 3);
      d[1] = uint8_t(d[1] / 3);
      d[2] = uint8_t(d[2] / 3);
      d[3] = 255;
      if (x < o.border || y < o.border || x >= g.width - o.border || y >= g.height - o.border) continue;
      ++r.compared;
      int worst = 0;
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(a.rgba[i + c]) - int(g.rgba[i + c])));
      if (worst > o.channel_threshold) {
        ++r.differing;
        d[0] = 255;
        d[1] = 0;
        d[2] = 0;
      }
    }
  }
  r.pass = double(r.differing) <= o.max_diff_fraction * double(r.compared);
  return r;
}

}  // namespace mulab::screenshots
