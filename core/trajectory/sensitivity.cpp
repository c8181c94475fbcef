#include "trajectory/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/splitmix64.hpp"

namespace mulab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double quantile(const std::vector<double>& sorted, double p) {
  const double h = (double(sorted.size()) - 1) * p;
  const size_t lo = size_t(std::floor(h));
  const double frac = h - double(lo);
  if (frac == 0 || lo + 1 >= sorted.size()) return sorted[lo];
  if (std::isinf(sorted[lo + 1])) return sorted[lo + 1];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

std::vector<Vec2> seededStarts(const Window& w, int n, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<Vec2> starts;
  starts.reserve(std::max(0, n));
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform(), v = rng.uniform();
    starts.emplace_back(w.xmin + w.width() * (0.1 + 0.8 * u),
                        w.ymin + w.height() * (0.1 + 0.8 * v));
  }
  return starts;
}

std::vector<double> logGrid(double lo, double hi, int per_decade) {
  std::vector<double> grid;
  if (!(lo > 0) || !(hi >= lo) || per_decade < 1) return grid;
  // Each value from its index (not by repeated multiplication), so 1e-4 * 10^(12/3) is 1.
  for (int k = 0;; ++k) {
    const double v = lo * std::pow(10.0, double(k) / per_decade);
    if (v > hi * (1 + 1e-9)) break;
    grid.push_back(std::abs(v - hi) <= 1e-9 * hi ? hi : v);
  }
  return grid;
}

OptimizerConfig withStepSize(const OptimizerConfig& base, UpdateRule rule, double step) {
  OptimizerConfig c = base;
  c.rule = rule;
  if (rule != UpdateRule::kMultiplicative) c.lr = step;
  if (rule != UpdateRule::kAdditive) c.lr_out = step;
  return c;
}

std::optional<std::vector<StartOutcome>> runFromStarts(std::shared_ptr<const Surface> surface,
                                                       const OptimizerConfig& config,
                                                       const std::vector<Vec2>& starts,
                                                       const StopCriteria& stop, long early_step,
                                                       const std::atomic<bool>* cancel) {
  const double f_star = surface->globalMinimumValue().value_or(0.0);
  Eigen::Array2Xd points(2, Eigen::Index(starts.size()));
  for (size_t i = 0; i < starts.size(); ++i) points.col(Eigen::Index(i)) = starts[i];
  TrajectoryBatch batch(std::move(surface), config, points, stop);
  const Eigen::Index n = batch.size();
  auto gap = [&](Eigen::Index i) {
    return batch.status(i) == TrajectoryStatus::kDiverged ? kInf : batch.value(i) - f_star;
  };
  auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };

  std::vector<StartOutcome> out(size_t(n), StartOutcome{TrajectoryStatus::kRunning, 0, 0, 0});
  bool early_taken = false;
  while (true) {
    if (!early_taken && (batch.steps() >= early_step || batch.running() == 0)) {
      for (Eigen::Index i = 0; i < n; ++i) out[size_t(i)].early_gap = gap(i);
      early_taken = true;
    }
    if (batch.running() == 0) break;
    if (cancelled()) return std::nullopt;
    // In slices of 64 steps, stopping at the early step to read it.
    const long target = early_taken ? batch.steps() + 64 : std::min(batch.steps() + 64, early_step);
    while (batch.steps() < target && batch.step()) {
    }
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    StartOutcome& o = out[size_t(i)];
    o.status = batch.status(i);
    o.stop_step = batch.stopStep(i);
    o.final_gap = gap(i);
  }
  return out;
}

Quartiles quartiles(std::vector<double> values) {
  if (values.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan};
  }
  std::sort(values.begin(), values.end());
  return {quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75)};
}

double median(std::vector<double> values) {
  return quartiles(std::move(values)).median;
}

SensitivityCurve sensitivity(std::shared_ptr<const Surface> surface, const OptimizerConfig& base,
                             UpdateRule rule, const std::vector<double>& step_sizes,
                             const std::vector<Vec2>& starts, const StopCriteria& stop,
                             const std::atomic<bool>& cancel, std::atomic<int>* points_done) {
  SensitivityCurve curve{rule, {}, false};
  for (double step : step_sizes) {
    const auto outcomes =
        runFromStarts(surface, withStepSize(base, rule, step), starts, stop, 0, &cancel);
    if (!outcomes) return curve;
    std::vector<double> gaps, steps;
    int converged = 0, diverged = 0;
    for (const StartOutcome& o : *outcomes) {
      gaps.push_back(o.final_gap);
      const bool ok = o.status == TrajectoryStatus::kConverged;
      steps.push_back(ok ? double(o.stop_step) : kInf);
      converged += ok;
      diverged += o.status == TrajectoryStatus::kDiverged;
    }
    const double n = std::max<double>(1, double(outcomes->size()));
    curve.points.push_back({step, quartiles(gaps), quartiles(steps), converged / n, diverged / n});
    if (points_done) points_done->fetch_add(1);
  }
  curve.complete = true;
  return curve;
}

}  // namespace mulab
