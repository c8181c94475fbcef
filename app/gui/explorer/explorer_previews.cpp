// The explorer's previews (each run's path up to the step budget, stepped a
// time slice per frame), the timeline's cursor and playback, and the runs'
// CSV export (explorer_state.hpp).
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "gui/explorer/explorer_state.hpp"

namespace mulab::gui {

// [SECTION] Previews

void ExplorerState::resetPreview(ExplorerRun& run) {
  run.preview =
      std::make_unique<Trajectory>(surface_, run.spec.optimizer, run.spec.start, scene_.stop);
  run.plot_x.clear();
  run.plot_y.clear();
  run.plot_stride = 1;
  refreshPlot(run);
}

void ExplorerState::refreshPlot(ExplorerRun& run) {
  const auto f_star = fStar();
  const auto& path = run.preview->path();
  if (run.plot_stride != run.preview->pathStride()) {  // the path was thinned: start over
    run.plot_x.clear();
    run.plot_y.clear();
    run.plot_stride = run.preview->pathStride();
  }
  for (size_t i = run.plot_x.size(); i < path.size(); ++i) {
    run.plot_x.push_back(double(path[i].step));
    run.plot_y.push_back(f_star ? path[i].f - *f_star : path[i].f);
  }
}

void ExplorerState::advancePreviews(double seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration<double>(std::max(0.0, seconds));
  for (ExplorerRun& r : runs_) {
    if (r.preview->finished()) continue;
    // Check the clock every 2048 steps: a step costs well under a microsecond.
    while (!r.preview->finished()) {
      for (int k = 0; k < 2048 && r.preview->step(); ++k) {
      }
      if (seconds >= 0 && Clock::now() > deadline) break;
    }
    refreshPlot(r);
    if (seconds >= 0 && Clock::now() > deadline) break;
  }
}

bool ExplorerState::previewsDone() const {
  return std::all_of(runs_.begin(), runs_.end(),
                     [](const ExplorerRun& r) { return r.preview->finished(); });
}

long ExplorerState::endStep() const {
  long end = 0;
  for (const ExplorerRun& r : runs_) {
    if (!r.hidden) end = std::max(end, r.preview->steps());
  }
  return end;
}

// [SECTION] The timeline

void ExplorerState::setCursor(double step) {
  cursor_ = std::clamp(step, 0.0, double(scene_.stop.max_steps));
}

bool ExplorerState::play(double dt) {
  if (!scene_.playing) return false;
  const double end = double(endStep());
  if (cursor_ >= end && previewsDone()) return false;
  // Past the end of a preview still being computed the cursor may run ahead;
  // once every preview is done it stops at the last stop step.
  double next = cursor_ + dt * scene_.steps_per_second;
  if (previewsDone()) next = std::min(next, end);
  setCursor(next);
  return true;
}

bool ExplorerState::animating() const {
  return !previewsDone() || (scene_.playing && cursor_ < double(endStep()));
}

long ExplorerState::stepShown(const ExplorerRun& run) const {
  return std::min<long>(long(cursor_), run.preview->steps());
}

// [SECTION] Export

std::string ExplorerState::runsCsv() const {
  std::string out =
      "run_id,label,surface,optimizer,rule,lr,lr_in,lr_out,gamma,momentum,alpha,beta1,beta2,eps,"
      "start_x,start_y,"
      "step,x,y,f,f_minus_fstar\n";
  const auto f_star = fStar();
  char buf[512];
  for (const ExplorerRun& r : runs_) {
    const OptimizerConfig& c = r.spec.optimizer;
    std::snprintf(buf, sizeof buf,
                  "%d,\"%s\",%s,%s,%s,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,",
                  r.id, runLabel(r.spec).c_str(), scene_.surface.c_str(),
                  std::string(toString(c.base)).c_str(), std::string(toString(c.rule)).c_str(),
                  c.lr, c.lr_in, c.lr_out, c.gamma, c.momentum, c.alpha, c.beta1, c.beta2, c.eps,
                  r.spec.start.x(), r.spec.start.y());
    const std::string prefix = buf;
    for (const TrajectoryPoint& p : r.preview->path()) {
      std::snprintf(buf, sizeof buf, "%ld,%.12g,%.12g,%.12g,", p.step, p.x, p.y, p.f);
      out += prefix + buf;
      if (f_star) {
        std::snprintf(buf, sizeof buf, "%.12g", p.f - *f_star);
        out += buf;
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace mulab::gui
