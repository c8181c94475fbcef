// Sensitivity curves and the tuned race against what SGD on the bowl
// x^2 + y^2 does analytically: each step multiplies f by (1 - 2 eta)^2, so a
// start with f0 needs the smallest k with f0 (1 - 2 eta)^(2k) < tol.
#include "trajectory/tuned_race.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "surfaces/formula_surface.hpp"

namespace mulab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

long bowlSteps(double f0, double eta, double tol) {
  const double shrink = (1 - 2 * eta) * (1 - 2 * eta);
  long k = 0;
  for (double f = f0; f >= tol; f *= shrink) ++k;
  return k;
}

TEST(SeededStarts, SameSeedSamePointsInTheInnerPartOfTheWindow) {
  const Window w{-2, 6, 10, 11};
  const auto a = seededStarts(w, 16, 1), b = seededStarts(w, 16, 1), c = seededStarts(w, 16, 2);
  ASSERT_EQ(a.size(), 16u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].x(), b[i].x());
    EXPECT_EQ(a[i].y(), b[i].y());
    EXPECT_GE(a[i].x(), -2 + 0.8);
    EXPECT_LE(a[i].x(), 6 - 0.8);
    EXPECT_GE(a[i].y(), 10.1);
    EXPECT_LE(a[i].y(), 10.9);
  }
  EXPECT_NE(a[0].x(), c[0].x());
  // SplitMix64's first output for seed 1 is 0x910a2dec89025cc1 (Vigna's
  // splitmix64.c), so the first x is -2 + 8 (0.1 + 0.8 u) with u = that >> 11 / 2^53.
  const double u = double(0x910a2dec89025cc1ULL >> 11) * 0x1.0p-53;
  EXPECT_DOUBLE_EQ(a[0].x(), -2 + 8 * (0.1 + 0.8 * u));
}

TEST(LogGrid, ThreePerDecadeEndsExactly) {
  const auto g = logGrid(1e-4, 1, 3);
  ASSERT_EQ(g.size(), 13u);
  EXPECT_EQ(g.front(), 1e-4);
  EXPECT_EQ(g.back(), 1.0);
  EXPECT_NEAR(g[1], 1e-4 * std::cbrt(10.0), 1e-18);
  const auto out = logGrid(1e-3, 0.5, 3);
  ASSERT_EQ(out.size(), 9u);
  EXPECT_NEAR(out.back(), std::pow(10.0, -1.0 / 3), 1e-15);
}

