// TrajectoryBatch: many runs of one optimizer configuration on one surface,
// stepped together as the columns of a 2 x K array. The GOFAU template steps
// all K points in one vectorised call and the K surface evaluations are
// independent, so the CPU overlaps what a single run must do in sequence
// (sqrt -> divide -> exp -> divide per step). Used by basin maps, races and
// the throughput benchmark; each column stops exactly as a Trajectory would.
//
// Finished runs are dropped from the arrays (with their optimizer state) once
// enough of them have piled up, so a batch whose runs mostly converge early
// costs the steps of the runs still going, not K times the longest run.
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

  Eigen::Index size() const { return Eigen::Index(status_.size()); }
  long steps() const { return step_; }
  long running() const { return running_; }
  TrajectoryStatus status(Eigen::Index i) const { return status_[i]; }
  long stopStep(Eigen::Index i) const { return stop_step_[i]; }
  // Position and value where run i stopped (or is now, if still running).
  Vec2 position(Eigen::Index i) const;
  double value(Eigen::Index i) const;

 private:
  void check();
  void compact();

  std::shared_ptr<const Surface> surface_;
  GofauOptimizer<Eigen::Array2Xd> optimizer_;
  StopCriteria criteria_;
  Window bounds_;
  std::optional<double> f_star_;
  // The runs still in the arrays: column k of theta_/grad_/f_ is run
  // column_run_[k]; run i sits in column run_column_[i] (-1 once dropped).
  Eigen::Array2Xd theta_, grad_;
  Eigen::ArrayXd f_;
  std::vector<Eigen::Index> column_run_, run_column_;
  Eigen::Index stopped_in_arrays_ = 0;  // stopped runs not yet dropped
  std::vector<unsigned char> flagged_;  // check(): columns that may stop
  // Where each run stopped.
  Eigen::Array2Xd final_theta_;
  Eigen::ArrayXd final_f_;
  std::vector<TrajectoryStatus> status_;
  std::vector<long> stop_step_;
  long step_ = 0;
  long running_ = 0;
};

}  // namespace mulab
