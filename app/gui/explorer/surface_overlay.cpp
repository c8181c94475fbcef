// What the surface view draws over the surface: known minima, each run's
// preview (faint) and the part already played (bright), start points and
// markers at the timeline's cursor, the vectors that explain the next step,
// the legend and the scene's title.
#include <algorithm>
#include <cmath>

#include "gui/widgets/draw_limits.hpp"
#include "gui/explorer/surface_view.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

const ImU32 kHalo = IM_COL32(0, 0, 0, 150);

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col, float thickness) {
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1.0f) return;
  const float ux = dx / len, uy = dy / len, head = std::min(ui::px(9), 0.45f * len);
  const ImVec2 base(to.x - ux * head, to.y - uy * head);
  for (const auto& [c, w] : {std::pair{kHalo, thickness + 2.0f}, std::pair{col, thickness}}) {
    dl->AddLine(from, base, c, w);
    dl->AddTriangleFilled(to, ImVec2(base.x - uy * head * 0.45f, base.y + ux * head * 0.45f),
                          ImVec2(base.x + uy * head * 0.45f, base.y - ux * head * 0.45f), c);
  }
}

void dashedRect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  const float dash = ui::px(5);
  auto side = [&](ImVec2 p, ImVec2 q) {
    const float len = std::hypot(q.x - p.x, q.y - p.y);
    for (float s = 0; s < len; s += 2 * dash) {
      const float e = std::min(len, s + dash);
      dl->AddLine(ImVec2(p.x + (q.x - p.x) * s / len, p.y + (q.y - p.y) * s / len),
                  ImVec2(p.x + (q.x - p.x) * e / len, p.y + (q.y - p.y) * e / len), col, 1.5f);
    }
  };
  side(a, ImVec2(b.x, a.y));
  side(ImVec2(b.x, a.y), b);
  side(b, ImVec2(a.x, b.y));
  side(ImVec2(a.x, b.y), a);
}

// Pixel points of a run's recorded path from step `first_step` up to
// `last_step` (to its end when negative), at most about kMaxTrailPoints of
// them, skipping sub-pixel moves.
void trailPoints(const ExplorerRun& r, const ViewMapping& m, long first_step, long last_step, std::vector<ImVec2>& pts) {
  const auto& path = r.preview->path();
  const size_t stride = trailStride(path.size());
  // Start on the stride's grid, so the points drawn do not shimmer as the start moves.
  const size_t from = size_t(std::partition_point(path.begin(), path.end(),
                                                  [&](const TrajectoryPoint& p) { return p.step < first_step; }) -
                             path.begin());
  for (size_t k = std::min(path.size() - 1, (from + stride - 1) / stride * stride); k < path.size();
       k = nextTrailIndex(k, stride, path.size())) {
    const TrajectoryPoint& p = path[k];
    if (last_step >= 0 && p.step > last_step) break;
    const ImVec2 q = m.toPx(p.x, p.y);
    if (!std::isfinite(q.x) || !std::isfinite(q.y)) break;
    const ImVec2 c(std::clamp(q.x, m.a.x - 1e4f, m.b.x + 1e4f), std::clamp(q.y, m.a.y - 1e4f, m.b.y + 1e4f));
    if (!pts.empty() && std::abs(c.x - pts.back().x) < 1.5f && std::abs(c.y - pts.back().y) < 1.5f) continue;
    pts.push_back(c);
  }
}

}  // namespace

