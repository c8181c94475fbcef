// The explorer's runs: presets, the list (colour, label, status at the
// timeline's cursor) and the focused run's editor. Removing a run is undoable
// (Ctrl+Z) and its button sits in the editor, not on each row, so the next
// row never slides under the cursor.
#include <imgui.h>

#include <algorithm>

#include "optim/optimizer_options.hpp"
#include "gui/widgets/draw_limits.hpp"
#include "gui/explorer/explorer_panels.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

const char* kRuleHelp[] = {
    "additive: θ −= η·u\nu = m·l from the base optimizer (φ, ψ).",
    "multiplicative: θ −= η_out·|θ|·tanh(η_in·u)\nA step moves at most η_out of |θ|: a coordinate never\n"
    "changes sign and zero stays zero.",
    "hybrid: θ −= γ·η_out·|θ|·tanh(η_in·u) + (1 − γ)·η·u\nThe additive share lets coordinates cross zero."};

// Status of a run at the step the timeline shows.
std::string statusAt(const ExplorerState& state, const ExplorerRun& r, ImVec4& colour) {
  const long k = state.stepShown(r);
  const StepInspection s = r.preview->inspect(k);
  char buf[160];
  const auto f_star = state.fStar();
  const double gap = f_star ? s.f - *f_star : s.f;
  colour = ImVec4(0.72f, 0.72f, 0.72f, 1);
  if (s.status == TrajectoryStatus::kRunning) {
    std::snprintf(buf, sizeof buf, "step %ld · %s = %.3g%s", k, f_star ? "f − f*" : "f", gap,
                  r.preview->finished() ? "" : " · computing");
    return buf;
  }
  colour = s.status == TrajectoryStatus::kConverged ? ImVec4(0.5f, 0.9f, 0.5f, 1)
           : s.status == TrajectoryStatus::kDiverged ? ImVec4(1.0f, 0.45f, 0.4f, 1)
                                                     : ImVec4(0.85f, 0.75f, 0.45f, 1);
  return r.preview->statusText();
}

}  // namespace

void drawRunList(ExplorerState& state) {
  ImGui::Spacing();
  ImGui::TextDisabled("RUNS");
  if (ImGui::Button("Compare rules")) {
    state.replaceWithVariants(3, [](SceneRun& s, int i) { s.optimizer.rule = static_cast<UpdateRule>(i); });
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The focused run's optimizer with each update rule");
  ImGui::SameLine();
  if (ImGui::Button("Compare optimizers")) {
    state.replaceWithVariants(6, [](SceneRun& s, int i) { s.optimizer.base = static_cast<BaseOptimizer>(i); });
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every base optimizer with the focused run's rule");
  if (ImGui::Button("Add run")) state.addRunLikeFocused();
  ImGui::SameLine();
  ImGui::TextDisabled("or shift-click the surface");

  for (int i = 0; i < int(state.runs().size()); ++i) {
    const ExplorerRun& r = state.runs()[i];
    ImGui::PushID(r.id);
    bool visible = !r.hidden;
    if (ImGui::Checkbox("##visible", &visible)) state.setRunHidden(i, !visible);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("show in the view and the plot");
    ImGui::SameLine();
    ImGui::ColorButton("##c", ImVec4(r.spec.color[0], r.spec.color[1], r.spec.color[2], 1),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(ui::px(14), ui::px(14)));
    ImGui::SameLine();
    const std::string label = runLabel(r.spec);
    const float avail = ImGui::GetContentRegionAvail().x;
    if (ImGui::Selectable(fitText(label, avail).c_str(), r.selected || i == state.focus(), 0, ImVec2(avail, 0))) {
      state.select(i, ImGui::GetIO().KeyCtrl);  // ctrl-click adds to the selection
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\nclick: focus and select · ctrl-click: add to the selection\n"
                        "clicks on the surface move every selected start",
                        label.c_str());
    }
    ImVec4 colour;
    const std::string status = statusAt(state, r, colour);
    ImGui::Indent(ui::px(44));
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(colour, "%s", status.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent(ui::px(44));
    ImGui::PopID();
  }
}

void drawRunEditor(ExplorerState& state) {
  if (state.runs().empty()) return;
  const int index = std::clamp(state.focus(), 0, int(state.runs().size()) - 1);
  SceneRun spec = state.runs()[index].spec;
  OptimizerConfig& c = spec.optimizer;
  ImGui::Separator();
  ImGui::TextDisabled("FOCUSED RUN");
  bool changed = false, dragging = false;
  ImGui::PushItemWidth(ui::px(150));
  if (ImGui::BeginCombo("optimizer", std::string(displayName(c.base)).c_str())) {
    for (int b = 0; b < 6; ++b) {
      const auto base = static_cast<BaseOptimizer>(b);
      if (ImGui::Selectable(std::string(displayName(base)).c_str(), base == c.base)) {
        c.base = base;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::BeginCombo("rule", std::string(toString(c.rule)).c_str())) {
    for (int r = 0; r < 3; ++r) {
      const auto rule = static_cast<UpdateRule>(r);
      if (ImGui::Selectable(std::string(toString(rule)).c_str(), rule == c.rule)) {
        c.rule = rule;
        changed = true;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kRuleHelp[r]);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kRuleHelp[int(c.rule)]);
  // Sliders change the run every frame while dragged (the preview follows);
  // the drag is one undo step, recorded when it starts.
  auto param = [&](const char* label, double& v, double lo, double hi, bool log, const char* help) {
    float f = float(v);
    if (ImGui::SliderFloat(label, &f, float(lo), float(hi), "%.4g", log ? ImGuiSliderFlags_Logarithmic : 0)) {
      v = f;
      dragging = true;
    }
    if (ImGui::IsItemActivated()) state.pushUndo();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  };
  if (c.rule != UpdateRule::kMultiplicative) param("η (lr)", c.lr, 1e-5, 1.0, true, "additive step size");
  if (c.rule != UpdateRule::kAdditive) {
    param("η_out", c.lr_out, 1e-4, 0.9, true, "largest fraction of |θ| one multiplicative step may move");
    param("η_in", c.lr_in, 1e-2, 100.0, true, "scales u inside tanh");
  }
  if (c.rule == UpdateRule::kHybrid) param("γ", c.gamma, 0.0, 1.0, false, "multiplicative share");
  if (c.base == BaseOptimizer::kMomentum || c.base == BaseOptimizer::kNesterov) {
    param("μ (momentum)", c.momentum, 0.0, 0.99, false, "momentum coefficient");
  }
  if (c.base == BaseOptimizer::kRmsProp) param("α (decay)", c.alpha, 0.5, 0.999, false, "decay of v");
  if (c.base == BaseOptimizer::kAdam) {
    param("β1", c.beta1, 0.0, 0.99, false, "first-moment decay");
    param("β2", c.beta2, 0.5, 0.9999, false, "second-moment decay");
  }
  float start[2] = {float(spec.start.x()), float(spec.start.y())};
  if (ImGui::InputFloat2("start", start, "%.3f")) {
    spec.start = Vec2(start[0], start[1]);
    changed = true;
  }
  if (ImGui::ColorEdit3("colour", spec.color.data(), ImGuiColorEditFlags_NoInputs)) dragging = true;
  if (ImGui::IsItemActivated()) state.pushUndo();
  ImGui::PopItemWidth();
  if ((changed || dragging) && !validate(c)) state.setRunSpec(index, spec, /*undoable=*/changed);
  if (ImGui::Button("Remove run")) state.removeRun(index);
  ImGui::SameLine();
  ImGui::TextDisabled("Ctrl+Z undoes");
}

}  // namespace mulab::gui
