// Reads the default framebuffer and writes it as PNG (via a temporary file
// and a rename, so a failed write never leaves a partial image).
#pragma once

#include <optional>
#include <string>

namespace mulab::gui {

// The whole framebuffer, or the rectangle (x, y, w, h) in top-left pixel
// coordinates when w > 0.
std::optional<std::string> writeFramebufferPng(int width, int height, const std::string& path,
                                               int x = 0, int y = 0, int w = 0, int h = 0);

}  // namespace mulab::gui
