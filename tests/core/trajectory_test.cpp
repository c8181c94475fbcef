// Trajectory runner: stop reasons at the steps the maths predicts; race tally.
#include "optim/optimizer_options.hpp"
#include "trajectory/trajectory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "trajectory/race.hpp"

namespace mulab {
namespace {

OptimizerConfig sgd(double lr) {
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.rule = UpdateRule::kAdditive;
  c.lr = lr;
  return c;
}

TEST(Trajectory, SgdOnTheBowlConvergesAtThePredictedStep) {
  // theta_k = (1 - 2 lr)^k theta_0, so f_k = 4.5 * 0.64^k; first k with f_k < 1e-6 is 35.
  StopCriteria stop;
  stop.f_tol = 1e-6;
  Trajectory t(makeSurface("quadratic").value(), sgd(0.1), Vec2(1.5, 1.5), stop);
  t.run();
  EXPECT_EQ(t.status(), TrajectoryStatus::kConverged);
  EXPECT_EQ(t.stopStep(), 35);
  EXPECT_NEAR(t.value(), 4.5 * std::pow(0.64, 35), 1e-18);
  EXPECT_EQ(t.reason(), "f - f* < 1e-06");
  EXPECT_EQ(t.statusText(), "converged at step 35 (f - f* < 1e-06)");
  ASSERT_EQ(t.path().size(), 36u);
  EXPECT_NEAR(t.path()[1].x, 1.2, 1e-15);
  EXPECT_EQ(t.path().back().step, 35);
}

TEST(Trajectory, AMillionStepPathIsThinnedNotStored) {
  // SGD with a tiny step on the bowl: never converges within the budget.
  StopCriteria stop;
  stop.max_steps = 1000003;
  stop.f_tol = 0;
  Trajectory t(makeSurface("quadratic").value(), sgd(1e-9), Vec2(1.5, 1.5), stop);
  t.run();
  ASSERT_EQ(t.status(), TrajectoryStatus::kBudgetExhausted);
  const auto& path = t.path();
  EXPECT_LE(path.size(), kMaxPathPoints + 1);
  EXPECT_GT(path.size(), kMaxPathPoints / 4);
  // Every kept point is at a multiple of the stride, in order, from step 0 ...
  const long stride = t.pathStride();
  EXPECT_EQ(stride, 16);  // 2^16 points x 16 >= 1e6
  EXPECT_EQ(path.front().step, 0);
  for (size_t i = 0; i + 1 < path.size(); ++i) EXPECT_EQ(path[i].step, long(i) * stride);
  // ... and the last one is the stop step, at the position the run ended.
  EXPECT_EQ(path.back().step, 1000003);
  EXPECT_EQ(path.back().x, t.position().x());
  // Thinning keeps the exact values of the kept steps.
  Trajectory exact(makeSurface("quadratic").value(), sgd(1e-9), Vec2(1.5, 1.5), stop);
  for (int k = 0; k < 160; ++k) exact.step();
  EXPECT_EQ(path[10].x, exact.position().x());
}

TEST(Trajectory, InspectReplaysAnyStepExactly) {
  OptimizerConfig c;
  c.base = BaseOptimizer::kAdam;
  c.rule = UpdateRule::kHybrid;
  c.lr = 0.01;
  c.lr_out = 0.05;
  c.gamma = 0.5;
  StopCriteria stop;
  stop.max_steps = 300000;  // long enough to thin the path and the snapshots
  stop.f_tol = 0;
  Trajectory t(makeSurface("rosenbrock").value(), c, Vec2(-1.5, 2.5), stop);
  t.run();
  ASSERT_GT(t.pathStride(), 1);
  for (long k : {0L, 1L, 17L, 4096L, 123457L, 299999L}) {
    SCOPED_TRACE(k);
    Trajectory fresh(makeSurface("rosenbrock").value(), c, Vec2(-1.5, 2.5), stop, false);
    for (long i = 0; i < k; ++i) fresh.step();
    const StepInspection s = t.inspect(k);
    EXPECT_EQ(s.step, k);
    EXPECT_EQ(s.theta.x(), fresh.position().x());  // bit for bit
    EXPECT_EQ(s.theta.y(), fresh.position().y());
    EXPECT_EQ(s.f, fresh.value());
    ASSERT_TRUE(s.has_next);
    fresh.step();
    EXPECT_EQ(s.next_theta.x(), fresh.position().x());
    // The next step's multiplicative share stays inside the trust box; its
    // additive share (1 - gamma) lr m l adds at most lr per coordinate (|m l| <~ 1).
    for (int d = 0; d < 2; ++d) {
      EXPECT_NEAR(s.trust[d], 0.5 * 0.05 * std::abs(s.theta[d]), 1e-15);
      EXPECT_LE(std::abs(s.next_theta[d] - s.theta[d]), s.trust[d] + 0.5 * 0.01 * 1.01);
    }
  }
  const StepInspection end = t.inspect(stop.max_steps + 10);  // clamped to the stop step
  EXPECT_EQ(end.step, stop.max_steps);
  EXPECT_FALSE(end.has_next);
  EXPECT_EQ(end.status, TrajectoryStatus::kBudgetExhausted);
  EXPECT_EQ(t.inspect(5).status, TrajectoryStatus::kRunning);
}

TEST(Trajectory, InspectShowsTheBaseOptimizersTerms) {
  // SGD: m is the gradient and l is 1; the additive rule has no trust box.
  Trajectory sgd_run(makeSurface("quadratic").value(), sgd(0.1), Vec2(1.5, -1.0), StopCriteria{});
  for (int i = 0; i < 3; ++i) sgd_run.step();
  const StepInspection s = sgd_run.inspect(2);
  EXPECT_DOUBLE_EQ(s.m.x(), s.grad.x());
  EXPECT_DOUBLE_EQ(s.l.y(), 1.0);
  EXPECT_EQ(s.trust.x(), 0.0);
  EXPECT_DOUBLE_EQ(s.next_theta.x(), s.theta.x() - 0.1 * s.grad.x());
  // Adam on the first step: m_hat = g and l = 1 / (|g| + eps), so m l = sign(g).
  OptimizerConfig adam;
  Trajectory a(makeSurface("quadratic").value(), adam, Vec2(1.5, -1.0), StopCriteria{});
  a.step();
  const StepInspection first = a.inspect(0);
  EXPECT_NEAR(first.m.x() * first.l.x(), 1.0, 1e-7);
  EXPECT_NEAR(first.m.y() * first.l.y(), -1.0, 1e-7);
}

TEST(Trajectory, StepBudgetIsBounded) {
  StopCriteria stop;
  stop.max_steps = kMaxTrajectorySteps + 1;
  ASSERT_TRUE(validate(stop).has_value());
  EXPECT_EQ(*validate(stop), "steps must lie in 1..10000000");
  stop.max_steps = kMaxTrajectorySteps;
  EXPECT_FALSE(validate(stop).has_value());
}

TEST(Trajectory, LeavingTheBoundBoxIsDivergence) {
  // lr 1.5: theta_k = (-2)^k * 1.5; the box is [-20, 20]^2, left at k = 4 (|x| = 24).
  Trajectory t(makeSurface("quadratic").value(), sgd(1.5), Vec2(1.5, 0.0), StopCriteria{});
  t.run();
  EXPECT_EQ(t.status(), TrajectoryStatus::kDiverged);
  EXPECT_EQ(t.stopStep(), 4);
  EXPECT_EQ(t.reason(), "left the bound box");
}

TEST(Trajectory, NonFiniteValueIsDivergence) {
  StopCriteria stop;
  stop.bound_factor = 1e300;  // let it run away until f overflows
  Trajectory t(makeSurface("rosenbrock").value(), sgd(1.0), Vec2(-2, 2), stop);
  t.run();
  EXPECT_EQ(t.status(), TrajectoryStatus::kDiverged);
  EXPECT_EQ(t.reason(), "f is not finite");
  EXPECT_LT(t.stopStep(), 10);
}

TEST(Trajectory, BudgetExhausted) {
  StopCriteria stop;
  stop.max_steps = 7;
  Trajectory t(makeSurface("rosenbrock").value(), sgd(1e-4), Vec2(-2, 2), stop);
  EXPECT_TRUE(t.step());
  t.run();
  EXPECT_EQ(t.status(), TrajectoryStatus::kBudgetExhausted);
  EXPECT_EQ(t.stopStep(), 7);
  EXPECT_FALSE(t.step());
  EXPECT_EQ(t.steps(), 7);
}

TEST(Trajectory, GradientToleranceStopsAtTheSaddlePoint) {
  // Starting on the x axis, y stays exactly 0 and SGD walks into the saddle point.
  StopCriteria stop;
  stop.grad_tol = 1e-6;
  Trajectory t(makeSurface("saddle").value(), sgd(0.1), Vec2(1.0, 0.0), stop);
  t.run();
  EXPECT_EQ(t.status(), TrajectoryStatus::kConverged);
  EXPECT_EQ(t.reason(), "|grad f| < 1e-06");
  // |grad| = 2 * 0.8^k < 1e-6 first at k = 66 (2 * 0.8^65 is just above).
  EXPECT_EQ(t.stopStep(), 66);
}

TEST(Trajectory, MultiplicativeRuleIsSignLockedOnRosenbrock) {
  // From x = -2 the minimum at x = +1 needs a sign change: pure multiplicative
  // never gets there, the hybrid rule does.
  StopCriteria stop;
  stop.max_steps = 20000;
  stop.f_tol = 1e-4;
  OptimizerConfig c;  // Adam defaults
  c.rule = UpdateRule::kMultiplicative;
  Trajectory mult(makeSurface("rosenbrock").value(), c, Vec2(-2, 2), stop);
  mult.run();
  EXPECT_EQ(mult.status(), TrajectoryStatus::kBudgetExhausted);
  EXPECT_LT(mult.position().x(), 0.0);
  c.rule = UpdateRule::kHybrid;
  Trajectory hybrid(makeSurface("rosenbrock").value(), c, Vec2(-2, 2), stop);
  hybrid.run();
  EXPECT_EQ(hybrid.status(), TrajectoryStatus::kConverged);
  EXPECT_GT(hybrid.position().x(), 0.0);
}

TEST(StopCriteria, Validation) {
  StopCriteria s;
  EXPECT_FALSE(validate(s).has_value());
  s.max_steps = 0;
  EXPECT_TRUE(validate(s).has_value());
  s = {};
  s.f_tol = std::nan("");
  EXPECT_TRUE(validate(s).has_value());
}

TEST(Race, RunsEveryCombinationAndTalliesWinners) {
  RaceConfig cfg;
  cfg.surfaces = {"quadratic", "rosenbrock"};
  cfg.bases = {BaseOptimizer::kSgd, BaseOptimizer::kAdam};
  cfg.steps = 3000;
  cfg.tol = 1e-4;
  const auto entries = runRace(cfg);
  ASSERT_EQ(entries.size(), 2u * 2u * 3u);
  EXPECT_EQ(entries[0].surface, "quadratic");
  EXPECT_EQ(entries[0].base, BaseOptimizer::kSgd);
  EXPECT_EQ(entries[0].rule, UpdateRule::kAdditive);
  // SGD lr 0.01 on x^2 + y^2 from (-1.5, 1.5): f_k = 4.5 * 0.98^(2k) < 1e-4 first at k = 266.
  EXPECT_EQ(entries[0].status, TrajectoryStatus::kConverged);
  EXPECT_EQ(entries[0].stop_step, 266);
  const auto tally = tallyRace(entries);
  ASSERT_EQ(tally.size(), 3u);
  int fastest = 0, early = 0;
  for (const auto& t : tally) {
    fastest += t.fastest;
    early += t.best_early;
  }
  EXPECT_GE(fastest, 1);  // SGD additive on the bowl converges, so group 1 has a winner
  EXPECT_GE(early, 4);    // every group has at least one best early gap
}

}  // namespace
}  // namespace mulab

