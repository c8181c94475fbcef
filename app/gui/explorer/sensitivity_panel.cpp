// The sensitivity view: for the focused run's base optimizer and
// hyperparameters, each update rule's final f − f* (or steps to the
// tolerance) against its step size on a log axis, as the median over seeded
// start points with the quartile band: the GOFAU paper's robustness claim
// ("less sensitive to the start point and the learning rate") as a picture.
// A flat, low, wide curve is a rule that is easy to tune.
//
// Staleness: the curves belong to the surface, the run's settings (all but
// the swept step sizes and the rule), the stop criteria and the starts they
// were computed for. When any of these changes the old curves stay, faded
// and marked stale, the old job is cancelled at once, and a new one starts
// automatically once the settings have rested for 0.4 s, so dragging a
// slider does not start a job per frame. Headless (screenshots) it starts at
// once and the frame waits for it, so the picture is deterministic.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "gui/explorer/explorer_panels.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

constexpr double kRestSeconds = 0.4;

const char* kRuleLabels[] = {"additive (x = η)", "multiplicative (x = η_out)", "hybrid (x = η = η_out)"};

// Fixed colours per rule: the first three of the run palette, in the order
// the default scene and "Compare rules" give them to additive,
// multiplicative and hybrid runs, so a rule keeps its colour across views.
ImU32 ruleColor(int r) { return toU32(paletteColor(r)); }

double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The step size a run is at, on the rule's own axis.
double stepSizeOf(const OptimizerConfig& c) { return c.rule == UpdateRule::kMultiplicative ? c.lr_out : c.lr; }

}  // namespace

SensitivityPanel::Key SensitivityPanel::keyFor(const ExplorerState& state) const {
  Key k;
  k.surface = state.surface().get();
  if (const ExplorerRun* run = state.focusedRun()) {
    k.config = run->spec.optimizer;
    // The swept parts do not change the picture.
    k.config.rule = UpdateRule::kAdditive;
    k.config.lr = k.config.lr_out = 0;
  }
  k.stop = state.scene().stop;
  k.starts = state.scene().sensitivity.starts;
  k.seed = state.scene().sensitivity.seed;
  k.has_runs = !state.runs().empty();
  return k;
}

void SensitivityPanel::cancel() {
  if (job_ && !job_->done()) {
    job_->cancel();
    cancelled_by_user_ = true;
  }
}

void SensitivityPanel::stop() {
  if (job_) job_->cancel();
}

bool SensitivityPanel::busy() const { return job_ && !job_->done() && !job_->cancelled(); }

bool SensitivityPanel::waiting() const { return stale_; }

void SensitivityPanel::start(const ExplorerState& state, const Key& key) {
  StopCriteria stop = key.stop;
  // As the basin map: bounded work per start, and a tolerance to converge to.
  stop.max_steps = std::min<long>(stop.max_steps, 5000);
  if (stop.f_tol <= 0) stop.f_tol = 1e-6;
  job_.reset();  // joins the old one (already cancelled)
  job_ = std::make_unique<SensitivityJob>(
      state.surface(), key.config, stop,
      seededStarts(state.surface()->info().window, key.starts, key.seed));
  job_key_ = key;
  cancelled_by_user_ = false;
}

void SensitivityPanel::sync(const ExplorerState& state) {
  const Key key = keyFor(state);
  if (!key.has_runs) {
    job_.reset();
    stale_ = false;
    return;
  }
  if (job_ && key == job_key_) {
    stale_ = false;
    return;
  }
  if (!stale_ || !(key == pending_key_)) {  // a new change: wait for it to rest
    pending_key_ = key;
    changed_at_ = nowSeconds();
    if (job_) job_->cancel();  // its finished points stay, shown as stale
  }
  stale_ = true;
  if (deterministic || !job_ || nowSeconds() - changed_at_ >= kRestSeconds) {
    start(state, key);
    stale_ = false;
  }
  if (deterministic) job_->job().wait();
}

