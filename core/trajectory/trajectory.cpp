#include "trajectory/trajectory.hpp"

#include <algorithm>
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
  if (c.max_steps <= 0 || c.max_steps > kMaxTrajectorySteps) {
    return "steps must lie in 1.." + std::to_string(kMaxTrajectorySteps);
  }
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
  if (record_) {
    path_.push_back({0, theta_.x(), theta_.y(), f_});
    snapshot();
  }
  check();
}

bool Trajectory::step() {
  if (finished()) return false;
  optimizer_.step(theta_, grad_);
  ++step_;
  f_ = surface_->evaluate(theta_, &grad_);
  check();
  if (record_) {
    record();
    if (step_ % snapshot_every_ == 0) snapshot();
  }
  return !finished();
}

void Trajectory::snapshot() {
  snapshots_.push_back({step_, theta_, grad_, f_, optimizer_});
  if (snapshots_.size() <= kMaxSnapshots) return;
  size_t kept = 0;
  for (size_t i = 0; i < snapshots_.size(); i += 2) snapshots_[kept++] = snapshots_[i];
  snapshots_.erase(snapshots_.begin() + long(kept), snapshots_.end());
  snapshot_every_ *= 2;
}

StepInspection Trajectory::inspect(long step) const {
  step = std::clamp<long>(step, 0, step_);
  StepInspection out;
  if (snapshots_.empty()) {  // not recording: only the current step is known
    step = step_;
    out.step = step_;
    out.theta = theta_;
    out.grad = grad_;
    out.f = f_;
    out.status = status_;
    return out;
  }
  // The last snapshot at or before `step`, then the same arithmetic as step().
  auto it = std::upper_bound(snapshots_.begin(), snapshots_.end(), step,
                             [](long s, const Snapshot& snap) { return s < snap.step; });
  const Snapshot& from = *(it - 1);
  Optimizer2d opt = from.optimizer;
  Vec2 theta = from.theta, grad = from.grad;
  double f = from.f;
  for (long k = from.step; k < step; ++k) {
    opt.step(theta, grad);
    f = surface_->evaluate(theta, &grad);
  }
  out.step = step;
  out.theta = theta;
  out.grad = grad;
  out.f = f;
  out.status = step < step_ || !finished() ? TrajectoryStatus::kRunning : status_;
  if (step < step_ || !finished()) {
    out.has_next = true;
    out.trust = opt.trustRadius(theta);
    opt.step(theta, grad);
    out.next_theta = theta;
    opt.lastTerms(out.grad, out.m, out.l);
  }
  return out;
}

void Trajectory::record() {
  // The stop step is always kept, so the trail ends where the run ended.
  if (step_ % stride_ != 0 && !finished()) return;
  path_.push_back({step_, theta_.x(), theta_.y(), f_});
  if (path_.size() <= kMaxPathPoints || finished()) return;
  // Keep the points at multiples of twice the stride (index 0, 2, 4, ...).
  size_t kept = 0;
  for (size_t i = 0; i < path_.size(); i += 2) path_[kept++] = path_[i];
  path_.resize(kept);
  stride_ *= 2;
}

void Trajectory::run() {
  while (step()) {
  }
}

void Trajectory::check() {
  const StopCause cause = stopCause(f_, theta_, grad_, step_, criteria_, bounds_, f_star_);
  status_ = statusFor(cause);
  reason_ = reasonFor(cause, criteria_);
}

StopCause stopCause(double f, const Vec2& p, const Vec2& grad, long step, const StopCriteria& c,
                    const Window& bounds, const std::optional<double>& f_star) {
  if (!std::isfinite(f) || !p.allFinite()) return StopCause::kNotFinite;
  if (!bounds.contains(p)) return StopCause::kLeftBounds;
  if (f_star && c.f_tol > 0 && f - *f_star < c.f_tol) return StopCause::kValueTolerance;
  if (c.grad_tol > 0 && grad.matrix().norm() < c.grad_tol) return StopCause::kGradientTolerance;
  if (step >= c.max_steps) return StopCause::kBudget;
  return StopCause::kNone;
}

TrajectoryStatus statusFor(StopCause cause) {
  switch (cause) {
    case StopCause::kNone: return TrajectoryStatus::kRunning;
    case StopCause::kNotFinite:
    case StopCause::kLeftBounds: return TrajectoryStatus::kDiverged;
    case StopCause::kValueTolerance:
    case StopCause::kGradientTolerance: return TrajectoryStatus::kConverged;
    case StopCause::kBudget: return TrajectoryStatus::kBudgetExhausted;
  }
  return TrajectoryStatus::kRunning;
}

std::string reasonFor(StopCause cause, const StopCriteria& c) {
  switch (cause) {
    case StopCause::kNone: return "";
    case StopCause::kNotFinite: return "f is not finite";
    case StopCause::kLeftBounds: return "left the bound box";
    case StopCause::kValueTolerance: return formatG("f - f* < %g", c.f_tol);
    case StopCause::kGradientTolerance: return formatG("|grad f| < %g", c.grad_tol);
    case StopCause::kBudget: return "step budget of " + std::to_string(c.max_steps) + " used up";
  }
  return "";
}

std::string Trajectory::statusText() const {
  if (!finished()) return "running, step " + std::to_string(step_);
  if (status_ == TrajectoryStatus::kBudgetExhausted) return "not converged: " + reason_;
  return std::string(toString(status_)) + " at step " + std::to_string(step_) + " (" + reason_ +
         ")";
}

}  // namespace mulab
