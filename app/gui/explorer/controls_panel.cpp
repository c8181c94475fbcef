// The explorer's settings column: the scene's title and description, the
// surface, how it is drawn, playback and the basin map.
#include <imgui.h>

#include <algorithm>

#include "gui/explorer/explorer_panels.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
}

// A text box's edit is one undo step: its first change while the box is
// active records the history, the keystrokes after it join that step. Call
// right after the box, with what it returned.
bool firstChangeOfEdit(bool& recorded, bool changed) {
  const bool first = changed && !recorded;
  recorded = (recorded || changed) && ImGui::IsItemActive();
  return first;
}

}  // namespace

void drawSceneControls(ExplorerState& state) {
  section("SCENE");
  const Scene& s = state.scene();
  static bool title_recorded = false, description_recorded = false;
  char title[kMaxSceneTitle + 1];
  std::snprintf(title, sizeof title, "%s", s.title.c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  bool changed = ImGui::InputTextWithHint("##title", "title (shown on the view)", title, sizeof title);
  const bool title_first = firstChangeOfEdit(title_recorded, changed);
  if (changed) state.setTitle(title, title_first);
  static char text[kMaxSceneDescription + 1];
  std::snprintf(text, sizeof text, "%s", s.description.c_str());
  changed = ImGui::InputTextMultiline("##description", text, sizeof text,
                                     ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 2.6f));
  const bool description_first = firstChangeOfEdit(description_recorded, changed);
  if (changed) state.setDescription(text, description_first);
  if (ImGui::IsItemHovered() && s.description.empty()) ImGui::SetTooltip("A description for the audience, under the title");
}

void drawSurfaceControls(ExplorerState& state, FormulaBox& formula) {
  section("SURFACE");
  const SurfaceInfo& info = state.surface()->info();
  const bool custom = state.scene().surface == "custom";
  const char* kCustom = "Custom formula f(x, y)";
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##surface", custom || formula.open ? kCustom : info.display_name.c_str())) {
    for (const std::string& name : surfaceNames()) {
      const auto s = makeSurface(name).value();
      if (ImGui::Selectable(s->info().display_name.c_str(), name == state.scene().surface && !formula.open)) {
        state.setSurface(name);
        formula.open = false;
      }
    }
    // Choosing it only opens the box: the surface changes on Apply.
    if (ImGui::Selectable(kCustom, custom || formula.open)) formula.open = true;
    ImGui::EndCombo();
  }
  if (custom || formula.open) {
    formula.draw(state);
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("f = %s", info.formula.c_str());
  ImGui::PopTextWrapPos();
  if (state.scene().surface == "quadratic") {
    // As the run editor's sliders: a drag is one undo step, recorded when it starts.
    SurfaceParams p = state.scene().surface_params;
    float cond = float(p.condition), rot = float(p.rotation_deg);
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool changed = ImGui::SliderFloat("##condition", &cond, 1, 100, "condition %.1f", ImGuiSliderFlags_Logarithmic);
    if (ImGui::IsItemActivated()) state.pushUndo();
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= ImGui::SliderFloat("##rotation", &rot, -90, 90, "rotation %.0f°");
    if (ImGui::IsItemActivated()) state.pushUndo();
    if (changed) {
      p.condition = cond;
      p.rotation_deg = rot;
      state.setSurfaceParams(p, /*undoable=*/false);
    }
  }
}

