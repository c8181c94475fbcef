// The sweep view's heatmap: mean final test error of each group over two
// axes, the block axes not plotted fixed by combos. Rows and columns with no
// finished group under the fixed values are left out, so a hybrid-only axis
// (gamma) does not show empty rows for the additive rule. Colour: viridis
// over the cells shown, bright = low error; a click toggles the cell's curve.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/widgets/draw_limits.hpp"
#include "gui/sweep/sweep_view.hpp"
#include "gui/widgets/ui_style.hpp"
#include "util/colormap.hpp"

namespace mulab::gui {
namespace {

bool axisCombo(const char* label, std::string& key, const std::vector<SweepAxis>& axes, const std::string& other) {
  bool changed = false;
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(110));
  ImGui::PushID(label);
  if (ImGui::BeginCombo("##axis", key.c_str())) {
    for (const SweepAxis& a : axes) {
      if (a.key == "seed" || a.key == other || a.values.size() < 2) continue;
      if (ImGui::Selectable(a.key.c_str(), a.key == key)) {
        key = a.key;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace

void SweepView::drawHeatmapControls() {
  const LoadedSweep& s = *sweep_;
  bool changed = axisCombo("heatmap: columns", x_key_, s.axes, y_key_);
  ImGui::SameLine();
  changed |= axisCombo("rows", y_key_, s.axes, x_key_);
  if (changed) fixOtherBlockAxes();
  if (!fixed_.empty()) ImGui::TextDisabled("with");
  for (auto& [key, value] : fixed_) {
    // Wrap before a combo that would not fit.
    const float need = ui::px(130) + ImGui::CalcTextSize(key.c_str()).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (right - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x > need) {
      ImGui::SameLine();
    }
    const SweepAxis* axis = nullptr;
    for (const SweepAxis& a : s.axes) {
      if (a.key == key) axis = &a;
    }
    if (!axis) continue;
    ImGui::SetNextItemWidth(ui::px(120));
    const std::string label = key + "##fix_" + key;
    if (ImGui::BeginCombo(label.c_str(), value.c_str())) {
      for (const std::string& v : axis->values) {
        if (ImGui::Selectable(v.c_str(), v == value)) value = v;
      }
      ImGui::EndCombo();
    }
  }
}

void SweepView::drawHeatmap(ImVec2 size) {
  const LoadedSweep& s = *sweep_;
  hovered_group_ = -1;
  if (x_key_.empty() || y_key_.empty() || x_key_ == y_key_) {
    ImGui::TextDisabled("a heatmap needs two axes with several values; this sweep has fewer");
    return;
  }
  drawHeatmapControls();
  auto map = sweepHeatmap(s, x_key_, y_key_, fixed_);
  if (!map) {
    ImGui::TextDisabled("%s", map.error().c_str());
    return;
  }
  const SweepHeatmap& h = *map;
  const size_t nx = h.x_values.size(), ny = h.y_values.size();
  std::vector<size_t> cols, rows;
  for (size_t x = 0; x < nx; ++x) {
    for (size_t y = 0; y < ny; ++y) {
      if (h.n[y * nx + x] > 0) {
        cols.push_back(x);
        break;
      }
    }
  }
  for (size_t y = 0; y < ny; ++y) {
    for (size_t x = 0; x < nx; ++x) {
      if (h.n[y * nx + x] > 0) {
        rows.push_back(y);
        break;
      }
    }
  }
  if (cols.empty()) {
    ImGui::TextDisabled("no finished group has these values yet");
    return;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (size_t y : rows) {
    for (size_t x : cols) {
      const double m = h.mean[y * nx + x];
      if (std::isfinite(m)) lo = std::min(lo, m), hi = std::max(hi, m);
    }
  }
  const Lut& lut = colormapLut("viridis");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float label_w = ui::px(70), label_h = ImGui::GetTextLineHeightWithSpacing() * 2;
  const float avail_h = std::max(ui::px(60), std::min(size.y, ImGui::GetContentRegionAvail().y) - label_h);
  const float cw = std::min(ui::px(110), (size.x - label_w) / float(cols.size()));
  const float ch = std::min(ui::px(40), avail_h / float(rows.size()));
  const ImVec2 grid0(p0.x + label_w, p0.y);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // Rows from the top in reverse, so larger y values sit higher, as on a plot.
  for (size_t r = 0; r < rows.size(); ++r) {
    const size_t y = rows[rows.size() - 1 - r];
    const float top = grid0.y + r * ch;
    const std::string yl = fitText(h.y_values[y], label_w - ui::px(6));
    dl->AddText(ImVec2(p0.x, top + 0.5f * (ch - ImGui::GetTextLineHeight())), IM_COL32(220, 220, 220, 255), yl.c_str());
    for (size_t c = 0; c < cols.size(); ++c) {
      const size_t x = cols[c], cell = y * nx + x;
      const ImVec2 a(grid0.x + c * cw, top), b(a.x + cw - 2, top + ch - 2);
      const double m = h.mean[cell];
      if (!std::isfinite(m)) {
        dl->AddRectFilled(a, b, IM_COL32(60, 60, 60, 255));
        continue;
      }
      // Bright (yellow) for the lowest error: the eye goes to the best cell.
      const double t = hi > lo ? (hi - m) / (hi - lo) : 1.0;
      const auto& rgb = lut[std::clamp(int(t * 255), 0, 255)];
      dl->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1)));
      char text[48];
      std::snprintf(text, sizeof text, "%.2f", 100 * m);
      const ImVec2 ts = ImGui::CalcTextSize(text);
      if (ts.x < cw - 4 && ts.y < ch - 2) {
        const ImU32 ink = t > 0.55 ? IM_COL32(20, 20, 20, 255) : IM_COL32(240, 240, 240, 255);
        dl->AddText(ImVec2(0.5f * (a.x + b.x - ts.x), 0.5f * (a.y + b.y - ts.y)), ink, text);
      }
      const bool over = mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y &&
                        ImGui::IsWindowHovered();
      if (over && h.group[cell] >= 0) {
        const size_t g = size_t(h.group[cell]);
        hovered_group_ = int(g);
        dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 2);
        const RunGroup& grp = s.groups[g];
        ImGui::SetTooltip("%s\nfinal test error %.2f%% ± %.2f (n = %zu)\nbest %.2f%%, epoch 1 %.2f%%\nclick: %s its curve",
                          grp.label.c_str(), 100 * grp.final_error.mean,
                          std::isnan(grp.final_error.std) ? 0.0 : 100 * grp.final_error.std, grp.final_error.n,
                          100 * grp.best_error.mean, 100 * grp.first_epoch_error.mean,
                          shown_.count(g) ? "hide" : "show");
        if (ImGui::IsMouseClicked(0)) {
          if (!shown_.erase(g)) shown_.insert(g);
        }
      }
    }
  }
  const float bottom = grid0.y + rows.size() * ch;
  for (size_t c = 0; c < cols.size(); ++c) {
    const std::string xl = fitText(h.x_values[cols[c]], cw - 4);
    const ImVec2 ts = ImGui::CalcTextSize(xl.c_str());
    dl->AddText(ImVec2(grid0.x + c * cw + 0.5f * (cw - ts.x), bottom + 2), IM_COL32(220, 220, 220, 255), xl.c_str());
  }
  const std::string axis_text = x_key_ + " →   (rows: " + y_key_ + ")   final test error %, mean over seeds";
  dl->AddText(ImVec2(grid0.x, bottom + ImGui::GetTextLineHeightWithSpacing()), IM_COL32(170, 170, 170, 255),
              fitText(axis_text, size.x - label_w).c_str());
  ImGui::Dummy(ImVec2(size.x, rows.size() * ch + label_h));
}

}  // namespace mulab::gui
