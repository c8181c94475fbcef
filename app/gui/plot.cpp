#include "gui/plot.hpp"

#include "gui/draw_limits.hpp"

#include <algorithm>
#include <cmath>

#include "util/nice_ticks.hpp"

namespace mulab::gui {

void decimateByColumn(std::span<const ImVec2> pts, std::vector<ImVec2>& out) {
  size_t i = 0;
  while (i < pts.size()) {
    const float col = std::floor(pts[i].x);
    float lo = pts[i].y, hi = pts[i].y;
    const ImVec2 first = pts[i];
    ImVec2 last = pts[i];
    size_t j = i + 1;
    for (; j < pts.size() && std::floor(pts[j].x) == col; ++j) {
      lo = std::min(lo, pts[j].y);
      hi = std::max(hi, pts[j].y);
      last = pts[j];
    }
    if (j - i <= 2) {
      for (size_t k = i; k < j; ++k) out.push_back(pts[k]);
    } else if (hi - lo < 1.0f) {
      out.push_back(first);  // the column's points fall within one pixel
      if (std::abs(last.y - first.y) >= 0.5f) out.push_back(last);
    } else {
      // Enter at the first point, span the column's extremes, leave at the last.
      out.push_back(first);
      out.push_back(ImVec2(col + 0.5f, first.y <= last.y ? lo : hi));
      out.push_back(ImVec2(col + 0.5f, first.y <= last.y ? hi : lo));
      out.push_back(last);
    }
    i = j;
  }
}

void drawLinePlot(const char* id, ImVec2 size, std::span<const PlotSeries> series,
                  const PlotOptions& opt, PlotView* view) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##plot", size);
  const float left = 58, bottom = 34, top = 8, right = 12;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(a, b, IM_COL32(22, 24, 28, 255));