void SurfaceView::drawOverlay2D(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m) {
  dl->PushClipRect(m.a, m.b, true);
  for (const Minimum& mn : state.surface()->info().minima) {
    const ImVec2 c = m.toPx(mn.point.x(), mn.point.y());
    dl->AddCircleFilled(c, ui::px(6.5f), IM_COL32(0, 0, 0, 160));
    if (mn.global) {
      dl->AddCircleFilled(c, ui::px(4.5f), IM_COL32(255, 255, 255, 240));
    } else {
      dl->AddCircle(c, ui::px(4.5f), IM_COL32(255, 255, 255, 240), 0, 2.0f);
    }
  }
  std::vector<ImVec2> pts;
  for (const ExplorerRun& r : state.runs()) {
    if (r.hidden) continue;
    const ImU32 col = toU32(r.spec.color);
    const float width = ui::px(r.selected ? 2.6f : 1.8f);
    // The rest of the preview, faint: where the run will go from its marker
    // (not drawn under the bright part, which would hide it: on llvmpipe
    // every line segment costs rasteriser time).
    const long shown = state.stepShown(r);
    const StepInspection at = r.preview->inspect(shown);
    const bool at_ok = at.theta.allFinite();
    pts.clear();
    if (at_ok) pts.push_back(m.toPx(at.theta.x(), at.theta.y()));
    trailPoints(r, m, shown + 1, -1, pts);
    if (pts.size() >= 2) addPolylineChunked(dl, pts.data(), int(pts.size()), toU32(r.spec.color, 0.35f), ui::px(1.2f));
    // The part played so far, bright, with a dark halo readable on any map.
    pts.clear();
    trailPoints(r, m, 0, shown, pts);
    if (at_ok) pts.push_back(m.toPx(at.theta.x(), at.theta.y()));
    if (pts.size() >= 2) {
      addPolylineChunked(dl, pts.data(), int(pts.size()), kHalo, width + ui::px(2.5f));
      addPolylineChunked(dl, pts.data(), int(pts.size()), col, width);
    }
    const ImVec2 s = m.toPx(r.spec.start.x(), r.spec.start.y());
    dl->AddCircle(s, ui::px(5), IM_COL32(0, 0, 0, 200), 0, ui::px(3.5f));
    dl->AddCircle(s, ui::px(5), col, 0, ui::px(2));
    drawVectors(state, dl, m, r);
    if (at_ok) {
      const ImVec2 c = m.toPx(at.theta.x(), at.theta.y());
      dl->AddCircleFilled(c, ui::px(6), IM_COL32(0, 0, 0, 220));
      dl->AddCircleFilled(c, ui::px(4.5f), col);
    }
  }
  dl->PopClipRect();
}

void SurfaceView::drawVectors(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m, const ExplorerRun& r) {
  const VectorToggles& v = state.scene().vectors;
  if (!(v.gradient || v.momentum || v.step || v.trust || v.rate)) return;
  if (!v.all_runs && &r != state.focusedRun()) return;
  const StepInspection s = r.preview->inspect(state.stepShown(r));
  if (!s.theta.allFinite()) return;
  const ImVec2 c = m.toPx(s.theta.x(), s.theta.y());
  const ImU32 col = toU32(r.spec.color);
  // Gradient and momentum live in gradient units, not parameter units: they
  // are drawn as directions, the longer one 64 px, the other in proportion.
  const double gn = s.grad.matrix().norm(), mn = s.m.matrix().norm();
  const float max_len = std::min(ui::px(64), 0.15f * std::min(m.b.x - m.a.x, m.b.y - m.a.y));
  const double longest = std::max(v.gradient ? gn : 0.0, v.momentum ? mn : 0.0);
  auto direction = [&](const Vec2& d, double norm, ImU32 colour) {
    if (!(norm > 0) || !std::isfinite(norm) || !(longest > 0)) return;
    const float len = max_len * float(std::max(0.25, norm / longest));
    arrow(dl, c, ImVec2(c.x + float(d.x() / norm) * len, c.y - float(d.y() / norm) * len), colour, ui::px(2));
  };
  if (v.gradient) direction(-s.grad, gn, IM_COL32(255, 255, 255, 235));
  if (v.momentum && r.spec.optimizer.base != BaseOptimizer::kSgd) direction(-s.m, mn, IM_COL32(80, 230, 255, 235));
  if (!s.has_next) return;
  // The trust box and the step are in parameter units: true to scale.
  if (v.trust && s.trust.maxCoeff() > 0) {
    const ImVec2 a = m.toPx(s.theta.x() - s.trust.x(), s.theta.y() + s.trust.y());
    const ImVec2 b = m.toPx(s.theta.x() + s.trust.x(), s.theta.y() - s.trust.y());
    dl->AddRectFilled(a, b, toU32(r.spec.color, 0.12f));
    dashedRect(dl, a, b, col);
  }
  if (v.step && s.next_theta.allFinite()) {
    const ImVec2 to = m.toPx(s.next_theta.x(), s.next_theta.y());
    arrow(dl, c, to, col, ui::px(2.5f));
  }
  if (v.rate) {
    const BaseOptimizer base = r.spec.optimizer.base;
    if (base == BaseOptimizer::kAdagrad || base == BaseOptimizer::kRmsProp || base == BaseOptimizer::kAdam) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "l = (%.3g, %.3g)", s.l.x(), s.l.y());
      dl->AddText(ImVec2(c.x + ui::px(9), c.y + ui::px(6)), IM_COL32(255, 255, 255, 230), buf);
    }
  }
}

