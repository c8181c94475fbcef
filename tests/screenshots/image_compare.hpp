// Screenshot comparison with a tolerance for rasteriser noise, in the manner
// of VTK's and Skia's image tests: a pixel differs when any channel differs by
// more than a threshold; the images match when the fraction of differing
// pixels (outside an ignored border) stays under a cap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mulab::screenshots {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4
};

std::optional<Image> loadPng(const std::string& path, std::string* error);
bool savePng(const Image& image, const std::string& path);

struct CompareOptions {
  int channel_threshold = 32;        // per-channel difference that counts
  double max_diff_fraction = 0.001;  // 0.1% of the compared pixels
  int border = 4;                    // pixels ignored at each edge
};

struct CompareResult {
  bool same_size = false;
  long differing = 0;
  long compared = 0;
  bool pass = false;
  Image diff;  // differing pixels red over a dimmed copy of the golden
  std::string summary() const;
};

CompareResult compareImages(const Image& actual, const Image& golden, const CompareOptions& options);

}  // namespace mulab::screenshots
