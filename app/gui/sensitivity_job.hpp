// The sensitivity view's computation on background threads: for one base
// optimizer, every update rule at every step size of its log grid, run from
// the same seeded starts (core's sensitivity(), one step size per task).
// Two std::jthreads take tasks in an order that grows the three curves
// together; the UI polls progress and reads finished points (published with
// release/acquire flags, as BasinJob publishes rows). cancel() stops and
// joins within milliseconds: core looks at the flag every 64 steps.
// No ImGui or OpenGL here, so tests drive it directly.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "trajectory/sensitivity.hpp"

namespace mulab::gui {

class SensitivityJob {
 public:
  static constexpr std::array<UpdateRule, 3> kRules = {UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                                                      UpdateRule::kHybrid};
  // The step sizes each rule is tried at: tuned race's grids (additive and
  // hybrid η on 10^[-4, 0], multiplicative η_out on 10^[-3, 0], 3 per
  // decade), so the picture and `mulab-cli race --tune` measure the same
  // settings. Hybrid runs on the diagonal η = η_out (withStepSize).
  static std::vector<double> stepSizes(UpdateRule rule);

  SensitivityJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& base, const StopCriteria& stop,
                 std::vector<Vec2> starts, int threads = 2);
  ~SensitivityJob() { cancel(); }
  SensitivityJob(const SensitivityJob&) = delete;
  SensitivityJob& operator=(const SensitivityJob&) = delete;

  // Stops the workers and joins them; finished points stay readable.
  void cancel();
  bool cancelled() const { return cancel_.load(); }
  float progress() const { return float(done_.load()) / float(tasks_.size()); }
  bool done() const { return done_.load() == int(tasks_.size()); }
  // The finished points of kRules[r], in step-size order.
  std::vector<SensitivityPoint> points(int r) const;

 private:
  struct Task {
    int rule, index;
  };
  void work();

  std::shared_ptr<const Surface> surface_;
  OptimizerConfig base_;
  StopCriteria stop_;
  std::vector<Vec2> starts_;
  std::array<std::vector<double>, 3> grids_;
  std::array<std::vector<SensitivityPoint>, 3> results_;  // written once per task, before its flag
  std::vector<Task> tasks_;
  std::unique_ptr<std::atomic<bool>[]> ready_;  // per task
  std::array<std::vector<int>, 3> task_of_;     // [rule][index] -> task
  std::atomic<int> next_{0}, done_{0};
  std::atomic<bool> cancel_{false};
  std::vector<std::jthread> workers_;
};

}  // namespace mulab::gui
