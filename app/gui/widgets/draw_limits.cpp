#include "gui/widgets/draw_limits.hpp"

#include <algorithm>
#include <cmath>

namespace mulab::gui {

void addPolylineChunked(ImDrawList* dl, const ImVec2* points, int count, ImU32 color, float thickness) {
  thickness = std::max(1.0f, std::round(thickness));
  for (int first = 0; first + 1 < count; first += kMaxPolylinePoints - 1) {
    const int n = std::min(kMaxPolylinePoints, count - first);
    dl->AddPolyline(points + first, n, color, 0, thickness);
  }
}

std::string clipText(const std::string& text, size_t max_chars) {
  if (text.size() <= max_chars) return text;
  size_t cut = max_chars;
  // Do not split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string fitText(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const char* ellipsis = "\u2026";
  std::string cut = text;
  while (!cut.empty()) {
    const size_t space = cut.find_last_of(" ,(");
    if (space == std::string::npos || space == 0) break;
    cut.resize(space);
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',')) cut.pop_back();
    if (ImGui::CalcTextSize((cut + ellipsis).c_str()).x <= width) return cut + ellipsis;
  }
  // One long word: cut characters (never inside a UTF-8 sequence).
  cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + ellipsis).c_str()).x > width) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) cut.pop_back();
  }
  return cut + ellipsis;
}

std::optional<std::string> checkDrawData(const ImDrawData* data) {
  if (!data) return std::nullopt;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    // Each run of commands sharing a VtxOffset may address 65,536 vertices.
    for (int c = 0; c < list->CmdBuffer.Size; ++c) {
      const unsigned begin = list->CmdBuffer[c].VtxOffset;
      unsigned end = unsigned(list->VtxBuffer.Size);
      for (int d = c + 1; d < list->CmdBuffer.Size; ++d) {
        if (list->CmdBuffer[d].VtxOffset != begin) {
          end = list->CmdBuffer[d].VtxOffset;
          break;
        }
      }
      if (end - begin > 65536) {
        return std::string("draw list '") + (list->_OwnerName ? list->_OwnerName : "?") + "' has " +
               std::to_string(end - begin) + " vertices in one 16-bit index range";
      }
    }
  }
  return std::nullopt;
}

}  // namespace mulab::gui