#include "trajectory/trajectory_batch.hpp"

namespace mulab {
namespace {

TEST(TrajectoryBatch, EveryColumnStopsLikeASingleTrajectory) {
  for (const char* name : {"quadratic", "rosenbrock", "himmelblau", "saddle"}) {
    for (auto rule : {UpdateRule::kAdditive, UpdateRule::kMultiplicative, UpdateRule::kHybrid}) {
      SCOPED_TRACE(std::string(name) + " " + std::string(toString(rule)));
      const auto surface = makeSurface(name).value();
      const Window w = surface->info().window;
      Eigen::Array2Xd starts(2, 37);
      for (int i = 0; i < starts.cols(); ++i) {
        starts.col(i) = Vec2(w.xmin + w.width() * ((i * 7) % 37 + 0.5) / 37,
                             w.ymin + w.height() * ((i * 11) % 37 + 0.5) / 37);
      }
      OptimizerConfig c;
      c.rule = rule;
      c.lr = 0.05;
      c.lr_out = 0.05;
      StopCriteria stop;
      stop.max_steps = 400;
      stop.f_tol = 1e-3;
      TrajectoryBatch batch(surface, c, starts, stop);
      batch.run();
      for (int i = 0; i < starts.cols(); ++i) {
        Trajectory single(surface, c, starts.col(i), stop, false);
        single.run();
        EXPECT_EQ(batch.status(i), single.status()) << "column " << i;
        EXPECT_EQ(batch.stopStep(i), single.stopStep()) << "column " << i;
        EXPECT_NEAR(batch.position(i).x(), single.position().x(), 1e-9) << "column " << i;
        EXPECT_NEAR(batch.value(i), single.value(), 1e-9 * std::max(1.0, std::abs(single.value())));
      }
      EXPECT_EQ(batch.running(), 0);
    }
  }
}

}  // namespace
}  // namespace mulab

