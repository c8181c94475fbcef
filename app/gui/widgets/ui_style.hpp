// The UI's scale and fonts. Text is DejaVu Sans (Debian's fonts-dejavu-core)
// rasterised by ImGui's font atlas at the scaled pixel size, so it is crisp at
// 1x, 1.5x and 2x alike; ImGui's built-in bitmap font, scaled, is the
// fallback when the file is missing. Every hand-placed pixel size in the
// views goes through px() so layouts scale with the text.
#pragma once

#include <imgui.h>

#include <string>

namespace mulab::gui::ui {

// The current scale (1 = 15 px text).
float scale();
// A length in pixels at the current scale.
inline float px(float v) { return v * scale(); }

// The colour behind every window (the frame is cleared to it).
ImVec4 windowBackground();

// Sets up fonts and style at `scale` (clamped to [0.75, 3]); call once after
// the ImGui context and renderer exist. Returns "" or a note for stderr
// (e.g. the font file was missing and the fallback is in use).
std::string init(float scale);
// Asks for another scale; it takes effect before the next frame starts.
void requestScale(float scale);
// Applies a requested scale (rebuilds the font atlas texture and the style);
// returns true when it changed something. Call between frames.
bool applyPendingScale();

// The font file in use ("" for the built-in fallback).
const std::string& fontPath();

}  // namespace mulab::gui::ui
