#include "gui/widgets.hpp"

namespace mulab::gui {

void pathPopup(bool& request, const char* title, char* buf, size_t size,
               const std::function<void(const std::string&)>& action) {
  if (request) {
    ImGui::OpenPopup(title);
    request = false;
  }
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(420);
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

}  // namespace mulab::gui
