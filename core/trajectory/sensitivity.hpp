// How much a run's outcome depends on its step size and its start point: the
// GOFAU paper's robustness claim (Kirtas, Passalis, Tefas, arXiv 2307.07189:
// multiplicative and hybrid rules are "less sensitive to the start point and
// the learning rate") as numbers. A configuration is run from a set of start
// points as one TrajectoryBatch; outcomes are summarised by quartiles over the
// starts. The GUI's sensitivity view and `mulab-cli race --tune` use it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "trajectory/trajectory_batch.hpp"

namespace mulab {

// n start points in the inner 80% of `window` (10% margins on each side),
// uniformly at random from SplitMix64(seed): the same points on every
// platform and run for the same (window, n, seed).
std::vector<Vec2> seededStarts(const Window& window, int n, uint64_t seed);

// lo, lo 10^(1/k), lo 10^(2/k), ... up to hi (included when on the grid, to
// 1e-9 relative), k = per_decade. logGrid(1e-4, 1, 3) has 13 values.
std::vector<double> logGrid(double lo, double hi, int per_decade);

// `base` with the step size of `rule` set to `step`: additive sets eta (lr),
// multiplicative sets eta_out (lr_out), hybrid sets both to `step` (the
// diagonal of the joint grid, which is what one shared log axis can show).
OptimizerConfig withStepSize(const OptimizerConfig& base, UpdateRule rule, double step);

// One run's outcome. Gaps are f - f* (f itself on a surface with no known
// f*), +inf for a run that diverged.
struct StartOutcome {
  TrajectoryStatus status;
  long stop_step;
  double early_gap;  // at early_step, or where the run stopped if earlier
  double final_gap;  // where the run stopped
};

// Runs `config` from every start (as one batch) to the stop criteria.
// Returns nullopt if `cancel` is set (looked at every 64 steps) before the
// end.
std::optional<std::vector<StartOutcome>> runFromStarts(std::shared_ptr<const Surface> surface,
                                                       const OptimizerConfig& config,
                                                       const std::vector<Vec2>& starts,
                                                       const StopCriteria& stop, long early_step,
                                                       const std::atomic<bool>* cancel = nullptr);

// Linearly interpolated quantiles (Hyndman & Fan type 7, numpy's default);
// +inf values sort last and make any quantile that touches them +inf.
// NaN for an empty list.
struct Quartiles {
  double q25, median, q75;
};
Quartiles quartiles(std::vector<double> values);
double median(std::vector<double> values);

struct SensitivityPoint {
  double step_size;
  Quartiles final_gap;  // over starts
  Quartiles steps;      // steps to converge over starts; +inf: not converged
  double converged;     // fraction of starts
  double diverged;      // fraction of starts
};

struct SensitivityCurve {
  UpdateRule rule;
  std::vector<SensitivityPoint> points;  // one per step size done, in the order given
  bool complete = false;                 // false if cancelled part way
};

// For each step size (see withStepSize), runs `base` with `rule` from every
// start. Cancellable within milliseconds; adds 1 to *points_done per step size
// finished. Thread-safe: several may run at once (on any surface, formula
// surfaces included).
SensitivityCurve sensitivity(std::shared_ptr<const Surface> surface, const OptimizerConfig& base,
                             UpdateRule rule, const std::vector<double>& step_sizes,
                             const std::vector<Vec2>& starts, const StopCriteria& stop,
                             const std::atomic<bool>& cancel, std::atomic<int>* points_done);

}  // namespace mulab