void drawViewControls(ExplorerState& state) {
  section("VIEW");
  const Scene& s = state.scene();
  if (ImGui::RadioButton("2D", !s.three_d)) state.setThreeD(false);
  ImGui::SameLine();
  if (ImGui::RadioButton("3D", s.three_d)) state.setThreeD(true);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##map", s.colormap.c_str())) {
    for (const std::string& n : colormapChoices().names()) {
      if (ImGui::Selectable(n.c_str(), n == s.colormap)) state.setColormap(n);
    }
    ImGui::EndCombo();
  }
  const bool has_min = state.fStar().has_value();
  ImGui::BeginDisabled(!has_min);
  bool log_scale = s.log_scale;
  if (ImGui::Checkbox("log(f − f*)", &log_scale)) state.setLogScale(log_scale);
  ImGui::EndDisabled();
  if (!has_min && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("This surface has no known minimum f*, so f is shown on a linear scale");
  }
  ImGui::SameLine();
  bool equal = state.equalScale();
  if (ImGui::Checkbox("equal scale", &equal)) state.setEqualScale(equal);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Same length for one unit on both axes: circles stay round and\n"
                                               "a gradient looks perpendicular to its contour");
  ImGui::SetNextItemWidth(-FLT_MIN);
  int contours = s.contours;
  if (ImGui::SliderInt("##contours", &contours, 0, 48, "%d contours")) state.setContours(contours);
  VectorToggles v = s.vectors;
  ImGui::TextUnformatted("at each marker:");
  bool toggled = ImGui::Checkbox("−∇f", &v.gradient);
  ImGui::SameLine();
  toggled |= ImGui::Checkbox("step", &v.step);
  ImGui::SameLine();
  toggled |= ImGui::Checkbox("trust box", &v.trust);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The multiplicative share's bound: per coordinate the step's\n"
                      "multiplicative part moves at most γ·η_out·|θ|. It keeps the\n"
                      "sign and shrinks with |θ|; only an additive share leaves it.");
  }
  toggled |= ImGui::Checkbox("momentum m", &v.momentum);
  ImGui::SameLine();
  toggled |= ImGui::Checkbox("rate l", &v.rate);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The adaptive optimizers' per-coordinate rate l_t (Adagrad, RMSProp, Adam)");
  ImGui::SameLine();
  toggled |= ImGui::Checkbox("all runs", &v.all_runs);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Vectors at every run's marker, not only the focused run's");
  if (toggled) state.setVectors(v);
}

void drawPlaybackControls(ExplorerState& state) {
  section("PLAYBACK");
  const Scene& s = state.scene();
  if (ImGui::Button(s.playing ? "Pause" : "Play", ImVec2(ui::px(64), 0))) state.setPlaying(!s.playing);
  ImGui::SameLine();
  if (ImGui::Button("Step")) state.setCursor(std::floor(state.cursor()) + 1);
  ImGui::SameLine();
  if (ImGui::Button("Reset")) state.setCursor(0);
  float sps = float(s.steps_per_second);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::SliderFloat("##sps", &sps, 1, 5000, "%.0f steps/s", ImGuiSliderFlags_Logarithmic)) {
    state.setStepsPerSecond(sps);
  }
  int budget = int(s.stop.max_steps);
  float tol = float(s.stop.f_tol);
  ImGui::SetNextItemWidth(ui::px(120));
  bool changed = ImGui::InputInt("step budget", &budget, 100, 1000);
  ImGui::SetNextItemWidth(ui::px(120));
  changed |= ImGui::InputFloat("tol (f − f*)", &tol, 0, 0, "%.0e");
  if (state.stopCarriedOver()) {
    ImGui::TextColored(ImVec4(0.95f, 0.8f, 0.45f, 1), "budget and tol kept from the previous surface");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new surface keeps the step budget and the tolerance;\nedit them to set this surface's own.");
  }
  if (changed) {
    StopCriteria stop = s.stop;
    stop.max_steps = std::clamp<long>(budget, 1, kMaxTrajectorySteps);
    stop.f_tol = std::clamp(double(tol), 0.0, 1e6);
    state.setStop(stop);
  }
}

void drawBasinControls(ExplorerState& state, SurfaceView& view) {
  section("BASIN MAP");
  const Scene& s = state.scene();
  bool basin_map = s.basin_map;
  if (ImGui::Checkbox("steps to converge from every start", &basin_map)) state.setBasinMap(basin_map);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Colours each start point by the steps the focused run's settings need\n"
                      "to reach f − f* < tol: the top of the colour bar is fast; grey = not\n"
                      "within the budget (at most 5000), dark red = diverged. Computed on\n"
                      "background threads for the surface, settings and window shown.");
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  int resolution = s.basin_resolution;
  if (ImGui::SliderInt("##resolution", &resolution, 16, 256, "%d × %d starts")) {
    state.setBasinResolution(resolution);
  }
  if (const BasinJob* job = view.basin()) {
    if (!job->done()) {
      ImGui::ProgressBar(job->progress(), ImVec2(ui::px(180), 0));
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) view.cancelBasin(state);
    } else {
      ImGui::TextDisabled("done: %d × %d starts", job->map().nx, job->map().ny);
    }
  }
}

}  // namespace mulab::gui
