// Pictures of the app: the window's framebuffer as it is, or one extra ImGui
// frame of any size rendered offscreen with only what an export asks for (the
// surface view, one plot) — never a dialog or a menu. Written as PNG through
// the atomic writer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mulab::gui {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // top row first, opaque
};

// The default framebuffer as it was last drawn.
Image readWindow(int fb_width, int fb_height);

// Renders one ImGui frame of width x height offscreen with `draw` filling it
// and returns the pixels. Call between frames (after ImGui::Render and the
// window's draw). Input is ignored in that frame.
Image renderOffscreen(int width, int height, const std::function<void()>& draw);

std::optional<std::string> writePng(const Image& image, const std::string& path);

}  // namespace mulab::gui
