#include "gui/widgets/ui_style.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "util/file_read.hpp"

namespace mulab::gui::ui {
namespace {

float g_scale = 1.0f, g_pending = 0.0f;
std::string g_font_path;
std::vector<uint8_t> g_font_data;  // the atlas reads it while building; kept alive

// Latin, Greek (eta, gamma, theta), arrows, math operators (nabla, minus,
// times, circled dot), super- and subscripts, punctuation (en dash, ellipsis).
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2070, 0x209F,
                           0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};

std::string buildFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  std::string note;
  const char* env = std::getenv("MULAB_FONT");
  const std::string path = env && *env ? env : MULAB_FONT_PATH;
  if (g_font_data.empty() || path != g_font_path) {
    auto data = readBinaryFile(path, 32 << 20, "font file");
    g_font_data = data ? std::move(*data) : std::vector<uint8_t>{};
    g_font_path = data ? path : "";
    if (!data) note = data.error() + "; using ImGui's built-in font";
  }
  ImFont* font = nullptr;
  if (!g_font_data.empty()) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 2;
    cfg.PixelSnapH = false;
    font = io.Fonts->AddFontFromMemoryTTF(g_font_data.data(), int(g_font_data.size()), 15.0f * scale, &cfg,
                                          kRanges);
  }
  if (!font) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }
  return note;
}

void buildStyle(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowPadding = ImVec2(8, 8);
  style.ItemSpacing = ImVec2(7, 5);
  // Opaque: the dark style's 94% over the old clear colour, so the main
  // window can skip its background and let glClear paint it.
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.0612f, 0.0618f, 0.0624f, 1.0f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace

float scale() { return g_scale; }

ImVec4 windowBackground() { return ImGui::GetStyle().Colors[ImGuiCol_WindowBg]; }

const std::string& fontPath() { return g_font_path; }

std::string init(float scale) {
  g_scale = std::clamp(scale, 0.75f, 3.0f);
  buildStyle(g_scale);
  return buildFonts(g_scale);
}

void requestScale(float scale) { g_pending = std::clamp(scale, 0.75f, 3.0f); }

bool applyPendingScale() {
  if (g_pending == 0.0f || g_pending == g_scale) {
    g_pending = 0.0f;
    return false;
  }
  g_scale = g_pending;
  g_pending = 0.0f;
  buildStyle(g_scale);
  buildFonts(g_scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return true;
}

}  // namespace mulab::gui::ui
