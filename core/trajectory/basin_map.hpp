// Basin map: for one optimizer configuration, the steps every start point of
// a grid needs to converge (or that it diverges). It shows the GOFAU paper's
// robustness-to-initialisation claim directly. Rows are computed with
// TrajectoryBatch; the work can be cancelled and reports progress, so the GUI
// and the CLI run it on a background job (basin_job.hpp).
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
// `rows_done`, and the optimizer steps their runs took (each run's stop step)
// to `*optimizer_steps` if given. Rows are independent, so threads can split
// them (BasinJob does).
void computeBasinRows(const Surface& surface, const OptimizerConfig& config,
                      const StopCriteria& stop, BasinMap& map, int row_begin, int row_end,
                      const std::atomic<bool>& cancel, std::atomic<int>& rows_done,
                      std::atomic<long>* optimizer_steps = nullptr);

// Where a cell's step count sits on the colour map, in [0.05, 1]: 1 (bright)
// for a start that is already converged, falling with log(1 + steps) to 0.05
// at max_steps. The one mapping the GUI's basin overlay and `mulab-cli basin
// --png` share (shaders/surface.frag computes the same from the steps).
// Only for steps >= 0; diverged / not reached cells have their own colours.
float basinShade(long steps, long max_steps);

struct BasinSummary {
  long converged = 0, diverged = 0, not_reached = 0, pending = 0;
  long median_steps = -1;  // over converged cells; -1 if none
  long max_steps = -1;     // slowest converged cell; -1 if none
};
BasinSummary summarize(const BasinMap& map);

}  // namespace mulab
