// A basin map (basin_map.hpp) computed on a background job
// (util/background_job.hpp): the rows are handed out one at a time to the
// job's threads, bottom to top, so the map fills in as one front; the
// explorer polls progress and reads finished rows (published with
// release/acquire flags), and `mulab-cli basin` waits for it. cancel() stops
// and joins within milliseconds (a row looks at the flag every 64 steps).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "trajectory/basin_map.hpp"
#include "util/background_job.hpp"

namespace mulab {

class BasinJob {
 public:
  // An nx x ny map over `window`; `threads` < 1: the machine's
  // (util/compute_threads.hpp).
  BasinJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
           const StopCriteria& stop, const Window& window, int nx, int ny, int threads = 0);

  void cancel() { job_.cancel(); }
  void wait() const { job_.wait(); }
  float progress() const { return float(job_.progress().fraction()); }
  bool done() const { return rows_done_.load() == map_.ny; }  // every row computed
  const BackgroundJob& job() const { return job_; }
  // Cells as floats for the texture: steps, or -1 diverged, -2 not reached, -3 pending.
  void readCells(std::vector<float>& out) const;
  const BasinMap& map() const { return map_; }
  long maxSteps() const { return stop_.max_steps; }
  // Optimizer steps the finished rows' runs took (each run's stop step).
  long optimizerSteps() const { return optimizer_steps_.load(); }

 private:
  std::shared_ptr<const Surface> surface_;
  OptimizerConfig config_;
  StopCriteria stop_;
  BasinMap map_;
  std::atomic<int> rows_done_{0};
  std::atomic<long> optimizer_steps_{0};
  BackgroundJob job_;  // last: joins before the map goes
};

}  // namespace mulab
