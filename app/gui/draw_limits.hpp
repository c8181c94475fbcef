// Dear ImGui 1.86 indexes vertices with 16 bits: one draw call may address at
// most 65,536 vertices. ImGui starts a new vertex range between primitives
// (the OpenGL3 backend supports ImGuiBackendFlags_RendererHasVtxOffset), but
// a single primitive larger than that wraps its indices and draws garbage.
// Everything here keeps single primitives small, whatever a user asks to draw.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>

namespace mulab::gui {

// Points per AddPolyline call: an anti-aliased thick line costs about 4
// vertices per point, so 4096 points stay far below the limit.
inline constexpr int kMaxPolylinePoints = 4096;

// AddPolyline in chunks of at most kMaxPolylinePoints (consecutive chunks
// share an end point, so the line is unbroken).
void addPolylineChunked(ImDrawList* dl, const ImVec2* points, int count, ImU32 color, float thickness);

// Text of at most `max_chars` bytes (cut at a UTF-8 boundary, "..." added):
// every glyph costs 4 vertices in one primitive.
std::string clipText(const std::string& text, size_t max_chars = 2000);

// Whether every draw command of the frame addresses less than 65,536
// vertices from its VtxOffset; an error naming the window otherwise.
std::optional<std::string> checkDrawData(const ImDrawData* data);

}  // namespace mulab::gui