void SurfaceView::drawOverlay3D(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m) {
  const Eigen::Matrix4f vp = state.camera().viewProjection((m.b.x - m.a.x) / std::max(1.0f, m.b.y - m.a.y));
  const auto f_star = state.fStar();
  auto project = [&](double x, double y, double f) -> std::optional<ImVec2> {
    const float t = std::clamp(scale_.normalise(f_star ? std::max(0.0, f - *f_star) : f), 0.0f, 1.0f);
    const Eigen::Vector4f p(float(-1 + 2 * (x - m.window.xmin) / m.window.width()),
                            float(-1 + 2 * (y - m.window.ymin) / m.window.height()),
                            SurfaceRenderer::meshHeight(t) + 0.012f, 1.0f);
    const Eigen::Vector4f q = vp * p;
    if (q.w() <= 1e-4f) return std::nullopt;
    return ImVec2(m.a.x + (q.x() / q.w() * 0.5f + 0.5f) * (m.b.x - m.a.x),
                  m.a.y + (0.5f - q.y() / q.w() * 0.5f) * (m.b.y - m.a.y));
  };
  dl->PushClipRect(m.a, m.b, true);
  std::vector<ImVec2> pts;
  for (const ExplorerRun& r : state.runs()) {
    if (r.hidden) continue;
    pts.clear();
    const long shown = state.stepShown(r);
    const auto& path = r.preview->path();
    for (size_t k = 0, step = trailStride(path.size()); k < path.size(); k = nextTrailIndex(k, step, path.size())) {
      const TrajectoryPoint& p = path[k];
      if (p.step > shown) break;
      if (!m.window.contains(Vec2(p.x, p.y))) continue;
      if (auto q = project(p.x, p.y, p.f)) {
        if (!pts.empty() && std::abs(q->x - pts.back().x) < 1.5f && std::abs(q->y - pts.back().y) < 1.5f) continue;
        pts.push_back(*q);
      }
    }
    if (pts.size() >= 2) {
      addPolylineChunked(dl, pts.data(), int(pts.size()), kHalo, ui::px(4.5f));
      addPolylineChunked(dl, pts.data(), int(pts.size()), toU32(r.spec.color), ui::px(2.5f));
    }
    const StepInspection at = r.preview->inspect(shown);
    if (m.window.contains(at.theta)) {
      if (auto q = project(at.theta.x(), at.theta.y(), at.f)) {
        dl->AddCircleFilled(*q, ui::px(6), IM_COL32(0, 0, 0, 220));
        dl->AddCircleFilled(*q, ui::px(4.5f), toU32(r.spec.color));
      }
    }
  }
  dl->PopClipRect();
  if (overlay) overlay(dl, m, project, true);
  // Bottom right: the run legend sits bottom left.
  const char* hint = "drag: orbit   wheel: zoom   height: log-compressed f − f*";
  // A narrow view keeps the half the legend does not need.
  if (ImGui::CalcTextSize(hint).x > 0.45f * (m.b.x - m.a.x)) hint = "drag: orbit   wheel: zoom";
  const ImVec2 hs = ImGui::CalcTextSize(hint);
  const ImVec2 hp(m.b.x - ui::px(10) - hs.x, m.b.y - ui::px(8) - hs.y);
  dl->AddRectFilled(ImVec2(hp.x - ui::px(4), hp.y - ui::px(2)), ImVec2(hp.x + hs.x + ui::px(4), hp.y + hs.y + ui::px(2)),
                    IM_COL32(10, 12, 16, 170), ui::px(3));
  dl->AddText(hp, IM_COL32(200, 204, 212, 255), hint);
}

