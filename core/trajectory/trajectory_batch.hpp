// TrajectoryBatch: many runs of one optimizer configuration on one surface,
// stepped together as the columns of a 2 x K array. The GOFAU template steps
// all K points in one vectorised call and the K surface evaluations are
// independent, so the CPU overlaps what a single run must do in sequence
// (sqrt -> divide -> exp -> divide per step). Used by basin maps and the
// throughput benchmark; each column stops exactly as a Trajectory would.
#pragma once

#include <memory>
#include <vector>

#include "trajectory/trajectory.hpp"

namespace mulab {

class TrajectoryBatch {
 public:
  TrajectoryBatch(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
                  const Eigen::Array2Xd& starts, const StopCriteria& criteria);

  // One step of every run still going; returns true while any is running.
  bool step();
  void run();

  Eigen::Index size() const { return theta_.cols(); }
  long steps() const { return step_; }
  long running() const { return running_; }
  TrajectoryStatus status(Eigen::Index i) const { return status_[i]; }
  long stopStep(Eigen::Index i) const { return stop_step_[i]; }
  // Position and value where run i stopped (or is now, if still running).
  Vec2 position(Eigen::Index i) const { return final_theta_.col(i); }
  double value(Eigen::Index i) const { return final_f_[i]; }

 private:
  void check();

  std::shared_ptr<const Surface> surface_;
  GofauOptimizer<Eigen::Array2Xd> optimizer_;
  StopCriteria criteria_;
  Window bounds_;
  std::optional<double> f_star_;
  Eigen::Array2Xd theta_, grad_, final_theta_;
  Eigen::ArrayXd f_, final_f_;
  std::vector<TrajectoryStatus> status_;
  std::vector<long> stop_step_;
  long step_ = 0;
  long running_ = 0;
};

}  // namespace mulab
