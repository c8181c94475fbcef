// Small ImGui helpers shared by the explorer and the training lab.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>

#include "scene/scene.hpp"

namespace mulab::gui {

inline ImU32 toU32(const Color& c, float alpha = 1.0f) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], alpha));
}

// A modal asking for a file path: opens when `request` is set (and clears
// it); OK or Enter calls `action` with the path.
void pathPopup(bool& request, const char* title, char* buf, size_t size,
               const std::function<void(const std::string&)>& action);

// The same with a picture size (width, height in pixels, 64..8192) and, for
// animations, a frame count (1..max_frames) and a note under it.
void exportPopup(bool& request, const char* title, char* buf, size_t size, int wh[2],
                 const std::function<void(const std::string&)>& action, int* frames = nullptr,
                 int max_frames = 1, const char* note = nullptr);

}  // namespace mulab::gui
