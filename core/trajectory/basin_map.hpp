// Basin map: for one optimizer configuration, the steps every start point of
// a grid needs to converge (or that it diverges). It shows the GOFAU paper's
// robustness-to-initialisation claim directly. Rows are computed with
// TrajectoryBatch; the work can be cancelled and reports progress, so the GUI
// runs it on background threads.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "trajectory/trajectory_batch.hpp"

namespace mulab {

struct BasinMap {
  int nx = 0, ny = 0;
  Window window;
  // Per cell, row-major from ymin: steps to converge, or kDiverged / kNotReached.
  // A row may be read by another thread once row_ready[j] is true (acquire).
  std::vector<long> steps;
  std::unique_ptr<std::atomic<bool>[]> row_ready;
  static constexpr long kDiverged = -1;
  static constexpr long kNotReached = -2;
  static constexpr long kPending = -3;

  BasinMap() = default;
  BasinMap(int nx_, int ny_, const Window& w)
      : nx(nx_), ny(ny_), window(w), steps(size_t(nx_) * ny_, kPending),
        row_ready(new std::atomic<bool>[ny_]) {
    for (int j = 0; j < ny_; ++j) row_ready[j] = false;
  }
};

// Computes rows [row_begin, row_end) into map.steps (cells at cell centres).
// Stops early (leaving kPending) once `cancel` is set; adds finished rows to
// `rows_done`. Rows are independent, so threads can split them.
void computeBasinRows(const Surface& surface, const OptimizerConfig& config,
                      const StopCriteria& stop, BasinMap& map, int row_begin, int row_end,
                      const std::atomic<bool>& cancel, std::atomic<int>& rows_done);

}  // namespace mulab
