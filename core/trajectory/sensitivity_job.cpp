#include "trajectory/sensitivity_job.hpp"

#include <algorithm>

#include "trajectory/tuned_race.hpp"

namespace mulab {

std::vector<double> SensitivityJob::stepSizes(UpdateRule rule) {
  const StepSizeGrids g = defaultStepSizeGrids();
  return rule == UpdateRule::kMultiplicative ? g.eta_out : g.eta;
}

SensitivityJob::SensitivityJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& base,
                               const StopCriteria& stop, std::vector<Vec2> starts, int threads)
    : surface_(std::move(surface)), base_(base), stop_(stop), starts_(std::move(starts)),
      job_("computing the sensitivity curves") {
  size_t longest = 0;
  for (int r = 0; r < 3; ++r) {
    grids_[r] = stepSizes(kRules[r]);
    results_[r].resize(grids_[r].size());
    task_of_[r].assign(grids_[r].size(), -1);
    longest = std::max(longest, grids_[r].size());
  }
  // Step size by step size, the rules interleaved: a cancelled or unfinished
  // job shows three comparable partial curves, not one whole and two empty.
  for (size_t i = 0; i < longest; ++i) {
    for (int r = 0; r < 3; ++r) {
      if (i >= grids_[r].size()) continue;
      task_of_[r][i] = int(tasks_.size());
      tasks_.push_back({r, int(i)});
    }
  }
  ready_ = std::make_unique<std::atomic<bool>[]>(tasks_.size());
  job_.setThreads(threads);
  job_.start([this](JobContext& ctx) {
    ctx.setTotal(long(tasks_.size()));
    ctx.parallelFor(long(tasks_.size()), [&](long t) { work(ctx, t); });
  });
}

void SensitivityJob::work(JobContext& ctx, long t) {
  const Task& task = tasks_[size_t(t)];
  const SensitivityCurve c = sensitivity(surface_, base_, kRules[task.rule], {grids_[task.rule][task.index]},
                                         starts_, stop_, ctx.cancelFlag(), nullptr);
  if (!c.complete || c.points.empty()) return;  // cancelled
  results_[task.rule][task.index] = c.points.front();
  ready_[t].store(true, std::memory_order_release);
  ctx.addDone(1);
}

std::vector<SensitivityPoint> SensitivityJob::points(int r) const {
  std::vector<SensitivityPoint> out;
  for (size_t i = 0; i < results_[r].size(); ++i) {
    if (ready_[task_of_[r][i]].load(std::memory_order_acquire)) out.push_back(results_[r][i]);
  }
  return out;
}

}  // namespace mulab