TEST(Quartiles, InterpolateAndTreatInfinityAsLargest) {
  const Quartiles q = quartiles({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(q.q25, 1.75);
  EXPECT_DOUBLE_EQ(q.median, 2.5);
  EXPECT_DOUBLE_EQ(q.q75, 3.25);
  const Quartiles inf = quartiles({kInf, 1, 2});
  EXPECT_DOUBLE_EQ(inf.q25, 1.5);
  EXPECT_DOUBLE_EQ(inf.median, 2);
  EXPECT_EQ(inf.q75, kInf);
  EXPECT_EQ(median({5, kInf}), kInf);
  EXPECT_TRUE(std::isnan(median({})));
}

TEST(Sensitivity, SgdOnTheBowlFromThreeStartsMatchesTheAnalyticSteps) {
  const auto bowl = makeSurface("quadratic").value();
  const std::vector<Vec2> starts = {Vec2(1, 0), Vec2(1, 1), Vec2(1.5, 1.5)};  // f0 = 1, 2, 4.5
  OptimizerConfig base;
  base.base = BaseOptimizer::kSgd;
  StopCriteria stop;
  stop.f_tol = 1e-4;
  stop.max_steps = 1000;
  std::atomic<bool> cancel{false};
  std::atomic<int> done{0};
  const std::vector<double> etas = {0.01, 0.25, 0.45, 1.5};
  const SensitivityCurve curve =
      sensitivity(bowl, base, UpdateRule::kAdditive, etas, starts, stop, cancel, &done);
  EXPECT_TRUE(curve.complete);
  EXPECT_EQ(done.load(), 4);
  ASSERT_EQ(curve.points.size(), 4u);
  for (int k = 0; k < 3; ++k) {
    const double eta = etas[k];
    const SensitivityPoint& p = curve.points[k];
    EXPECT_EQ(p.step_size, eta);
    const double s1 = bowlSteps(1, eta, 1e-4), s2 = bowlSteps(2, eta, 1e-4),
                 s3 = bowlSteps(4.5, eta, 1e-4);
    EXPECT_DOUBLE_EQ(p.steps.median, s2) << eta;
    EXPECT_DOUBLE_EQ(p.steps.q25, 0.5 * (s1 + s2)) << eta;
    EXPECT_DOUBLE_EQ(p.steps.q75, 0.5 * (s2 + s3)) << eta;
    EXPECT_EQ(p.converged, 1.0);
    EXPECT_EQ(p.diverged, 0.0);
    EXPECT_LT(p.final_gap.q75, 1e-4);
  }
  // eta = 0.25: f halves twice per step; 8 steps from f0 = 2, 7 from f0 = 1.
  EXPECT_DOUBLE_EQ(curve.points[1].steps.median, 8);
  EXPECT_DOUBLE_EQ(curve.points[1].steps.q25, 7.5);
  // eta = 1.5: |1 - 2 eta| = 2, every start leaves the bound box.
  EXPECT_EQ(curve.points[3].diverged, 1.0);
  EXPECT_EQ(curve.points[3].steps.median, kInf);
  EXPECT_EQ(curve.points[3].final_gap.median, kInf);
}

TEST(Sensitivity, HybridSetsBothStepSizesAndCancelStopsWithinMilliseconds) {
  const OptimizerConfig c = withStepSize(OptimizerConfig{}, UpdateRule::kHybrid, 0.3);
  EXPECT_EQ(c.lr, 0.3);
  EXPECT_EQ(c.lr_out, 0.3);
  EXPECT_EQ(withStepSize(OptimizerConfig{}, UpdateRule::kMultiplicative, 0.2).lr, 0.01);
  EXPECT_EQ(withStepSize(OptimizerConfig{}, UpdateRule::kAdditive, 0.2).lr_out, 0.01);

  // A slow formula surface and a budget of millions of steps: only cancel ends it.
  const auto surface = makeFormulaSurface("sin(x)^2 + cos(y)^2 + 0.001*x", {-3, 3, -3, 3}).value();
  StopCriteria stop;
  stop.max_steps = 10000000;
  stop.f_tol = 0;
  std::atomic<bool> cancel{false};
  std::atomic<int> done{0};
  SensitivityCurve curve;
  std::thread worker([&] {
    curve = sensitivity(surface, OptimizerConfig{}, UpdateRule::kHybrid, {1e-4, 1e-3},
                        seededStarts(surface->info().window, 16, 3), stop, cancel, &done);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto t0 = std::chrono::steady_clock::now();
  cancel = true;
  worker.join();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_FALSE(curve.complete);
  EXPECT_TRUE(curve.points.empty());
  EXPECT_EQ(done.load(), 0);
  EXPECT_LT(ms, 50.0);
}

TEST(Sensitivity, SeveralAtOnceOnOneFormulaSurfaceGiveTheSequentialCurves) {
  const auto surface =
      withMinima(makeFormulaSurface("(x - 1)^2 + 3*(y + 0.5)^2", {-2, 2, -2, 2}).value(),
                 {Minimum{Vec2(1, -0.5), 0.0, true}});
  const auto starts = seededStarts(surface->info().window, 6, 11);
  StopCriteria stop;
  stop.f_tol = 1e-6;
  stop.max_steps = 400;
  const std::vector<double> steps = {0.01, 0.05, 0.2};
  std::atomic<bool> cancel{false};
  const UpdateRule rules[] = {UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                              UpdateRule::kHybrid};
  SensitivityCurve sequential[3], parallel[3];
  for (int r = 0; r < 3; ++r) {
    sequential[r] =
        sensitivity(surface, OptimizerConfig{}, rules[r], steps, starts, stop, cancel, nullptr);
  }
  std::vector<std::thread> threads;
  for (int r = 0; r < 3; ++r) {
    threads.emplace_back([&, r] {
      parallel[r] =
          sensitivity(surface, OptimizerConfig{}, rules[r], steps, starts, stop, cancel, nullptr);
    });
  }
  for (auto& t : threads) t.join();
  for (int r = 0; r < 3; ++r) {
    ASSERT_EQ(parallel[r].points.size(), 3u);
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(parallel[r].points[k].steps.median, sequential[r].points[k].steps.median);
      EXPECT_EQ(parallel[r].points[k].final_gap.q75, sequential[r].points[k].final_gap.q75);
    }
  }
  // Adam + additive at eta = 0.2 brings every start to f < 1e-6 within 400 steps.
  EXPECT_EQ(sequential[0].points[2].converged, 1.0);
}

TEST(TunedRace, PicksTheAnalyticBestStepSizeAndCountsRobustness) {
  TunedRaceConfig cfg;
  cfg.surfaces = {"quadratic"};
  cfg.bases = {BaseOptimizer::kSgd};
  cfg.rules = {UpdateRule::kAdditive};
  cfg.starts = 5;
  cfg.seed = 7;
  cfg.steps = 500;
  cfg.tol = 1e-4;
  cfg.early_step = 3;
  cfg.grids.eta = {0.05, 0.25, 0.45, 1.2};
  EXPECT_EQ(tunedRaceTasks(cfg), 4);
  std::atomic<int> done{0};
  const auto entries = runTunedRace(cfg, &done);
  EXPECT_EQ(done.load(), 4);
  ASSERT_EQ(entries.size(), 1u);
  const TunedEntry& e = entries[0];
  EXPECT_EQ(e.settings, 4);
  // |1 - 2 eta| is smallest (0.1) at eta = 0.45.
  EXPECT_EQ(e.best.lr, 0.45);
  std::vector<double> steps, early;
  for (const Vec2& s : seededStarts({-2, 2, -2, 2}, 5, 7)) {
    const double f0 = s.matrix().squaredNorm();
    const long k = bowlSteps(f0, 0.45, 1e-4);
    steps.push_back(double(k));
    // f at step 3 (each step multiplies it by (1 - 2 eta)^2 = 0.01), or
    // where the run stopped if it converged before.
    early.push_back(f0 * std::pow(0.01, double(std::min(3L, k))));
  }
  EXPECT_DOUBLE_EQ(e.best.median_steps, median(steps));
  EXPECT_NEAR(e.best.median_early_gap, median(early), 1e-12 * median(early));
  EXPECT_EQ(e.best.converged, 1.0);
  // eta = 1.2 (|1 - 2 eta| = 1.4) diverges from every start; the other three converge.
  EXPECT_DOUBLE_EQ(e.converged, 0.75);
  EXPECT_DOUBLE_EQ(e.diverged, 0.25);
}

TEST(TunedRace, SameResultOnOneAndTwoThreadsAndATally) {
  TunedRaceConfig cfg;
  cfg.surfaces = {"booth", "two-wells"};
  cfg.bases = {BaseOptimizer::kAdam};
  cfg.starts = 4;
  cfg.steps = 300;
  cfg.grids.eta = {1e-2, 1e-1};
  cfg.grids.eta_out = {1e-2, 1e-1};
  cfg.threads = 1;
  const auto one = runTunedRace(cfg);
  cfg.threads = 2;
  const auto two = runTunedRace(cfg);
  ASSERT_EQ(one.size(), 6u);
  ASSERT_EQ(two.size(), 6u);
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].best.lr, two[i].best.lr);
    EXPECT_EQ(one[i].best.lr_out, two[i].best.lr_out);
    EXPECT_EQ(one[i].best.median_steps, two[i].best.median_steps);
    EXPECT_EQ(one[i].converged, two[i].converged);
  }
  EXPECT_EQ(one[2].settings, 4);  // hybrid: 2 x 2
  cfg.hybrid_diagonal = true;
  cfg.rules = {UpdateRule::kHybrid};
  const auto diagonal = runTunedRace(cfg);
  ASSERT_EQ(diagonal.size(), 2u);
  EXPECT_EQ(diagonal[0].settings, 2);  // eta = eta_out over the eta_out grid
  EXPECT_EQ(diagonal[0].best.lr, diagonal[0].best.lr_out);
  const auto tally = tallyTunedRace(one);
  ASSERT_EQ(tally.size(), 3u);
  int fastest = 0;
  for (const TunedTally& t : tally) {
    EXPECT_EQ(t.groups, 2);
    fastest += t.fastest;
  }
  EXPECT_GE(fastest, 1);
}

