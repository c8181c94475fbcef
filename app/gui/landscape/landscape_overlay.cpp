// The runs' projected paths over a landscape, and the hover readout: what
// the surface shows at a point beside what the nearest checkpoint really had.
// A segment whose ends lie far off the plane (residual > kFadeResidual) is
// drawn faded: the contours under it are not the losses it went through
// (issue #1 of Li et al.'s code, github.com/tomgoldstein/loss-landscape),
// and the hover says so.
#include <algorithm>
#include <cmath>

#include "gui/landscape/landscape_view.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

// The run's points by step (the job projects them in arrival order).
std::vector<const ProjectedCheckpoint*> pathOf(const LandscapeSnapshot& s, int run) {
  std::vector<const ProjectedCheckpoint*> out;
  for (const ProjectedCheckpoint& p : s.points) {
    if (p.run == run) out.push_back(&p);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->step < b->step; });
  return out;
}

// Where a run is at step `cursor`: between the checkpoints around it, in
// plane coordinates and surface loss (3D height), then projected.
std::optional<ImVec2> markerAt(const std::vector<const ProjectedCheckpoint*>& path, double cursor,
                               const SurfaceView::ProjectFn& project, const ViewMapping& m, bool three_d) {
  if (path.empty() || cursor <= double(path.front()->step)) return std::nullopt;
  size_t i = 1;
  while (i < path.size() && double(path[i]->step) < cursor) ++i;
  if (i == path.size()) return std::nullopt;  // at or past the end: the end's own dot shows it
  const ProjectedCheckpoint &a = *path[i - 1], &b = *path[i];
  const double t = (cursor - double(a.step)) / std::max(1.0, double(b.step - a.step));
  const double x = a.at.x + t * (b.at.x - a.at.x), y = a.at.y + t * (b.at.y - a.at.y);
  if (three_d && !m.window.contains(Vec2(x, y))) return std::nullopt;
  return project(x, y, a.surface.loss + t * (b.surface.loss - a.surface.loss));
}

}  // namespace

void LandscapeView::play(float dt) {
  long last = 0;
  for (const ProjectedCheckpoint& p : snap_.points) last = std::max(last, p.step);
  // A view left at the end follows a live run's new checkpoints.
  const bool at_end = !playing_ && cursor_ >= double(last_step_);
  last_step_ = last;
  if (playing_) {
    if (last == 0) return;  // the checkpoints are projected after the first level
    cursor_ += double(last) * dt / kPlaySeconds;
    if (cursor_ >= double(last)) {
      cursor_ = double(last);
      playing_ = false;
    }
  } else if (at_end) {
    cursor_ = double(last);
  }
}

