// SensitivityJob (trajectory/sensitivity_job.hpp, what the explorer's
// sensitivity view shows): its points are core's sensitivity() curves,
// whatever the threads did, and a cancel stops and joins well within the
// 100 ms the view promises.
#include "trajectory/sensitivity_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "surfaces/formula_surface.hpp"

namespace mulab {
namespace {

TEST(SensitivityJob, PointsEqualTheSequentialCurves) {
  auto surface = makeSurface("booth").value();
  OptimizerConfig base;
  base.base = BaseOptimizer::kAdam;
  const StopCriteria stop{400, 1e-6, 0.0, 10.0};
  const auto starts = seededStarts(surface->info().window, 4, 3);
  SensitivityJob job(surface, base, stop, starts);
  while (!job.done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FLOAT_EQ(job.progress(), 1.0f);
  const std::atomic<bool> never{false};
  for (int r = 0; r < 3; ++r) {
    const UpdateRule rule = SensitivityJob::kRules[size_t(r)];
    const auto steps = SensitivityJob::stepSizes(rule);
    const SensitivityCurve want = sensitivity(surface, base, rule, steps, starts, stop, never, nullptr);
    const auto got = job.points(r);
    ASSERT_EQ(got.size(), want.points.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].step_size, want.points[i].step_size);
      EXPECT_EQ(got[i].final_gap.median, want.points[i].final_gap.median);
      EXPECT_EQ(got[i].final_gap.q25, want.points[i].final_gap.q25);
      EXPECT_EQ(got[i].steps.q75, want.points[i].steps.q75);
      EXPECT_EQ(got[i].converged, want.points[i].converged);
    }
  }
  // The grids are the tuned race's: 13 values of eta from 1e-4, 10 of eta_out from 1e-3.
  EXPECT_EQ(SensitivityJob::stepSizes(UpdateRule::kAdditive).size(), 13u);
  EXPECT_EQ(SensitivityJob::stepSizes(UpdateRule::kMultiplicative).front(), 1e-3);
}

TEST(SensitivityJob, CancelStopsAndJoinsWithin100ms) {
  // A formula surface (muparser per evaluation, the slowest kind) and a long
  // budget: minutes of work if nothing stopped it.
  auto surface = makeFormulaSurface("sin(3*x)*cos(3*y) + 0.1*(x^2 + y^2)", Window{-3, 3, -3, 3}).value();
  const StopCriteria stop{200000, 0.0, 0.0, 10.0};
  SensitivityJob job(surface, OptimizerConfig{}, stop, seededStarts(surface->info().window, 64, 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(job.done());
  const auto t0 = std::chrono::steady_clock::now();
  job.cancel();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 100.0);
  EXPECT_TRUE(job.cancelled());
  EXPECT_FALSE(job.done());
  for (int r = 0; r < 3; ++r) EXPECT_LE(job.points(r).size(), SensitivityJob::stepSizes(SensitivityJob::kRules[size_t(r)]).size());
}

}  // namespace
}  // namespace mulab