void SurfaceView::drawLegend(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m) {
  if (state.runs().empty()) return;
  const float line = ImGui::GetTextLineHeight(), pad = ui::px(6), sw = ui::px(14);
  float w = 0;
  int shown = 0;
  for (const ExplorerRun& r : state.runs()) {
    if (r.hidden) continue;
    w = std::max(w, ImGui::CalcTextSize(runLabel(r.spec).c_str()).x);
    ++shown;
  }
  if (shown == 0) return;
  // Only where it leaves the surface visible: the plot's legend names the runs too.
  if (w + sw + 3 * pad > 0.45f * (m.b.x - m.a.x) || m.b.y - m.a.y < ui::px(160)) return;
  const int max_rows = std::max(1, int((m.b.y - m.a.y) * 0.35f / line));
  const ImVec2 p(m.a.x + pad, m.b.y - pad - std::min(shown, max_rows) * line - 2 * pad);
  dl->AddRectFilled(p, ImVec2(p.x + w + sw + 3 * pad, m.b.y - pad), IM_COL32(10, 12, 16, 190), ui::px(3));
  int row = 0;
  for (const ExplorerRun& r : state.runs()) {
    if (r.hidden) continue;
    if (row == max_rows) break;
    const float y = p.y + pad + row * line;
    dl->AddLine(ImVec2(p.x + pad, y + line * 0.5f), ImVec2(p.x + pad + sw, y + line * 0.5f), toU32(r.spec.color),
                ui::px(3));
    dl->AddText(ImVec2(p.x + 2 * pad + sw, y), IM_COL32(230, 232, 236, 255), runLabel(r.spec).c_str());
    ++row;
  }
}

void SurfaceView::drawTitle(const ExplorerState& state, ImDrawList* dl, const ViewMapping& m) {
  const Scene& s = state.scene();
  if (s.title.empty() && s.description.empty()) return;
  // Compact: at most half the view wide, so the surface stays visible.
  const float pad = ui::px(8), wrap = std::min(0.5f * (m.b.x - m.a.x) - 2 * pad, ui::px(460));
  ImFont* font = ImGui::GetFont();
  const float big = ImGui::GetFontSize() * 1.2f;
  // A short view shows the title alone: the description would cover the surface.
  const bool room = m.b.y - m.a.y > ui::px(300);
  const std::string title = clipText(s.title, kMaxSceneTitle);
  const std::string text = room ? clipText(s.description, kMaxSceneDescription) : "";
  const ImVec2 ts = font->CalcTextSizeA(big, wrap, wrap, title.c_str());
  const ImVec2 ds = text.empty() ? ImVec2(0, 0) : font->CalcTextSizeA(ImGui::GetFontSize(), wrap, wrap, text.c_str());
  const ImVec2 p(m.a.x + pad, m.a.y + pad);
  const float w = std::max(ts.x, ds.x) + 2 * pad, h = ts.y + ds.y + 2 * pad + (text.empty() ? 0 : ui::px(2));
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(10, 12, 16, 200), ui::px(3));
  dl->AddText(font, big, ImVec2(p.x + pad, p.y + pad), IM_COL32(255, 255, 255, 255), title.c_str(), nullptr, wrap);
  if (!text.empty()) {
    dl->AddText(font, ImGui::GetFontSize(), ImVec2(p.x + pad, p.y + pad + ts.y + ui::px(2)),
                IM_COL32(200, 204, 212, 255), text.c_str(), nullptr, wrap);
  }
}

}  // namespace mulab::gui