  // Fit: x over all series, y over positive finite values in log mode.
  // Axes work in transformed units: log10 of the data on log axes.
  auto tx = [&](double x) { return opt.log_x ? std::log10(x) : x; };
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const PlotSeries& s : series) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      const double y = s.y[i];
      if (!std::isfinite(y) || (opt.log_y && y <= 0) || (opt.log_x && s.x[i] <= 0)) continue;
      x0 = std::min(x0, tx(s.x[i]));
      x1 = std::max(x1, tx(s.x[i]));
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  const ImU32 text = IM_COL32(200, 204, 210, 255), grid = IM_COL32(60, 64, 72, 255);
  if (!(x1 >= x0)) {
    dl->AddText(ImVec2(a.x + 10, a.y + 10), text, "no data yet");
    ImGui::PopID();
    return;
  }
  if (x1 == x0) x1 = x0 + (opt.log_x ? 0.5 : 1);
  auto ty = [&](double y) { return opt.log_y ? std::log10(y) : y; };
  double ly0 = ty(y0), ly1 = ty(y1);
  if (ly1 - ly0 < 1e-12) {
    ly0 -= opt.log_y ? 0.5 : 0.5 * std::max(1.0, std::abs(ly0));
    ly1 += opt.log_y ? 0.5 : 0.5 * std::max(1.0, std::abs(ly1));
  }
  const double pad = 0.04 * (ly1 - ly0);
  ly0 -= pad;
  ly1 += pad;
  if (view) {
    if (view->automatic) {
      *view = PlotView{true, x0, x1, ly0, ly1};
    } else {
      x0 = view->x0;
      x1 = view->x1;
      ly0 = view->y0;
      ly1 = view->y1;
    }
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      view->automatic = true;
    } else if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      const double dx = io.MouseDelta.x / (b.x - a.x) * (x1 - x0);
      const double dy = io.MouseDelta.y / (b.y - a.y) * (ly1 - ly0);
      *view = PlotView{false, x0 - dx, x1 - dx, ly0 + dy, ly1 + dy};
    } else if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
      const double k = std::pow(0.85, io.MouseWheel);
      const double mx = x0 + (io.MousePos.x - a.x) / (b.x - a.x) * (x1 - x0);
      const double my = ly0 + (b.y - io.MousePos.y) / (b.y - a.y) * (ly1 - ly0);
      const double kx = io.KeyShift ? 1.0 : k, ky = io.KeyCtrl ? 1.0 : k;
      *view = PlotView{false, mx + (x0 - mx) * kx, mx + (x1 - mx) * kx, my + (ly0 - my) * ky,
                       my + (ly1 - my) * ky};
    }
  }
  auto px = [&](double x) { return float(a.x + (tx(x) - x0) / (x1 - x0) * (b.x - a.x)); };
  auto py = [&](double y) { return float(b.y - (ty(y) - ly0) / (ly1 - ly0) * (b.y - a.y)); };

  // Grid and tick labels.
  Ticks xt;
  if (opt.log_x) {
    xt.values = logTicks(std::pow(10.0, x0), std::pow(10.0, x1));
    while (xt.values.size() > std::max<size_t>(2, size_t((b.x - a.x) / 70))) {
      std::vector<double> thin;
      for (size_t i = 0; i < xt.values.size(); i += 2) thin.push_back(xt.values[i]);
      xt.values = thin;
    }
  } else {
    xt = niceTicks(x0, x1, std::max(2, int((b.x - a.x) / 90)));
  }
  for (double v : xt.values) {
    dl->AddLine(ImVec2(px(v), a.y), ImVec2(px(v), b.y), grid);
    const std::string l = tickLabel(v, opt.log_x ? v : xt.step);
    dl->AddText(ImVec2(px(v) - ImGui::CalcTextSize(l.c_str()).x * 0.5f, b.y + 3), text, l.c_str());
  }
  std::vector<double> yv;
  double ystep = 0;
  if (opt.log_y) {
    yv = logTicks(std::pow(10.0, ly0), std::pow(10.0, ly1));
    while (yv.size() > 7) {  // thin decades so labels never overlap
      std::vector<double> thin;
      for (size_t i = 0; i < yv.size(); i += 2) thin.push_back(yv[i]);
      yv = thin;
    }
  } else {
    const Ticks t = niceTicks(ly0, ly1, std::max(2, int((b.y - a.y) / 40)));
    yv = t.values;
    ystep = t.step;
  }
  for (size_t i = 0; i < yv.size(); ++i) {
    const double v = yv[i];
    const float y = py(v);
    if (y < a.y - 1 || y > b.y + 1) continue;
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
    // Log ticks are labelled by their own magnitude, unless the range was so
    // narrow that they are evenly spaced linear ticks: then by their spacing.
    const bool linear = yv.size() >= 3 && std::abs((yv[2] - yv[1]) - (yv[1] - yv[0])) < 1e-9 * yv[2];
    const double label_step = linear ? yv[1] - yv[0] : v;
    const std::string l = opt.log_y ? tickLabel(v, label_step) : tickLabel(v, ystep);
    const ImVec2 ts = ImGui::CalcTextSize(l.c_str());
    dl->AddText(ImVec2(a.x - ts.x - 5, y - ts.y * 0.5f), text, l.c_str());
  }
  dl->AddRect(a, b, IM_COL32(90, 96, 106, 255));
  const ImVec2 xs = ImGui::CalcTextSize(opt.x_label);
  dl->AddText(ImVec2((a.x + b.x - xs.x) * 0.5f, b.y + 17), text, opt.x_label);
  dl->AddText(ImVec2(a.x + 6, a.y + 4), text, opt.y_label);

  // Series, clipped to the plot area.
  dl->PushClipRect(a, b, true);
  std::vector<ImVec2> pts, dec;
  for (const PlotSeries& s : series) {
    pts.clear();
    dec.clear();
    for (size_t i = 0; i < s.x.size(); ++i) {
      const double y = s.y[i];
      if (!std::isfinite(y) || (opt.log_y && y <= 0) || (opt.log_x && s.x[i] <= 0)) continue;
      pts.push_back(ImVec2(px(s.x[i]), py(y)));
    }
    decimateByColumn(pts, dec);
    if (dec.size() >= 2) addPolylineChunked(dl, dec.data(), int(dec.size()), s.color, s.thickness);
    if (!dec.empty() && s.in_tooltip) dl->AddCircleFilled(dec.back(), 3.0f, s.color);
  }
  dl->PopClipRect();

  // Hover readout: the nearest point of each series at the cursor's x.
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= a.x && m.x <= b.x) {
      const double xt_m = x0 + (m.x - a.x) / (b.x - a.x) * (x1 - x0);
      const double xm = opt.log_x ? std::pow(10.0, xt_m) : xt_m;
      dl->AddLine(ImVec2(m.x, a.y), ImVec2(m.x, b.y), IM_COL32(255, 255, 255, 90));
      ImGui::BeginTooltip();
      ImGui::Text("%s %.4g", opt.x_label, xm);
      for (const PlotSeries& s : series) {
        if (s.x.empty() || !s.in_tooltip) continue;
        const auto it = std::lower_bound(s.x.begin(), s.x.end(), xm);
        const size_t i = std::min<size_t>(it - s.x.begin(), s.x.size() - 1);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %.4g", s.label.c_str(), s.y[i]);
      }
      ImGui::EndTooltip();
    }
  }
  ImGui::PopID();
}

}  // namespace mulab::gui