TEST(TunedRace, TallyCreditsTiesAndTheMostRobustRule) {
  auto entry = [](UpdateRule r, double steps, double early, double any, double conv) {
    TunedEntry e{"s", BaseOptimizer::kSgd, r, {}, any, 1, conv, 0};
    e.best.median_steps = steps;
    e.best.median_early_gap = early;
    return e;
  };
  const auto tally = tallyTunedRace({entry(UpdateRule::kAdditive, 10, 0.5, 0.1, 0.4),
                                     entry(UpdateRule::kMultiplicative, 10, 0.2, 0.2, 0.9),
                                     entry(UpdateRule::kHybrid, kInf, 0.3, 0.1, 0.5)});
  ASSERT_EQ(tally.size(), 3u);
  EXPECT_EQ(tally[0].fastest, 1);  // additive ties multiplicative at 10 steps
  EXPECT_EQ(tally[1].fastest, 1);
  EXPECT_EQ(tally[2].fastest, 0);
  EXPECT_EQ(tally[1].best_early, 1);
  EXPECT_EQ(tally[0].best_early_any + tally[2].best_early_any, 2);
  EXPECT_EQ(tally[1].most_robust, 1);
  EXPECT_DOUBLE_EQ(tally[1].converged, 0.9);
}

}  // namespace
}  // namespace mulab
