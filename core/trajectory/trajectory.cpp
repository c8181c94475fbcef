#include "trajectory/trajectory.hpp"

#include <cmath>
#include <cstdio>

namespace mulab {
namespace {

std::string formatG(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

}  // namespace

std::string_view toString(TrajectoryStatus status) {
  switch (status) {
    case TrajectoryStatus::kRunning: return "running";
    case TrajectoryStatus::kConverged: return "converged";
    case TrajectoryStatus::kDiverged: return "diverged";
    case TrajectoryStatus::kBudgetExhausted: return "budget";
  }
  return "?";
}

std::optional<std::string> validate(const StopCriteria& c) {
  if (c.max_steps <= 0) return "steps must be a positive whole number";
  if (!std::isfinite(c.f_tol) || c.f_tol < 0) return "tol must be a finite number >= 0";
  if (!std::isfinite(c.grad_tol) || c.grad_tol < 0) return "grad-tol must be a finite number >= 0";
  if (!std::isfinite(c.bound_factor) || c.bound_factor < 1) {
    return "bound factor must be a finite number >= 1";
  }
  return std::nullopt;
}

Trajectory::Trajectory(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
                       Vec2 start, const StopCriteria& criteria, bool record_path)
    : surface_(std::move(surface)),
      optimizer_(config),
      criteria_(criteria),
      bounds_(surface_->info().window.scaled(criteria.bound_factor)),
      f_star_(surface_->globalMinimumValue()),
      record_(record_path),
      theta_(start) {
  f_ = surface_->evaluate(theta_, &grad_);
  if (record_) path_.push_back({0, theta_.x(), theta_.y(), f_});
  check();
}

bool Trajectory::step() {
  if (finished()) return false;
  optimizer_.step(theta_, grad_);
  ++step_;
  f_ = surface_->evaluate(theta_, &grad_);
  if (record_) path_.push_back({step_, theta_.x(), theta_.y(), f_});
  check();
  return !finished();
}

void Trajectory::run() {
  while (step()) {
  }
}

void Trajectory::check() {
  if (!std::isfinite(f_) || !theta_.allFinite()) {
    status_ = TrajectoryStatus::kDiverged;
    reason_ = "f is not finite";
  } else if (!bounds_.contains(theta_)) {
    status_ = TrajectoryStatus::kDiverged;
    reason_ = "left the bound box";
  } else if (f_star_ && criteria_.f_tol > 0 && f_ - *f_star_ < criteria_.f_tol) {
    status_ = TrajectoryStatus::kConverged;
    reason_ = formatG("f - f* < %g", criteria_.f_tol);
  } else if (criteria_.grad_tol > 0 && grad_.matrix().norm() < criteria_.grad_tol) {
    status_ = TrajectoryStatus::kConverged;
    reason_ = formatG("|grad f| < %g", criteria_.grad_tol);
  } else if (step_ >= criteria_.max_steps) {
    status_ = TrajectoryStatus::kBudgetExhausted;
    reason_ = "step budget of " + std::to_string(criteria_.max_steps) + " used up";
  }
}

std::string Trajectory::statusText() const {
  if (!finished()) return "running, step " + std::to_string(step_);
  if (status_ == TrajectoryStatus::kBudgetExhausted) return "not converged: " + reason_;
  return std::string(toString(status_)) + " at step " + std::to_string(step_) + " (" + reason_ +
         ")";
}

}  // namespace mulab