void LandscapeView::drawOverlay(ImDrawList* dl, const ViewMapping& m,
                                const SurfaceView::ProjectFn& project, bool three_d) const {
  if (!active_ || !job_) return;
  // In 3D a point off the grid has no mesh under it: it is left out.
  auto at = [&](const ProjectedCheckpoint* p) -> std::optional<ImVec2> {
    if (three_d && !m.window.contains(Vec2(p->at.x, p->at.y))) return std::nullopt;
    return project(p->at.x, p->at.y, p->surface.loss);
  };
  dl->PushClipRect(m.a, m.b, true);
  for (size_t k = 0; k < request_.runs.size(); ++k) {
    const Color& c = colors_[k];
    const auto path = pathOf(snap_, int(k));
    // Played up to the cursor: bright; the rest of the path faint, where the
    // run will go. The marker moves along the segment the cursor is in.
    const auto marker = markerAt(path, cursor_, project, m, three_d);
    for (size_t i = 1; i < path.size(); ++i) {
      const bool off = std::max(path[i - 1]->at.residual, path[i]->at.residual) > kFadeResidual;
      const bool played = double(path[i]->step) <= cursor_;
      const auto a = at(path[i - 1]), b = at(path[i]);
      if (!a || !b) continue;
      const float alpha = (off ? 0.45f : 1.0f) * (played ? 1.0f : 0.35f);
      dl->AddLine(*a, *b, toU32(c, alpha), ui::px(!played ? 1.0f : off ? 2.0f : 3.0f));
      // The segment the cursor is in: bright from its start to the marker.
      if (marker && double(path[i - 1]->step) < cursor_ && !played) {
        dl->AddLine(*a, *marker, toU32(c, off ? 0.45f : 1.0f), ui::px(off ? 2.0f : 3.0f));
      }
    }
    for (size_t i = 0; i < path.size(); ++i) {
      const bool off = path[i]->at.residual > kFadeResidual;
      const auto q = at(path[i]);
      if (!q) continue;
      if (i == 0) {
        dl->AddCircle(*q, ui::px(5), toU32(c, off ? 0.4f : 1.0f), 0,
                      ui::px(2));  // the initialisation
      } else if (i + 1 == path.size()) {
        dl->AddCircleFilled(*q, ui::px(5), toU32(c, double(path[i]->step) <= cursor_ ? 1.0f : 0.4f));
        dl->AddCircle(*q, ui::px(5), IM_COL32(0, 0, 0, 200), 0, ui::px(1));
      } else if (double(path[i]->step) <= cursor_) {
        dl->AddCircleFilled(*q, ui::px(2), toU32(c, off ? 0.3f : 0.9f));
      }
    }
    if (marker) {
      dl->AddCircleFilled(*marker, ui::px(6.5f), IM_COL32(0, 0, 0, 220));
      dl->AddCircleFilled(*marker, ui::px(5), toU32(c));
    }
  }
  dl->PopClipRect();

  // Legend: the runs, the y axis and what fading means, inside the plot.
  std::vector<std::pair<std::string, ImU32>> lines;
  for (size_t k = 0; k < request_.runs.size(); ++k)
    lines.emplace_back("— " + request_.runs[k].label, toU32(colors_[k]));
  const ImU32 grey = IM_COL32(200, 204, 210, 255);
  lines.emplace_back("y: " + plane_->axisLabel(1), grey);
  char fade[96];
  std::snprintf(fade, sizeof fade, "faded: residual > %.2f (off the plane)", kFadeResidual);
  lines.emplace_back(fade, grey);
  float w = 0;
  for (const auto& l : lines) w = std::max(w, ImGui::CalcTextSize(l.first.c_str()).x);
  const float lh = ImGui::GetTextLineHeight(), pad = ui::px(6);
  const ImVec2 box(w + 2 * pad, lines.size() * lh + 2 * pad);
  // The corner that hides the fewest checkpoints (paths wander anywhere).
  const float in = ui::px(6);
  const ImVec2 corners[4] = {
      ImVec2(m.b.x - box.x - in, m.a.y + in), ImVec2(m.b.x - box.x - in, m.b.y - box.y - in),
      ImVec2(m.a.x + in, m.b.y - box.y - in), ImVec2(m.a.x + in, m.a.y + in)};
  ImVec2 a = corners[0];
  int fewest = 1 << 30;
  for (const ImVec2& c : corners) {
    int hidden = 0;
    for (const ProjectedCheckpoint& p : snap_.points) {
      const auto q = at(&p);
      hidden += q && q->x >= c.x && q->x <= c.x + box.x && q->y >= c.y && q->y <= c.y + box.y;
    }
    if (hidden < fewest) fewest = hidden, a = c;
  }
  dl->AddRectFilled(a, ImVec2(a.x + box.x, a.y + box.y), IM_COL32(16, 18, 22, 200), ui::px(3));
  for (size_t i = 0; i < lines.size(); ++i) {
    dl->AddText(ImVec2(a.x + pad, a.y + pad + i * lh), lines[i].second, lines[i].first.c_str());
  }
}