void SensitivityPanel::drawHeader(ExplorerState& state, bool* switch_view) {
  SensitivitySettings s = state.scene().sensitivity;
  if (switch_view) {
    if (ImGui::Button("◂ Convergence")) *switch_view = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to f − f* over steps and the timeline");
    ImGui::SameLine();
  }
  if (ImGui::RadioButton("final f − f*", !s.steps)) s.steps = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("steps to tol", s.steps)) s.steps = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::px(130));
  ImGui::SliderInt("##starts", &s.starts, 4, 64, "%d starts");
  if (!(s == state.scene().sensitivity)) state.setSensitivity(s);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Seeded start points, uniform in the inner 80%% of the surface's window;\n"
                      "the curve is their median, the band their middle half (quartiles)");
  }
  ImGui::SameLine();
  if (busy()) {
    ImGui::ProgressBar(job_->progress(), ImVec2(ui::px(140), 0));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) cancel();
  } else if (stale_ || cancelled_by_user_) {
    ImGui::TextColored(ImVec4(0.95f, 0.8f, 0.45f, 1), stale_ ? "stale: settings changed" : "cancelled");
    ImGui::SameLine();
    if (ImGui::Button("Recompute")) {
      start(state, keyFor(state));
      stale_ = false;
    }
  } else if (job_) {
    ImGui::TextDisabled("done");
  }
}

void SensitivityPanel::draw(ExplorerState& state, ImVec2 size, bool interactive, bool* switch_view) {
  // A user's Cancel holds until they ask again or the settings change.
  if (!cancelled_by_user_ || !(keyFor(state) == job_key_)) sync(state);
  const float row = ImGui::GetFrameHeightWithSpacing();
  if (interactive) drawHeader(state, switch_view);
  const ImVec2 plot_size(size.x, size.y - (interactive ? row : 0));
  const ExplorerRun* run = state.focusedRun();
  if (!run || !job_) {
    ImGui::Dummy(plot_size);
    return;
  }
  const bool steps = state.scene().sensitivity.steps;
  const auto f_star = state.fStar();
  const bool log_y = !steps && f_star.has_value();
  std::vector<PlotSeries> series;
  for (int r = 0; r < 3; ++r) {
    Curve& c = curves_[r];
    c.x.clear();
    c.mid.clear();
    c.lo.clear();
    c.hi.clear();
    for (const SensitivityPoint& p : job_->points(r)) {
      const Quartiles& q = steps ? p.steps : p.final_gap;
      // A gap of 0 (or a hair below f*) has no log: show it at the floor.
      auto y = [&](double v) { return log_y ? std::max(v, 1e-16) : v; };
      c.x.push_back(p.step_size);
      c.mid.push_back(y(q.median));
      c.lo.push_back(y(q.q25));
      c.hi.push_back(y(q.q75));
    }
    PlotSeries ps{kRuleLabels[r], ruleColor(r), c.x, c.mid, 2.0f, true, r, true, c.lo, c.hi, true};
    if (stale_) ps.color = (ps.color & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 110) & IM_COL32_A_MASK);
    series.push_back(ps);
  }
  char title[160];
  const std::string name = runLabel(run->spec);
  std::snprintf(title, sizeof title, "%s, every rule: median and quartiles over %d starts%s",
                name.substr(0, name.find(" + ")).c_str(), state.scene().sensitivity.starts, stale_ ? " (stale)" : "");
  PlotOptions o;
  o.title = title;
  o.x_label = "step size (log)";
  o.y_label = steps ? "median steps to f − f* < tol" : (f_star ? "final f − f*  (log)" : "final f  (f* unknown)");
  o.log_x = true;
  o.log_y = log_y;
  o.legend = size.x > ui::px(520);
  o.marker_x = stepSizeOf(run->spec.optimizer);  // where the focused run sits
  drawLinePlot("sensitivity", plot_size, series, o, &plot_view_, &legend_);
}

}  // namespace mulab::gui
