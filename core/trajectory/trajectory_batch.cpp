#include "trajectory/trajectory_batch.hpp"

#include <cmath>
#include <limits>

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
      column_run_(starts.cols()),
      run_column_(starts.cols()),
      final_theta_(starts),
      final_f_(starts.cols()),
      status_(starts.cols(), TrajectoryStatus::kRunning),
      stop_step_(starts.cols(), 0),
      running_(starts.cols()) {
  for (Eigen::Index i = 0; i < starts.cols(); ++i) column_run_[i] = run_column_[i] = i;
  surface_->evaluateBatch(theta_, f_, grad_);
  check();
}

Vec2 TrajectoryBatch::position(Eigen::Index i) const {
  return status_[i] == TrajectoryStatus::kRunning ? Vec2(theta_.col(run_column_[i]))
                                                  : Vec2(final_theta_.col(i));
}

double TrajectoryBatch::value(Eigen::Index i) const {
  return status_[i] == TrajectoryStatus::kRunning ? f_[run_column_[i]] : final_f_[i];
}

bool TrajectoryBatch::step() {
  if (running_ == 0) return false;
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
  // Most columns keep running at most steps: a cheap test that is true for
  // every column stopCause might stop (non-finite, outside the bounds, under
  // either tolerance, out of budget) picks the few that need the full rule,
  // which alone decides. NaN fails every comparison and so is picked.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const bool value_tol = f_star_ && criteria_.f_tol > 0;
  const double f_star = value_tol ? *f_star_ : -kInf;
  const double f_tol = value_tol ? criteria_.f_tol : 0.0;
  // Squared norm against a slightly larger square: a superset of norm < tol.
  const double grad_tol2 = criteria_.grad_tol * criteria_.grad_tol * (1 + 1e-9);
  const bool budget = step_ >= criteria_.max_steps;
  const Eigen::Index n = theta_.cols();
  flagged_.resize(n);
  // Locals, so the compiler need not reload them after every store to flag[].
  const double xmin = bounds_.xmin, xmax = bounds_.xmax, ymin = bounds_.ymin, ymax = bounds_.ymax;
  const double* f = f_.data();
  const double* th = theta_.data();
  const double* g = grad_.data();
  unsigned char* flag = flagged_.data();
  for (Eigen::Index k = 0; k < n; ++k) {  // branch-free, so the compiler can vectorise it
    const double x = th[2 * k], y = th[2 * k + 1], gx = g[2 * k], gy = g[2 * k + 1];
    const bool keeps_going = (f[k] < kInf) & (f[k] - f_star >= f_tol) & (x >= xmin) & (x <= xmax) &
                             (y >= ymin) & (y <= ymax) & !(gx * gx + gy * gy < grad_tol2);
    flag[k] = budget | !keeps_going;
  }
  for (Eigen::Index k = 0; k < n; ++k) {
    if (!flagged_[k]) continue;
    const Eigen::Index i = column_run_[k];
    if (status_[i] != TrajectoryStatus::kRunning) continue;  // stopped, not yet dropped
    const Vec2 p = theta_.col(k);
    const TrajectoryStatus s =
        statusFor(stopCause(f_[k], p, grad_.col(k), step_, criteria_, bounds_, f_star_));
    if (s == TrajectoryStatus::kRunning) continue;
    status_[i] = s;
    stop_step_[i] = step_;
    final_theta_.col(i) = p;
    final_f_[i] = f_[k];
    --running_;
    ++stopped_in_arrays_;
  }
  // Dropping costs a copy of the arrays; do it once stopped columns are an
  // eighth of them (and at least 8), so a batch compacts O(log K) times.
  if (running_ > 0 && stopped_in_arrays_ >= std::max<Eigen::Index>(8, theta_.cols() / 8)) {
    compact();
  }
}

void TrajectoryBatch::compact() {
  std::vector<Eigen::Index> keep;
  keep.reserve(running_);
  for (Eigen::Index k = 0; k < theta_.cols(); ++k) {
    const Eigen::Index i = column_run_[k];
    if (status_[i] == TrajectoryStatus::kRunning) {
      keep.push_back(k);
    } else {
      run_column_[i] = -1;
    }
  }
  theta_ = theta_(Eigen::all, keep).eval();
  grad_ = grad_(Eigen::all, keep).eval();
  f_ = f_(keep).eval();
  optimizer_.keepColumns(keep);
  std::vector<Eigen::Index> runs(keep.size());
  for (size_t k = 0; k < keep.size(); ++k) {
    runs[k] = column_run_[keep[k]];
    run_column_[runs[k]] = Eigen::Index(k);
  }
  column_run_ = std::move(runs);
  stopped_in_arrays_ = 0;
}

}  // namespace mulab
