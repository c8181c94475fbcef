#include "gui/widgets/widgets.hpp"

#include <algorithm>
#include <cstdio>

namespace mulab::gui {

void pathPopup(bool& request, const char* title, char* buf, size_t size,
               const std::function<void(const std::string&)>& action) {
  if (request) {
    ImGui::OpenPopup(title);
    request = false;
  }
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
    const bool enter = ImGui::InputText("##path", buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("OK") || enter) {
      action(std::string(buf));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void exportPopup(bool& request, const char* title, char* buf, size_t size, int wh[2],
                 const std::function<void(const std::string&)>& action, int* frames, int max_frames,
                 const char* note) {
  if (request) {
    ImGui::OpenPopup(title);
    request = false;
  }
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
    const bool enter = ImGui::InputText("file", buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
    if (frames) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
      ImGui::InputInt("frames", frames, 25, 100);
      *frames = std::clamp(*frames, 1, max_frames);
    }
    if (note) ImGui::TextDisabled("%s", note);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::InputInt2("size (px)", wh);
    wh[0] = std::clamp(wh[0], 64, 8192);
    wh[1] = std::clamp(wh[1], 64, 8192);
    for (const auto& [w, h] : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{1024, 1024}}) {
      char label[32];
      std::snprintf(label, sizeof label, "%dx%d", w, h);
      if (ImGui::SmallButton(label)) {
        wh[0] = w;
        wh[1] = h;
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
    if (ImGui::Button("OK") || enter) {
      action(std::string(buf));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace mulab::gui
