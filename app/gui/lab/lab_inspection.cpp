// What the lab shows of the selected run (and, ctrl-clicked, a second one
// beside it): its first-layer weights as 28x28 tiles, the test confusion
// matrix with a count in every cell and a colour scale (a click on a cell
// shows that pair's mistakes), and misclassified digits large enough to read
// with their labels beside them; hovering one shows true, predicted and the
// model's confidence.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/widgets/colormap.hpp"
#include "gui/lab/training_lab.hpp"
#include "gui/widgets/ui_style.hpp"

namespace mulab::gui {
namespace {

GLuint uploadRgba(GLuint tex, int w, int h, const std::vector<uint8_t>& rgba) {
  if (!tex) glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  return tex;
}

ImTextureID texId(GLuint tex) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)); }

ImU32 lutColour(const Lut& lut, double t) {
  const auto& c = lut[std::clamp(int(t * 255 + 0.5), 0, 255)];
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], 1));
}

}  // namespace

void TrainingLab::updateTextures(Inspector& in) {
  const RunInspection& d = in.data;
  const int rows = d.image_rows, cols = d.image_cols;
  // Weight tiles: 8 per row, each unit's input weights as an image, blue
  // negative / red positive, scaled per tile.
  const int units = int(d.first_layer.rows());
  if (units > 0 && d.first_layer.cols() == rows * cols) {
    const int per_row = 8, tile_rows = (units + per_row - 1) / per_row;
    in.weights_w = per_row * (cols + 1) - 1;
    in.weights_h = tile_rows * (rows + 1) - 1;
    std::vector<uint8_t> rgba(size_t(in.weights_w) * in.weights_h * 4, 30);
    const Lut& lut = colormapLut("coolwarm");
    for (int u = 0; u < units; ++u) {
      const float m = std::max(1e-12f, d.first_layer.row(u).cwiseAbs().maxCoeff());
      const int ox = (u % per_row) * (cols + 1), oy = (u / per_row) * (rows + 1);
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          const float t = 0.5f + 0.5f * d.first_layer(u, r * cols + c) / m;
          const auto& col = lut[std::clamp(int(t * 255.0f + 0.5f), 0, 255)];
          uint8_t* px = &rgba[(size_t(oy + r) * in.weights_w + ox + c) * 4];
          px[0] = uint8_t(col[0] * 255);
          px[1] = uint8_t(col[1] * 255);
          px[2] = uint8_t(col[2] * 255);
          px[3] = 255;
        }
      }
    }
    in.weights_tex = uploadRgba(in.weights_tex, in.weights_w, in.weights_h, rgba);
  }
  // Misclassified digits: an atlas of cols x rows cells, white on black.
  const int n = int(d.misclassified_images.size());
  if (n > 0) {
    in.digits_cols = 32;
    const int atlas_rows = (n + in.digits_cols - 1) / in.digits_cols;
    const int w = in.digits_cols * cols, h = atlas_rows * rows;
    std::vector<uint8_t> rgba(size_t(w) * h * 4, 0);
    for (int k = 0; k < n; ++k) {
      const int ox = (k % in.digits_cols) * cols, oy = (k / in.digits_cols) * rows;
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          const uint8_t v = uint8_t(std::clamp(d.misclassified_images[k][r * cols + c], 0.0f, 1.0f) * 255);
          uint8_t* px = &rgba[(size_t(oy + r) * w + ox + c) * 4];
          px[0] = px[1] = px[2] = v;
          px[3] = 255;
        }
      }
    }
    in.digits_tex = uploadRgba(in.digits_tex, w, h, rgba);
  }
}

