#include "gui/widgets/plot.hpp"

#include <algorithm>
#include <cmath>

#include "gui/widgets/draw_limits.hpp"
#include "gui/widgets/ui_style.hpp"
#include "util/nice_ticks.hpp"

namespace mulab::gui {
namespace {

ImU32 withAlpha(ImU32 c, float k) {
  const ImU32 a = ImU32(float((c >> IM_COL32_A_SHIFT) & 0xFF) * k);
  return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

bool usable(const PlotSeries& s, size_t i, const PlotOptions& o) { return drawable(s, i, o.log_x, o.log_y); }

// Thins log ticks to every other decade until at most `max` remain.
std::vector<double> thinned(std::vector<double> v, size_t max) {
  while (v.size() > std::max<size_t>(2, max)) {
    std::vector<double> t;
    for (size_t i = 0; i < v.size(); i += 2) t.push_back(v[i]);
    v = t;
  }
  return v;
}

}  // namespace

std::vector<double> smoothDebiased(const std::vector<double>& y, double w) {
  std::vector<double> out(y.size(), NAN);
  double acc = 0, weight = 0, last = NAN;
  for (size_t i = 0; i < y.size(); ++i) {
    if (std::isfinite(y[i])) {
      acc = w * acc + (1 - w) * y[i];
      weight = w * weight + (1 - w);
      last = acc / weight;
    }
    out[i] = last;
  }
  return out;
}

long sampleAtOrBefore(std::span<const double> x, double at) {
  const auto it = std::upper_bound(x.begin(), x.end(), at);
  return long(it - x.begin()) - 1;
}

void drawLinePlot(const char* id, ImVec2 size, std::span<const PlotSeries> series, const PlotOptions& opt,
                  PlotView* view, PlotLegend* legend) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight();
  // The legend's width follows its longest label.
  float legend_w = 0;
  if (opt.legend && legend) {
    for (const PlotSeries& s : series) {
      if (s.in_legend && !s.label.empty()) legend_w = std::max(legend_w, ImGui::CalcTextSize(s.label.c_str()).x);
    }
    legend_w = legend_w > 0 ? std::min(legend_w + ui::px(34), 0.32f * size.x) : 0;
  }
  ImGui::InvisibleButton("##plot", ImVec2(std::max(1.0f, size.x - legend_w), size.y));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const float left = ui::px(58), bottom = line * 2 + ui::px(4), top = line + ui::px(8), right = ui::px(12);
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - legend_w - right, p0.y + size.y - bottom);
  dl->AddRectFilled(a, b, IM_COL32(22, 24, 28, 255));
  const ImU32 text = IM_COL32(200, 204, 210, 255), grid = IM_COL32(60, 64, 72, 255);
  // Title and y label above the area: they never cover a curve.
  const std::string head = std::string(opt.title) + (*opt.title && *opt.y_label ? "  ·  " : "") + opt.y_label;
  dl->AddText(ImVec2(a.x, p0.y + ui::px(3)), text, clipText(head, 160).c_str());