bool LandscapeView::drawHover(const ViewMapping& m, const Vec2& at) const {
  if (!active_ || !job_ || snap_.surface.nodes == 0) return false;
  const LandscapeSurface surface(snap_.surface, "");
  const ProjectedCheckpoint* near = nullptr;
  float best = 1e30f;
  const ImVec2 mouse = m.toPx(at.x(), at.y());
  for (const ProjectedCheckpoint& p : snap_.points) {
    const ImVec2 q = m.toPx(p.at.x, p.at.y);
    const float d = (q.x - mouse.x) * (q.x - mouse.x) + (q.y - mouse.y) * (q.y - mouse.y);
    if (d < best) best = d, near = &p;
  }
  ImGui::BeginTooltip();
  ImGui::Text("x = %.4g   y = %.4g", at.x(), at.y());
  ImGui::Text("surface loss = %.5g", surface.value(at));
  if (near) {
    ImGui::Separator();
    ImGui::Text("nearest: %s, step %ld", request_.runs[size_t(near->run)].label.c_str(),
                near->step);
    ImGui::Text("true loss %.5g · surface there %.5g", near->truth.loss, near->surface.loss);
    ImGui::Text("residual %.3f", near->at.residual);
    if (near->at.residual > kFadeResidual) {
      ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "off the plane (> %.2f): the surface here is",
                         kFadeResidual);
      ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "not the loss this checkpoint had");
    }
  }
  ImGui::EndTooltip();
  return true;
}

void LandscapeView::drawTable(ImVec2 size) {
  // The interpolation plot takes the right part where there is room for both.
  const bool beside = size.x > ui::px(760);
  const float plot_w = beside ? std::min(ui::px(420), 0.4f * size.x) : 0.0f;
  if (beside) {
    drawInterpolation(ImVec2(plot_w, size.y));
    ImGui::SameLine();
    size.x -= plot_w + ImGui::GetStyle().ItemSpacing.x;
  }
  ImGui::BeginChild("landscape_points", size, true);
  if (snap_.points.empty()) {
    ImGui::TextDisabled(job_ ? "projecting the checkpoints after the first level..."
                             : "preparing...");
    ImGui::EndChild();
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("points", 8, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h :
         {"run", "step", "x", "y", "residual", "true loss", "surface loss", "difference"}) {
      ImGui::TableSetupColumn(h);
    }
    ImGui::TableHeadersRow();
    for (size_t k = 0; k < request_.runs.size(); ++k) {
      for (const ProjectedCheckpoint* p : pathOf(snap_, int(k))) {
        const bool off = p->at.residual > kFadeResidual;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(toU32(colors_[k])), "%s",
                           request_.runs[k].label.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%ld", p->step);
        ImGui::TableNextColumn();
        ImGui::Text("%.4g", p->at.x);
        ImGui::TableNextColumn();
        ImGui::Text("%.4g", p->at.y);
        ImGui::TableNextColumn();
        if (off) {
          ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "%.3f off", p->at.residual);
        } else {
          ImGui::Text("%.3f", p->at.residual);
        }
        ImGui::TableNextColumn();
        ImGui::Text("%.4f", p->truth.loss);
        ImGui::TableNextColumn();
        ImGui::Text("%.4f", p->surface.loss);
        ImGui::TableNextColumn();
        ImGui::Text("%+.4f", p->surface.loss - p->truth.loss);
      }
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

void LandscapeView::drawInterpolation(ImVec2 size) {
  ImGui::BeginChild("landscape_line", size, false);
  // As the plot wants them: alpha and loss per run.
  std::vector<std::vector<double>> xs, ys;
  if (lines_done_) {
    for (const std::vector<LinePoint>& line : lines_) {
      xs.emplace_back();
      ys.emplace_back();
      for (const LinePoint& p : line) {
        xs.back().push_back(p.alpha);
        ys.back().push_back(p.value.loss);
      }
    }
  }
  if (xs.empty()) {
    ImGui::TextDisabled("interpolating initialisation → last checkpoint...");
    ImGui::EndChild();
    return;
  }
  std::vector<PlotSeries> series;
  for (size_t k = 0; k < xs.size() && k < request_.runs.size(); ++k) {
    if (xs[k].empty()) continue;
    series.push_back(
        PlotSeries{request_.runs[k].label, toU32(colors_[k]), xs[k], ys[k], 2.0f, true, int(k), true});
  }
  PlotOptions o;
  o.title = "1D: (1 − α) θ_init + α θ_last";
  o.x_label = "α";
  o.y_label = "loss";
  o.marker_x = 1.0;  // the last checkpoint; α = 0 is the initialisation
  drawLinePlot("interpolation", ImGui::GetContentRegionAvail(), series, o, &line_view_, &line_legend_);
  ImGui::EndChild();
}

}  // namespace mulab::gui
