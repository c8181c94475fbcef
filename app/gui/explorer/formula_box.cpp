// The formula box of the settings column: f(x, y) typed by the user, its
// window, Apply (or Enter), the gradient method and the minima search. The
// text is parsed by core (muparser, surfaces/formula_surface.hpp); this file
// only edits and reports. A bad formula is reported in red under the box and
// nothing else changes, so a typo never costs the user their runs.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/explorer/explorer_panels.hpp"
#include "gui/widgets/ui_style.hpp"
#include "surfaces/formula_surface.hpp"

namespace mulab::gui {
namespace {

const ImVec4 kErrorRed(1.0f, 0.45f, 0.42f, 1.0f);

}  // namespace

void FormulaBox::syncFrom(const ExplorerState& state) {
  const Scene& s = state.scene();
  if (s.surface != "custom") return;
  // Refill only when the scene's formula changed under the box (a scene was
  // opened, undo): text being edited but not applied stays as typed.
  const Window& w = s.formula_window;
  const Window& o = synced_window_;
  if (synced_once_ && s.formula == synced_ && w.xmin == o.xmin && w.xmax == o.xmax && w.ymin == o.ymin &&
      w.ymax == o.ymax) {
    return;
  }
  std::snprintf(text_, sizeof text_, "%s", s.formula.c_str());
  window_[0] = s.formula_window.xmin;
  window_[1] = s.formula_window.xmax;
  window_[2] = s.formula_window.ymin;
  window_[3] = s.formula_window.ymax;
  synced_ = s.formula;
  synced_window_ = w;
  synced_once_ = true;
  error_.clear();
}

void FormulaBox::apply(ExplorerState& state) {
  const Window w{window_[0], window_[1], window_[2], window_[3]};
  if (auto err = state.setFormulaSurface(text_, w)) {
    error_ = *err;
    return;
  }
  error_.clear();
  note_.clear();
  open = false;  // applied: the box stays while the surface is a formula, and goes with an undo
  synced_ = text_;
  synced_window_ = w;
  synced_once_ = true;
}

void FormulaBox::draw(ExplorerState& state) {
  syncFrom(state);
  ImGui::TextUnformatted("f(x, y) =");
  ImGui::SetNextItemWidth(-FLT_MIN);
  bool go = ImGui::InputTextWithHint("##formula", "e.g. x^2 + 3*y^2 - cos(2*x)", text_, sizeof text_,
                                     ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Variables x, y; constants pi, e; + - * / ^ (power);\n"
                      "sin cos tan exp ln log10 sqrt abs min max tanh ...");
  }
  ImGui::SetNextItemWidth(ui::px(150));
  go |= ImGui::InputScalarN("x range", ImGuiDataType_Double, window_, 2, nullptr, nullptr, "%g",
                            ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SetNextItemWidth(ui::px(150));
  go |= ImGui::InputScalarN("y range", ImGuiDataType_Double, window_ + 2, 2, nullptr, nullptr, "%g",
                            ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Apply")) go = true;
  if (go) apply(state);

  const bool custom = state.scene().surface == "custom";
  ImGui::SameLine();
  ImGui::BeginDisabled(!custom || state.fStar().has_value());
  if (ImGui::Button("Find minima")) {
    auto msg = state.findFormulaMinima();
    note_ = msg.value_or("");
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Searches the window for minima (a 128 × 128 grid, then Newton and\n"
                      "compass refinement) so f − f*, the tolerance and log colours work");
  }

  ImGui::PushTextWrapPos(0);
  if (!error_.empty()) ImGui::TextColored(kErrorRed, "%s", error_.c_str());
  if (custom) {
    const auto f_star = state.fStar();
    if (f_star) {
      const auto& minima = state.surface()->info().minima;
      const Vec2 p = minima.empty() ? Vec2(0, 0) : minima.front().point;
      // The search polishes to ~1e-12: print that as 0, not as -1.7e-12.
      const Window& w = state.scene().formula_window;
      const double scale = std::max(w.width(), w.height());
      auto tidy = [&](double v) { return std::abs(v) < 1e-9 * scale ? 0.0 : v; };
      ImGui::TextDisabled("f* = %.6g at (%.4g, %.4g); %zu minima found", tidy(*f_star), tidy(p.x()), tidy(p.y()),
                          minima.size());
    } else {
      ImGui::TextDisabled("f* unknown: f − f* and the tolerance need Find minima");
    }
    if (!note_.empty()) ImGui::TextDisabled("%s", note_.c_str());
  }
  // Why the arrows may be slightly off: a numerical gradient, said plainly.
  ImGui::TextDisabled("∇f: %.*s", int(formulaGradientMethod().size()), formulaGradientMethod().data());
  ImGui::PopTextWrapPos();
}

}  // namespace mulab::gui