  auto isHidden = [&](const PlotSeries& s) { return legend && s.group >= 0 && legend->hidden.count(s.group); };
  // Fit: x over all visible series, y over finite values (positive on log axes).
  auto tx = [&](double x) { return opt.log_x ? std::log10(x) : x; };
  auto ty = [&](double y) { return opt.log_y ? std::log10(y) : y; };
  // log10 is monotonic: fit on the raw values and transform only the
  // extremes (a frame of the explorer would otherwise take ~300k logarithms).
  double rx0 = INFINITY, rx1 = -INFINITY, ry0 = INFINITY, ry1 = -INFINITY;
  for (const PlotSeries& s : series) {
    if (isHidden(s)) continue;
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!usable(s, i, opt)) continue;
      rx0 = std::min(rx0, s.x[i]);
      rx1 = std::max(rx1, s.x[i]);
      ry0 = std::min(ry0, s.y[i]);
      ry1 = std::max(ry1, s.y[i]);
    }
  }
  double x0 = INFINITY, x1 = -INFINITY, ly0 = INFINITY, ly1 = -INFINITY;
  if (rx1 >= rx0) {
    x0 = tx(rx0);
    x1 = tx(rx1);
    ly0 = ty(ry0);
    ly1 = ty(ry1);
  }
  if (!(x1 >= x0)) {
    dl->AddText(ImVec2(a.x + ui::px(10), a.y + ui::px(10)), text, "no data yet");
    ImGui::PopID();
    return;
  }
  if (x1 == x0) x1 = x0 + (opt.log_x ? 0.5 : 1);
  // A value that reaches 1e-144 must not squash every other curve into the top row.
  if (opt.log_y) ly0 = std::max(ly0, ly1 - opt.max_decades);
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
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      view->automatic = true;
    } else if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
      const double dx = io.MouseDelta.x / (b.x - a.x) * (x1 - x0);
      const double dy = io.MouseDelta.y / (b.y - a.y) * (ly1 - ly0);
      *view = PlotView{false, x0 - dx, x1 - dx, ly0 + dy, ly1 + dy};
    } else if (hovered && io.MouseWheel != 0) {
      const double k = std::pow(0.85, io.MouseWheel);
      const double mx = x0 + (io.MousePos.x - a.x) / (b.x - a.x) * (x1 - x0);
      const double my = ly0 + (b.y - io.MousePos.y) / (b.y - a.y) * (ly1 - ly0);
      const double kx = io.KeyShift ? 1.0 : k, ky = io.KeyCtrl ? 1.0 : k;
      *view = PlotView{false, mx + (x0 - mx) * kx, mx + (x1 - mx) * kx, my + (ly0 - my) * ky, my + (ly1 - my) * ky};
    }
  }
  const PlotMapping map{a, b, x0, x1, ly0, ly1, opt.log_x, opt.log_y};
  auto px = [&](double x) { return map.px(x); };
  auto py = [&](double y) { return map.py(y); };

  // Grid and tick labels.
  std::vector<double> xv;
  double xstep = 0;
  if (opt.log_x) {
    xv = thinned(logTicks(std::pow(10.0, x0), std::pow(10.0, x1)), size_t((b.x - a.x) / ui::px(70)));
  } else {
    const Ticks t = niceTicks(x0, x1, std::max(2, int((b.x - a.x) / ui::px(90))));
    xv = t.values;
    xstep = t.step;
  }
  for (double v : xv) {
    dl->AddLine(ImVec2(px(v), a.y), ImVec2(px(v), b.y), grid);
    const std::string l = tickLabel(v, opt.log_x ? v : xstep);
    dl->AddText(ImVec2(px(v) - ImGui::CalcTextSize(l.c_str()).x * 0.5f, b.y + ui::px(3)), text, l.c_str());
  }
  std::vector<double> yv;
  double ystep = 0;
  // Labels at least a line and a half apart, however short the plot.
  const size_t max_y_ticks = size_t(std::clamp((b.y - a.y) / (1.6f * line), 2.0f, 7.0f));
  if (opt.log_y) {
    yv = thinned(logTicks(std::pow(10.0, ly0), std::pow(10.0, ly1)), max_y_ticks);
  } else {
    const Ticks t = niceTicks(ly0, ly1, int(max_y_ticks));
    yv = t.values;
    ystep = t.step;
  }
  for (double v : yv) {
    const float y = py(v);
    if (y < a.y - 1 || y > b.y + 1) continue;
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
    // Log ticks are labelled by their own magnitude, unless the range was so
    // narrow that they are evenly spaced linear ticks: then by their spacing.
    const bool linear = yv.size() >= 3 && std::abs((yv[2] - yv[1]) - (yv[1] - yv[0])) < 1e-9 * yv[2];
    const std::string l = opt.log_y ? tickLabel(v, linear ? yv[1] - yv[0] : v) : tickLabel(v, ystep);
    const ImVec2 ts = ImGui::CalcTextSize(l.c_str());
    dl->AddText(ImVec2(a.x - ts.x - ui::px(5), y - ts.y * 0.5f), text, l.c_str());
  }
  dl->AddRect(a, b, IM_COL32(90, 96, 106, 255));
  const ImVec2 xs = ImGui::CalcTextSize(opt.x_label);
  dl->AddText(ImVec2((a.x + b.x - xs.x) * 0.5f, b.y + line + ui::px(4)), text, opt.x_label);

  // Bands, then series, clipped to the plot area; a highlighted run dims the others.
  const int highlight = legend ? legend->hovered : -1;
  auto dimmed = [&](const PlotSeries& s) { return highlight >= 0 && s.group != highlight; };
  dl->PushClipRect(a, b, true);
  for (const PlotSeries& s : series) {
    if (isHidden(s) || s.band_lo.size() != s.x.size() || s.band_hi.size() != s.x.size()) continue;
    const ImU32 c = withAlpha(s.color, dimmed(s) ? 0.06f : 0.18f);
    for (size_t i = 0; i + 1 < s.x.size(); ++i) {
      const double l0 = s.band_lo[i], h0 = s.band_hi[i], l1 = s.band_lo[i + 1], h1 = s.band_hi[i + 1];
      if (!std::isfinite(l0 + h0 + l1 + h1) || (opt.log_y && std::min(l0, l1) <= 0)) continue;
      const float xa = px(s.x[i]), xb = px(s.x[i + 1]);
      dl->AddQuadFilled(ImVec2(xa, py(h0)), ImVec2(xb, py(h1)), ImVec2(xb, py(l1)), ImVec2(xa, py(l0)), c);
    }
  }
  std::vector<ImVec2> pts, dec;
  std::vector<DenseColumn> dense;
  for (const PlotSeries& s : series) {
    if (isHidden(s)) continue;
    const ImU32 c = dimmed(s) ? withAlpha(s.color, 0.25f) : s.color;
    pts.clear();
    dec.clear();
    dense.clear();
    if (s.markers) {
      for (size_t i = 0; i < s.x.size(); ++i) {
        if (usable(s, i, opt)) pts.push_back(ImVec2(px(s.x[i]), py(s.y[i])));
      }
      decimateByColumn(pts, dec);
    } else {
      decimateSeries(s, map, dec, &dense);
    }
    const float thick = ui::px(s.thickness) * (highlight >= 0 && s.group == highlight ? 1.5f : 1.0f);
    if (dec.size() >= 2) addDecimatedSeries(dl, dec, dense, c, thick);
    if (s.markers) {
      for (const ImVec2& q : pts) dl->AddCircleFilled(q, ui::px(3.5f), c);
    } else if (!dec.empty() && s.in_tooltip) {
      dl->AddCircleFilled(dec.back(), ui::px(3), c);
    }
  }
  if (std::isfinite(opt.marker_x) && (!opt.log_x || opt.marker_x > 0)) {
    const float x = px(opt.marker_x);
    dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), IM_COL32(255, 210, 90, 200), ui::px(1.5f));
  }
  dl->PopClipRect();

  // Hover readout, snapped to the real sample nearest the cursor.
  if (hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const double xt = x0 + (m.x - a.x) / (b.x - a.x) * (x1 - x0);
    const double xm = opt.log_x ? std::pow(10.0, xt) : xt;
    double snapped = NAN, best = INFINITY;
    for (const PlotSeries& s : series) {
      if (isHidden(s) || !s.in_tooltip || s.x.empty()) continue;
      const long i = sampleAtOrBefore(s.x, xm);
      for (long k : {i, i + 1}) {
        if (k < 0 || k >= long(s.x.size())) continue;
        const double d = std::abs(px(s.x[k]) - m.x);
        if (d < best) {
          best = d;
          snapped = s.x[k];
        }
      }
    }
    if (std::isfinite(snapped)) {
      dl->AddLine(ImVec2(px(snapped), a.y), ImVec2(px(snapped), b.y), IM_COL32(255, 255, 255, 90));
      ImGui::BeginTooltip();
      ImGui::Text("%s %.6g", opt.x_label, snapped);
      for (const PlotSeries& s : series) {
        if (isHidden(s) || !s.in_tooltip || s.label.empty() || s.x.empty()) continue;
        if (snapped > s.x.back() || snapped < s.x.front()) continue;  // nothing past a run's end
        const long i = sampleAtOrBefore(s.x, snapped);
        if (i < 0 || !std::isfinite(s.y[i])) continue;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %.4g", s.label.c_str(), s.y[i]);
        if (s.x[i] != snapped) {
          ImGui::SameLine();
          ImGui::TextDisabled("(at %.6g)", s.x[i]);
        }
      }
      ImGui::EndTooltip();
    }
  }

  // Legend: click hides a run, hovering highlights it.
  if (legend_w > 0) {
    if (legend) legend->hovered = -1;
    ImVec2 q(b.x + right + ui::px(8), a.y);
    std::set<int> listed;
    for (const PlotSeries& s : series) {
      if (!s.in_legend || s.label.empty() || (s.group >= 0 && !listed.insert(s.group).second)) continue;
      if (q.y + line > b.y) break;
      ImGui::SetCursorScreenPos(q);
      ImGui::PushID(s.group >= 0 ? s.group : int(listed.size()) + 100000);
      ImGui::InvisibleButton("##entry", ImVec2(legend_w - ui::px(8), line));
      const bool hide = isHidden(s);
      if (ImGui::IsItemHovered()) {
        if (legend && s.group >= 0) legend->hovered = s.group;
        ImGui::SetTooltip("%s\nclick: %s", s.label.c_str(), hide ? "show" : "hide");
      }
      if (ImGui::IsItemClicked() && legend && s.group >= 0) {
        if (hide) {
          legend->hidden.erase(s.group);
        } else {
          legend->hidden.insert(s.group);
        }
      }
      ImGui::PopID();
      const ImU32 c = hide ? IM_COL32(110, 110, 110, 255) : s.color;
      dl->AddLine(ImVec2(q.x, q.y + line * 0.5f), ImVec2(q.x + ui::px(16), q.y + line * 0.5f), c, ui::px(3));
      const float avail = legend_w - ui::px(34);
      const std::string label = fitText(s.label, avail);
      dl->AddText(ImVec2(q.x + ui::px(22), q.y), hide ? IM_COL32(120, 120, 120, 255) : text, label.c_str());
      q.y += line + ui::px(2);
    }
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + size.y + ImGui::GetStyle().ItemSpacing.y));
  }
  ImGui::PopID();
}

}  // namespace mulab::gui
