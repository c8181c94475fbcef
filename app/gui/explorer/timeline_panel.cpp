// The explorer's timeline: a scrubber over steps (every run shows its
// position, f − f* and status at the scrubbed step) and the f − f* plot of
// every run, the played part bright and the rest of its preview faint.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "gui/explorer/explorer_panels.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {

void TimelinePanel::draw(ExplorerState& state, ImVec2 size, bool interactive, bool* switch_view) {
  const float row = ImGui::GetFrameHeightWithSpacing();
  if (interactive) {
    const bool playing = state.scene().playing;
    if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(ui::px(56), 0))) state.setPlaying(!playing);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) state.setCursor(std::ceil(state.cursor()) - 1);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##fwd", ImGuiDir_Right)) state.setCursor(std::floor(state.cursor()) + 1);
    ImGui::SameLine();
    const long end = std::max(1L, state.endStep());
    float cursor = float(std::min(state.cursor(), double(end)));
    const char* kSwitch = "Sensitivity…";
    const float switch_w = switch_view ? ImGui::CalcTextSize(kSwitch).x + ImGui::GetStyle().FramePadding.x * 2 +
                                             ImGui::GetStyle().ItemSpacing.x
                                       : 0.0f;
    ImGui::SetNextItemWidth(switch_view ? -switch_w : -FLT_MIN);
    char fmt[64];
    std::snprintf(fmt, sizeof fmt, "step %%.0f of %ld", end);
    if (ImGui::SliderFloat("##timeline", &cursor, 0, float(end), fmt)) {
      state.setCursor(std::round(cursor));
      state.setPlaying(false);  // scrubbing takes over from playback
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag to show every run at that step; arrows step by one");
    if (switch_view) {
      ImGui::SameLine();
      if (ImGui::Button(kSwitch)) *switch_view = true;
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Each rule's outcome against its step size over many starts, for the\n"
                          "focused run's optimizer: the robustness claim as a picture");
      }
    }
  }
  const auto f_star = state.fStar();
  // The legend and the run list's checkboxes hide the same runs.
  legend.hidden.clear();
  for (const ExplorerRun& r : state.runs()) {
    if (r.hidden) legend.hidden.insert(r.id);
  }
  std::vector<PlotSeries> series;
  for (const ExplorerRun& r : state.runs()) {
    const long n = sampleAtOrBefore(r.plot_x, state.cursor()) + 1;
    // The faint rest starts at the last played sample: drawn under the
    // bright part it would only cost rasteriser time.
    const size_t from = size_t(std::max(0L, n - 1));
    PlotSeries faint{"", toU32(r.spec.color, 0.3f), std::span(r.plot_x).subspan(std::min(from, r.plot_x.size())),
                     std::span(r.plot_y).subspan(std::min(from, r.plot_y.size())), 1.2f, false, r.id, false};
    PlotSeries played{runLabel(r.spec), toU32(r.spec.color), std::span(r.plot_x).first(size_t(n)),
                      std::span(r.plot_y).first(size_t(n)), 2.0f, true, r.id, true};
    series.push_back(faint);
    series.push_back(played);
  }
  PlotOptions o;
  o.title = "convergence";
  o.x_label = "step";
  o.y_label = f_star ? "f − f*  (log)" : "f";
  o.log_y = f_star.has_value();
  o.marker_x = state.cursor();
  o.legend = size.x > ui::px(520);
  drawLinePlot("loss", ImVec2(size.x, size.y - (interactive ? row : 0)), series, o, &plot_view, &legend);
  for (int i = 0; i < int(state.runs().size()); ++i) {
    state.setRunHidden(i, legend.hidden.count(state.runs()[i].id) > 0);
  }
}

}  // namespace mulab::gui
