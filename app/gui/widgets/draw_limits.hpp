// Dear ImGui 1.86 indexes vertices with 16 bits: one draw call may address at
// most 65,536 vertices. ImGui starts a new vertex range between primitives
// (the OpenGL3 backend supports ImGuiBackendFlags_RendererHasVtxOffset), but
// a single primitive larger than that wraps its indices and draws garbage.
// Everything here keeps single primitives small, whatever a user asks to draw.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>

namespace mulab::gui {

// Points per AddPolyline call: an anti-aliased thick line costs about 4
// vertices per point, so 4096 points stay far below the limit.
inline constexpr int kMaxPolylinePoints = 4096;

// AddPolyline in chunks of at most kMaxPolylinePoints (consecutive chunks
// share an end point, so the line is unbroken).
void addPolylineChunked(ImDrawList* dl, const ImVec2* points, int count, ImU32 color, float thickness);

// A trail draws at most about kMaxTrailPoints of a path's points: every
// trailStride()-th, and always the last (an oscillating run would otherwise
// send 65,536 anti-aliased segments per run to the rasteriser every frame).
inline constexpr size_t kMaxTrailPoints = 4096;
inline size_t trailStride(size_t n) { return n <= kMaxTrailPoints ? 1 : (n + kMaxTrailPoints - 1) / kMaxTrailPoints; }
inline size_t nextTrailIndex(size_t k, size_t stride, size_t n) {
  return k + 1 == n ? n : std::min(k + stride, n - 1);
}

// Text of at most `max_chars` bytes (cut at a UTF-8 boundary, "..." added):
// every glyph costs 4 vertices in one primitive.
std::string clipText(const std::string& text, size_t max_chars = 2000);

// The whole words of `text` that fit in `width` pixels, then an ellipsis: a
// label is never cut mid-word (a single word too long is cut with an ellipsis).
std::string fitText(const std::string& text, float width);

// Whether every draw command of the frame addresses less than 65,536
// vertices from its VtxOffset; an error naming the window otherwise.
std::optional<std::string> checkDrawData(const ImDrawData* data);

}  // namespace mulab::gui