#include "trajectory/basin_job.hpp"

namespace mulab {
namespace {

TEST(BasinMap, EveryCellHoldsTheStepsItsStartNeeds) {
  // SGD lr 0.1 on x^2 + y^2: f_k = f_0 0.64^k, so a start needs
  // ceil(log(tol / f_0) / log(0.64)) steps (0 if it starts below tol).
  const auto surface = makeSurface("quadratic").value();
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 0.1;
  StopCriteria stop;
  stop.f_tol = 1e-6;
  stop.max_steps = 1000;
  BasinMap map(8, 6, Window{-2, 2, -1.5, 1.5});
  std::atomic<bool> cancel{false};
  std::atomic<int> rows{0};
  computeBasinRows(*surface, c, stop, map, 0, 6, cancel, rows);
  EXPECT_EQ(rows.load(), 6);
  for (int j = 0; j < 6; ++j) {
    EXPECT_TRUE(map.row_ready[j].load());
    for (int i = 0; i < 8; ++i) {
      const double x = -2 + (i + 0.5) * 0.5, y = -1.5 + (j + 0.5) * 0.5;
      const double f0 = x * x + y * y;
      const long expected = std::max(0L, long(std::ceil(std::log(1e-6 / f0) / std::log(0.64))));
      EXPECT_EQ(map.steps[j * 8 + i], expected) << "cell " << i << "," << j;
    }
  }
}

TEST(BasinMap, DivergenceAndBudgetAreMarkedAndCancelStopsEarly) {
  const auto surface = makeSurface("quadratic").value();
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 1.5;  // |1 - 2 lr| = 2: every start diverges
  StopCriteria stop;
  BasinMap map(4, 4, surface->info().window);
  std::atomic<bool> cancel{false};
  std::atomic<int> rows{0};
  computeBasinRows(*surface, c, stop, map, 0, 4, cancel, rows);
  for (long v : map.steps) EXPECT_EQ(v, BasinMap::kDiverged);
  c.lr = 1e-6;  // far too slow for the budget
  stop.max_steps = 10;
  BasinMap slow(4, 4, surface->info().window);
  computeBasinRows(*surface, c, stop, slow, 0, 4, cancel, rows);
  for (long v : slow.steps) EXPECT_EQ(v, BasinMap::kNotReached);
  cancel = true;
  BasinMap cancelled(4, 4, surface->info().window);
  computeBasinRows(*surface, c, stop, cancelled, 0, 4, cancel, rows);
  for (long v : cancelled.steps) EXPECT_EQ(v, BasinMap::kPending);
  EXPECT_FALSE(cancelled.row_ready[0].load());
}

TEST(BasinMap, TwoThreadsFillTheSameMapAsOneAndCountTheSteps) {
  // SGD lr 0.1 on the bowl: the steps of every cell are known (see above).
  const auto surface = makeSurface("quadratic").value();
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 0.1;
  StopCriteria stop;
  stop.f_tol = 1e-6;
  stop.max_steps = 1000;
  const BasinJob job1(surface, c, stop, surface->info().window, 16, 12, 1);
  const BasinJob job2(surface, c, stop, surface->info().window, 16, 12, 2);
  job1.wait();
  job2.wait();
  const BasinMap &one = job1.map(), &two = job2.map();
  EXPECT_TRUE(job1.done());
  EXPECT_TRUE(job2.done());
  EXPECT_EQ(job1.progress(), 1.0f);
  EXPECT_EQ(job2.progress(), 1.0f);
  EXPECT_EQ(one.steps, two.steps);
  long expected_total = 0;
  for (int j = 0; j < 12; ++j) {
    for (int i = 0; i < 16; ++i) {
      const double x = -2 + (i + 0.5) * 0.25, y = -2 + (j + 0.5) * 4.0 / 12;
      const long expected =
          std::max(0L, long(std::ceil(std::log(1e-6 / (x * x + y * y)) / std::log(0.64))));
      EXPECT_EQ(one.steps[j * 16 + i], expected);
      expected_total += expected;
    }
  }
  EXPECT_EQ(job1.optimizerSteps(), expected_total);
  EXPECT_EQ(job2.optimizerSteps(), expected_total);
  const BasinSummary s = summarize(one);
  EXPECT_EQ(s.converged, 16 * 12);
  EXPECT_EQ(s.diverged + s.not_reached + s.pending, 0);
  std::vector<long> sorted = one.steps;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(s.median_steps, sorted[sorted.size() / 2]);
  EXPECT_EQ(s.max_steps, sorted.back());
}

TEST(BasinMap, ShadeFallsWithLogStepsFromOneToFivePercent) {
  EXPECT_FLOAT_EQ(basinShade(0, 5000), 1.0f);
  EXPECT_FLOAT_EQ(basinShade(5000, 5000), 0.05f);
  EXPECT_FLOAT_EQ(basinShade(9999, 5000), 0.05f);  // clamped
  // log(1 + 70) / log(1 + 5000) = 0.50047...: half way in log steps.
  EXPECT_NEAR(basinShade(70, 5000), 1 - 0.95 * std::log(71.0) / std::log(5001.0), 1e-6);
  EXPECT_GT(basinShade(10, 5000), basinShade(11, 5000));
  EXPECT_FLOAT_EQ(basinShade(3, 0), 0.05f);  // a budget of 0 is treated as 1
}

TEST(TrajectoryBatch, DroppingFinishedRunsKeepsEveryRunsResult) {
  // Columns converge at very different steps (SGD on the bowl from radii
  // 0.01 .. 2), so the batch compacts many times; each column must still end
  // exactly where a lone Trajectory ends.
  const auto surface = makeSurface("quadratic").value();
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 0.01;
  StopCriteria stop;
  stop.f_tol = 1e-8;
  stop.max_steps = 3000;
  Eigen::Array2Xd starts(2, 200);
  for (int i = 0; i < 200; ++i) {
    const double r = 0.01 * (i + 1), a = 0.1 * i;
    starts.col(i) = Vec2(r * std::cos(a), r * std::sin(a));
  }
  TrajectoryBatch batch(surface, c, starts, stop);
  long steps_seen = 0;
  while (batch.step()) {
    ++steps_seen;
    // Mid-run reads see the run where it is now.
    if (steps_seen == 300) {
      Trajectory t(surface, c, starts.col(199), stop, false);
      for (int k = 0; k < 300; ++k) t.step();
      EXPECT_EQ(batch.position(199).x(), t.position().x());
      EXPECT_EQ(batch.value(199), t.value());
    }
  }
  for (int i = 0; i < 200; ++i) {
    Trajectory t(surface, c, starts.col(i), stop, false);
    t.run();
    EXPECT_EQ(batch.status(i), t.status()) << i;
    EXPECT_EQ(batch.stopStep(i), t.stopStep()) << i;
    EXPECT_EQ(batch.position(i).x(), t.position().x()) << i;
    EXPECT_EQ(batch.position(i).y(), t.position().y()) << i;
  }
}

}  // namespace
}  // namespace mulab
