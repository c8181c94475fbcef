#include "trajectory/basin_map.hpp"

#include <algorithm>
#include <cmath>

namespace mulab {

void computeBasinRows(const Surface& surface, const OptimizerConfig& config,
                      const StopCriteria& stop, BasinMap& map, int row_begin, int row_end,
                      const std::atomic<bool>& cancel, std::atomic<int>& rows_done,
                      std::atomic<long>* optimizer_steps) {
  const Window& w = map.window;
  // TrajectoryBatch needs shared ownership only to keep the surface alive;
  // the caller guarantees that here.
  const std::shared_ptr<const Surface> alias(std::shared_ptr<const Surface>(), &surface);
  for (int j = row_begin; j < row_end; ++j) {
    if (cancel.load(std::memory_order_relaxed)) return;
    Eigen::Array2Xd starts(2, map.nx);
    const double y = w.ymin + (j + 0.5) * w.height() / map.ny;
    for (int i = 0; i < map.nx; ++i) {
      starts.col(i) = Vec2(w.xmin + (i + 0.5) * w.width() / map.nx, y);
    }
    TrajectoryBatch batch(alias, config, starts, stop);
    // Step in slices so a cancel is seen within a few milliseconds.
    while (batch.running() > 0) {
      for (int k = 0; k < 64 && batch.step();) ++k;
      if (cancel.load(std::memory_order_relaxed)) return;
    }
    long row_steps = 0;
    for (int i = 0; i < map.nx; ++i) {
      row_steps += batch.stopStep(i);
      long v = BasinMap::kNotReached;
      if (batch.status(i) == TrajectoryStatus::kConverged) v = batch.stopStep(i);
      if (batch.status(i) == TrajectoryStatus::kDiverged) v = BasinMap::kDiverged;
      map.steps[size_t(j) * map.nx + i] = v;
    }
    map.row_ready[j].store(true, std::memory_order_release);
    rows_done.fetch_add(1);
    if (optimizer_steps) optimizer_steps->fetch_add(row_steps);
  }
}

float basinShade(long steps, long max_steps) {
  const double q = std::clamp(
      std::log1p(double(std::max(0L, steps))) / std::log1p(double(std::max(1L, max_steps))), 0.0,
      1.0);
  return float(1.0 - 0.95 * q);
}

BasinSummary summarize(const BasinMap& map) {
  BasinSummary s;
  std::vector<long> converged;
  for (long v : map.steps) {
    if (v >= 0) {
      converged.push_back(v);
    } else if (v == BasinMap::kDiverged) {
      ++s.diverged;
    } else if (v == BasinMap::kNotReached) {
      ++s.not_reached;
    } else {
      ++s.pending;
    }
  }
  s.converged = long(converged.size());
  if (!converged.empty()) {
    const auto mid = converged.begin() + converged.size() / 2;
    std::nth_element(converged.begin(), mid, converged.end());
    s.median_steps = *mid;
    s.max_steps = *std::max_element(converged.begin(), converged.end());
  }
  return s;
}

}  // namespace mulab
