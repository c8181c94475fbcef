// The sensitivity view's computation on a background job
// (util/background_job.hpp): for one base optimizer, every update rule at
// every step size of its log grid, run from the same seeded starts (core's
// sensitivity(), one step size per task). The job's threads take tasks in an
// order that grows the three curves together; the view polls progress and
// reads finished points (published with release/acquire flags, as BasinJob
// publishes rows). cancel() stops and joins within milliseconds: core looks
// at the flag every 64 steps.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <vector>

#include "trajectory/sensitivity.hpp"
#include "util/background_job.hpp"

namespace mulab {

class SensitivityJob {
 public:
  static constexpr std::array<UpdateRule, 3> kRules = {UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                                                      UpdateRule::kHybrid};
  // The step sizes each rule is tried at: tuned race's grids (additive and
  // hybrid η on 10^[-4, 0], multiplicative η_out on 10^[-3, 0], 3 per
  // decade), so the picture and `mulab-cli race --tune` measure the same
  // settings. Hybrid runs on the diagonal η = η_out (withStepSize).
  static std::vector<double> stepSizes(UpdateRule rule);

  // `threads` < 1: the machine's (util/compute_threads.hpp).
  SensitivityJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& base, const StopCriteria& stop,
                 std::vector<Vec2> starts, int threads = 0);

  // Stops the workers and joins them; finished points stay readable.
  void cancel() { job_.cancel(); }
  bool cancelled() const { return job_.cancelRequested(); }
  float progress() const { return float(job_.progress().fraction()); }
  bool done() const { return job_.progress().done == long(tasks_.size()); }
  const BackgroundJob& job() const { return job_; }
  // The finished points of kRules[r], in step-size order.
  std::vector<SensitivityPoint> points(int r) const;

 private:
  struct Task {
    int rule, index;
  };
  void work(JobContext& ctx, long t);

  std::shared_ptr<const Surface> surface_;
  OptimizerConfig base_;
  StopCriteria stop_;
  std::vector<Vec2> starts_;
  std::array<std::vector<double>, 3> grids_;
  std::array<std::vector<SensitivityPoint>, 3> results_;  // written once per task, before its flag
  std::vector<Task> tasks_;
  std::unique_ptr<std::atomic<bool>[]> ready_;  // per task
  std::array<std::vector<int>, 3> task_of_;     // [rule][index] -> task
  BackgroundJob job_;                           // last: joins before the results go
};

}  // namespace mulab
