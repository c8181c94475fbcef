// 2D trajectory stepping throughput: optimizer steps per second per core for
// each base optimizer x rule on Rosenbrock (target: >= 20 M/s for Adam +
// hybrid). Each step is one analytic gradient + value and one GOFAU update,
// through the same Trajectory runner the CLI and GUI use (no path recording).
//
//   ./build/bench/bench_trajectory --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// The "peer" printed beside each rule is the raw optimizer alone stepping a
// fixed gradient, i.e. the ceiling the surface evaluation leaves room for.
#include <benchmark/benchmark.h>

#include "trajectory/trajectory.hpp"
#include "trajectory/trajectory_batch.hpp"

namespace {

using namespace mulab;

void BM_RosenbrockTrajectory(benchmark::State& state) {
  OptimizerConfig c;
  c.base = static_cast<BaseOptimizer>(state.range(0));
  c.rule = static_cast<UpdateRule>(state.range(1));
  c.lr = 1e-4;  // small enough that no base optimizer leaves the box in the batch below
  c.lr_out = 1e-4;
  StopCriteria stop;
  stop.max_steps = 1L << 40;
  stop.f_tol = 0;
  const auto surface = makeSurface("rosenbrock").value();
  constexpr long kBatch = 100000;
  long total = 0;
  for (auto _ : state) {
    Trajectory t(surface, c, Vec2(-1.2, 1.0), stop, false);
    for (long i = 0; i < kBatch; ++i) t.step();
    benchmark::DoNotOptimize(t.position());
    total += kBatch;
  }
  state.counters["steps_per_s"] = benchmark::Counter(double(total), benchmark::Counter::kIsRate);
  state.SetLabel(describe(c));
}

void BM_OptimizerOnly(benchmark::State& state) {
  OptimizerConfig c;
  c.base = static_cast<BaseOptimizer>(state.range(0));
  c.rule = static_cast<UpdateRule>(state.range(1));
  c.lr = 1e-6;
  c.lr_out = 1e-6;
  Optimizer2d opt(c);
  Vec2 theta(-1.2, 1.0);
  const Vec2 g(0.3, -0.2);
  long total = 0;
  for (auto _ : state) {
    for (int i = 0; i < 100000; ++i) opt.step(theta, g);
    benchmark::DoNotOptimize(theta);
    total += 100000;
  }
  state.counters["steps_per_s"] = benchmark::Counter(double(total), benchmark::Counter::kIsRate);
  state.SetLabel(describe(c));
}

// K runs stepped together as one TrajectoryBatch (the basin map's engine).
void BM_RosenbrockBatch(benchmark::State& state) {
  OptimizerConfig c;
  c.base = static_cast<BaseOptimizer>(state.range(0));
  c.rule = static_cast<UpdateRule>(state.range(1));
  c.lr = 1e-4;
  c.lr_out = 1e-4;
  StopCriteria stop;
  stop.max_steps = 1L << 40;
  stop.f_tol = 0;
  const auto surface = makeSurface("rosenbrock").value();
  constexpr int kRuns = 64;
  constexpr long kSteps = 2000;
  Eigen::Array2Xd starts(2, kRuns);
  for (int i = 0; i < kRuns; ++i) starts.col(i) = Vec2(-1.2 + 0.01 * i, 1.0 - 0.005 * i);
  long total = 0;
  for (auto _ : state) {
    TrajectoryBatch batch(surface, c, starts, stop);
    for (long i = 0; i < kSteps; ++i) batch.step();
    benchmark::DoNotOptimize(batch.position(0));
    total += kSteps * kRuns;
  }
  state.counters["steps_per_s"] = benchmark::Counter(double(total), benchmark::Counter::kIsRate);
  state.SetLabel(describe(c) + ", 64 runs");
}

void allCombos(benchmark::internal::Benchmark* b) {
  for (int base = 0; base < 6; ++base)
    for (int rule = 0; rule < 3; ++rule) b->Args({base, rule});
}

BENCHMARK(BM_RosenbrockTrajectory)->Apply(allCombos)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RosenbrockBatch)->Apply(allCombos)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OptimizerOnly)->Args({5, 2})->Args({5, 0})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
