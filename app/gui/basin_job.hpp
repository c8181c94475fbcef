// A basin map computed on background threads: two std::jthreads split the
// rows, the UI polls progress and reads finished rows (published with
// release/acquire flags), and cancel() stops and joins within milliseconds.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "trajectory/basin_map.hpp"

namespace mulab::gui {

class BasinJob {
 public:
  BasinJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
           const StopCriteria& stop, const Window& window, int resolution);
  ~BasinJob() { cancel(); }

  void cancel();
  float progress() const { return float(rows_done_.load()) / float(map_.ny); }
  bool done() const { return rows_done_.load() == map_.ny; }
  // Cells as floats for the texture: steps, or -1 diverged, -2 not reached, -3 pending.
  void readCells(std::vector<float>& out) const;
  const BasinMap& map() const { return map_; }
  long maxSteps() const { return stop_.max_steps; }

 private:
  std::shared_ptr<const Surface> surface_;
  OptimizerConfig config_;
  StopCriteria stop_;
  BasinMap map_;
  std::atomic<bool> cancel_{false};
  std::atomic<int> rows_done_{0};
  std::vector<std::jthread> workers_;
};

}  // namespace mulab::gui
