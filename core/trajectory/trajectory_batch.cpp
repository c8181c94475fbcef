#include "trajectory/trajectory_batch.hpp"

#include <cmath>

namespace mulab {

TrajectoryBatch::TrajectoryBatch(std::shared_ptr<const Surface> surface,
                                 const OptimizerConfig& config, const Eigen::Array2Xd& starts,
                                 const StopCriteria& criteria)
    : surface_(std::move(surface)),
      optimizer_(config),
      criteria_(criteria),
      bounds_(surface_->info().window.scaled(criteria.bound_factor)),
      f_star_(surface_->globalMinimumValue()),
      theta_(starts),
      status_(starts.cols(), TrajectoryStatus::kRunning),
      stop_step_(starts.cols(), 0),
      running_(starts.cols()) {
  surface_->evaluateBatch(theta_, f_, grad_);
  final_theta_ = theta_;
  final_f_ = f_;
  check();
}

bool TrajectoryBatch::step() {
  if (running_ == 0) return false;
  // Finished columns keep stepping (it is cheaper than compacting); their
  // results were frozen in final_theta_/final_f_ when they stopped.
  optimizer_.step(theta_, grad_);
  ++step_;
  surface_->evaluateBatch(theta_, f_, grad_);
  check();
  return running_ > 0;
}

void TrajectoryBatch::run() {
  while (step()) {
  }
}

void TrajectoryBatch::check() {
  for (Eigen::Index i = 0; i < theta_.cols(); ++i) {
    if (status_[i] != TrajectoryStatus::kRunning) continue;
    const Vec2 p = theta_.col(i);
    const TrajectoryStatus s =
        statusFor(stopCause(f_[i], p, grad_.col(i), step_, criteria_, bounds_, f_star_));
    final_theta_.col(i) = p;
    final_f_[i] = f_[i];
    if (s != TrajectoryStatus::kRunning) {
      status_[i] = s;
      stop_step_[i] = step_;
      --running_;
    }
  }
}

}  // namespace mulab
