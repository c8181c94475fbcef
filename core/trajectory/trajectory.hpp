// Trajectory: one optimizer run on one 2D surface, stepped by the GUI one
// frame at a time or run to the end by the CLI. It stops on the step budget,
// on convergence (|f - f*| or |grad f| under a tolerance) or on divergence
// (non-finite f, or leaving a bound box), and says which and at what step.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optim/gofau_optimizer.hpp"
#include "surfaces/surface.hpp"

namespace mulab {

enum class TrajectoryStatus { kRunning, kConverged, kDiverged, kBudgetExhausted };
std::string_view toString(TrajectoryStatus status);

struct StopCriteria {
  long max_steps = 1000;
  double f_tol = 1e-6;        // converged when f - f* < f_tol (surfaces with f*); 0 disables
  double grad_tol = 0.0;      // converged when |grad f| < grad_tol; 0 disables
  double bound_factor = 10.0; // diverged outside the default window grown by this factor
  bool operator==(const StopCriteria&) const = default;
};

// Error naming the offending field, if the criteria are out of range.
std::optional<std::string> validate(const StopCriteria& criteria);

// Why a run stops at a point, by the rules shared by Trajectory and
// TrajectoryBatch (in this order): non-finite, out of bounds, f - f* under
// tol, |grad f| under grad-tol, step budget used up.
enum class StopCause { kNone, kNotFinite, kLeftBounds, kValueTolerance, kGradientTolerance, kBudget };
StopCause stopCause(double f, const Vec2& p, const Vec2& grad, long step,
                    const StopCriteria& criteria, const Window& bounds,
                    const std::optional<double>& f_star);
TrajectoryStatus statusFor(StopCause cause);
std::string reasonFor(StopCause cause, const StopCriteria& criteria);

struct TrajectoryPoint {
  long step;
  double x, y, f;
};

// A recorded path keeps every step up to this many points; a longer run keeps
// every 2nd, then every 4th, ... step (plus its last one), so a million-step
// run holds at most this many points, not a million.
inline constexpr size_t kMaxPathPoints = size_t{1} << 16;

// Largest step budget a run, a race or a scene may ask for.
inline constexpr long kMaxTrajectorySteps = 10000000;

// One step of a run as the explorer explains it: where the run is at `step`,
// and the terms of the step it takes next (docs/algorithms.md, §1): the momentum term
// m and adaptive rate l that step uses, where it lands, and the per-coordinate
// bound of its multiplicative share (the "trust box" half-widths).
struct StepInspection {
  long step = 0;
  Vec2 theta = Vec2::Zero(), grad = Vec2::Zero();
  double f = 0;
  TrajectoryStatus status = TrajectoryStatus::kRunning;  // the run's status at this step
  bool has_next = false;                                   // false at the stop step
  Vec2 next_theta = Vec2::Zero(), m = Vec2::Zero(), l = Vec2::Ones(), trust = Vec2::Zero();
};

class Trajectory {
 public:
  Trajectory(std::shared_ptr<const Surface> surface, const OptimizerConfig& config, Vec2 start,
             const StopCriteria& criteria, bool record_path = true);

  // Advances one step unless finished; returns true while still running.
  bool step();
  // Steps until the run stops.
  void run();

  TrajectoryStatus status() const { return status_; }
  bool finished() const { return status_ != TrajectoryStatus::kRunning; }
  long steps() const { return step_; }
  // Step at which the run stopped (== steps() once finished).
  long stopStep() const { return step_; }
  // Why it stopped, e.g. "f - f* < 1e-06" or "left the bound box"; empty while running.
  const std::string& reason() const { return reason_; }
  // "converged at step 412 (f - f* < 1e-06)" and the like.
  std::string statusText() const;

  const Vec2& position() const { return theta_; }
  double value() const { return f_; }
  const Vec2& gradient() const { return grad_; }
  // The recorded path: every pathStride()-th step from 0, and the stop step.
  const std::vector<TrajectoryPoint>& path() const { return path_; }
  long pathStride() const { return stride_; }

  // Any step so far, exactly: replayed from the nearest of the optimizer
  // snapshots kept along the way (at most kMaxSnapshots, their spacing
  // doubling as the run grows), so inspecting costs at most one spacing of
  // steps and memory stays bounded however long the run. `step` is clamped
  // to [0, steps()].
  StepInspection inspect(long step) const;
  static constexpr size_t kMaxSnapshots = 2048;
  const Surface& surface() const { return *surface_; }
  const OptimizerConfig& config() const { return optimizer_.config(); }

 private:
  void check();
  void record();
  void snapshot();

  struct Snapshot {
    long step;
    Vec2 theta, grad;
    double f;
    Optimizer2d optimizer;
  };

  std::shared_ptr<const Surface> surface_;
  Optimizer2d optimizer_;
  StopCriteria criteria_;
  Window bounds_;
  std::optional<double> f_star_;
  bool record_;
  Vec2 theta_, grad_;
  double f_ = 0;
  long step_ = 0;
  TrajectoryStatus status_ = TrajectoryStatus::kRunning;
  std::string reason_;
  std::vector<TrajectoryPoint> path_;
  long stride_ = 1;
  std::vector<Snapshot> snapshots_;
  long snapshot_every_ = 16;
};

}  // namespace mulab