void TrainingLab::drawInspection(ImVec2 size) {
  const Entry* first = entry(selected_);
  const Entry* second = compare_ >= 0 ? entry(compare_) : nullptr;
  if (second && !second->run) second = nullptr;  // replays have curves only
  const float w = second ? (size.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f : size.x;
  const Entry* shown[2] = {first, second};
  for (int k = 0; k < 2; ++k) {
    if (!shown[k]) continue;
    if (k == 1) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushID(k);
    drawInspector(inspectors_[k], *shown[k], w);
    ImGui::PopID();
    ImGui::EndGroup();
  }
}

void TrainingLab::drawInspector(Inspector& in, const Entry& e, float w) {
  if (in.entry_id != e.id || e.run->inspectionVersion() != in.version) {
    if (in.entry_id != e.id) in.filter_truth = in.filter_pred = -1;
    in.data = e.run->inspection();
    updateTextures(in);
    in.entry_id = e.id;
    in.version = in.data.version;
  }
  const RunInspection& d = in.data;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ImGui::TextColored(ImVec4(e.spec.color[0], e.spec.color[1], e.spec.color[2], 1), "%s", e.label.c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled("FIRST-LAYER WEIGHTS (%d units)", int(d.first_layer.rows()));
  if (in.weights_tex && in.weights_w > 0) {
    ImGui::Image(texId(in.weights_tex), ImVec2(w, w * float(in.weights_h) / float(in.weights_w)));
  }
  ImGui::TextDisabled("CONFUSION (test set)");
  if (!d.evaluated) {
    ImGui::TextDisabled("after the first test evaluation");
    return;
  }
  // Rows are true classes, columns predicted; log counts on the magma scale.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = ui::px(16), line = ImGui::GetTextLineHeight();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float cell = std::floor((w - label_w - ui::px(4)) / 10);
  long max_count = 1;
  for (const auto& row : d.confusion) max_count = std::max(max_count, *std::max_element(row.begin(), row.end()));
  const Lut& lut = colormapLut("magma");
  const ImU32 text = IM_COL32(200, 204, 210, 255);
  dl->AddText(ImVec2(p0.x + label_w, p0.y), text, "predicted →");
  const float top = p0.y + line;
  for (int p = 0; p < 10; ++p) {
    const std::string l = std::to_string(p);
    dl->AddText(ImVec2(p0.x + label_w + p * cell + cell * 0.5f - ImGui::CalcTextSize(l.c_str()).x * 0.5f, top), text,
                l.c_str());
  }
  const float grid_top = top + line;
  const float font = std::min(ImGui::GetFontSize(), cell * 0.42f);
  for (int t = 0; t < 10; ++t) {
    dl->AddText(ImVec2(p0.x, grid_top + t * cell + (cell - line) * 0.5f), text, std::to_string(t).c_str());
    for (int p = 0; p < 10; ++p) {
      const long v = d.confusion[t][p];
      const double q = std::log1p(double(v)) / std::log1p(double(max_count));
      const ImVec2 a(p0.x + label_w + p * cell, grid_top + t * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1), lutColour(lut, 0.05 + 0.9 * q));
      if (t == in.filter_truth && p == in.filter_pred) {
        dl->AddRect(a, ImVec2(a.x + cell - 1, a.y + cell - 1), IM_COL32(90, 220, 255, 255), 0, 0, ui::px(2));
      }
      const std::string s = std::to_string(v);
      const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, 0, s.c_str());
      dl->AddText(ImGui::GetFont(), font, ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f),
                  q > 0.62 ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255), s.c_str());
    }
  }
  // Clicks on cells filter the mistakes below; rows are true labels.
  ImGui::SetCursorScreenPos(ImVec2(p0.x + label_w, grid_top));
  ImGui::InvisibleButton("##confusion", ImVec2(cell * 10, cell * 10));
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int p = std::clamp(int((m.x - p0.x - label_w) / cell), 0, 9), t = std::clamp(int((m.y - grid_top) / cell), 0, 9);
    ImGui::SetTooltip("true %d, predicted %d: %ld test images%s", t, p, d.confusion[t][p],
                      t != p ? "\nclick: show these mistakes" : "");
    if (ImGui::IsItemClicked()) {
      const bool same = in.filter_truth == t && in.filter_pred == p;
      in.filter_truth = same || t == p ? -1 : t;
      in.filter_pred = same || t == p ? -1 : p;
    }
  }
  // The colour scale.
  const ImVec2 s0(p0.x + label_w, grid_top + 10 * cell + ui::px(4));
  const float bar_w = cell * 6;
  for (int i = 0; i < 32; ++i) {
    dl->AddRectFilled(ImVec2(s0.x + bar_w * i / 32, s0.y), ImVec2(s0.x + bar_w * (i + 1) / 32 + 0.5f, s0.y + ui::px(8)),
                      lutColour(lut, 0.05 + 0.9 * i / 31.0));
  }
  char scale[64];
  std::snprintf(scale, sizeof scale, "0 … %ld (log)", max_count);
  dl->AddText(ImVec2(s0.x + bar_w + ui::px(6), s0.y - ui::px(4)), text, scale);
  ImGui::SetCursorScreenPos(ImVec2(p0.x, s0.y + ui::px(14)));

  // Misclassified digits, each with its labels beside it.
  if (in.filter_truth >= 0) {
    ImGui::TextDisabled("MISTAKES: true %d, predicted %d", in.filter_truth, in.filter_pred);
    ImGui::SameLine();
    if (ImGui::SmallButton("all")) in.filter_truth = in.filter_pred = -1;
  } else {
    ImGui::TextDisabled("MISCLASSIFIED (true → predicted, confidence)");
  }
  if (!in.digits_tex) return;
  const float img = ui::px(40), cell_w = img + ImGui::CalcTextSize("7 → 2 100%").x * 0.62f + ui::px(10);
  const int per_row = std::max(1, int(w / cell_w));
  int shown = 0;
  const float uw = 1.0f / float(in.digits_cols);
  const int atlas_rows = (int(d.misclassified.size()) + in.digits_cols - 1) / in.digits_cols;
  const float vh = 1.0f / float(std::max(1, atlas_rows));
  for (size_t k = 0; k < d.misclassified.size() && shown < 48; ++k) {
    const Misclassified& m = d.misclassified[k];
    if (in.filter_truth >= 0 && (m.truth != in.filter_truth || m.predicted != in.filter_pred)) continue;
    if (shown % per_row != 0) ImGui::SameLine(0, ui::px(6));
    const ImVec2 uv0(float(k % in.digits_cols) * uw, float(k / in.digits_cols) * vh);
    ImGui::BeginGroup();
    ImGui::Image(texId(in.digits_tex), ImVec2(img, img), uv0, ImVec2(uv0.x + uw, uv0.y + vh));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::SameLine(0, ui::px(3));
    ImGui::BeginGroup();
    ImGui::Text("%d → %d", m.truth, m.predicted);
    ImGui::TextDisabled("%.0f%%", 100 * m.confidence);
    ImGui::EndGroup();
    ImGui::EndGroup();
    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::Image(texId(in.digits_tex), ImVec2(img * 3, img * 3), uv0, ImVec2(uv0.x + uw, uv0.y + vh));
      ImGui::Text("true %d, predicted %d\nconfidence %.1f%% (softmax of the scores)", m.truth, m.predicted,
                  100 * m.confidence);
      ImGui::EndTooltip();
    }
    ++shown;
  }
}

}  // namespace mulab::gui
