// Basin map wall time (the target: a 256 x 256 map of 5000-step Adam +
// hybrid runs on two-wells in under 2 s on the project's 2-core machine).
// The map is computed by a BasinJob (core/trajectory/basin_job.hpp), as
// `mulab-cli basin` and the explorer compute it, with the GUI's stop rule
// (f - f* < 1e-6, no gradient tolerance).
// Times the map on 2 threads and on 1, alternating, and prints each run, the
// medians, the 1-thread / 2-thread ratio, and the CPU seconds (user + system,
// all threads), which a busy machine inflates less than wall time.
//
//   ./build/bench/bench_basin [--reps 5] [--resolution 256] [--steps 5000]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "trajectory/basin_job.hpp"

namespace {

using namespace mulab;

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

struct Timing {
  double wall, cpu;
  long steps;
};

Timing timeMap(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
               const StopCriteria& stop, int resolution, int threads) {
  const double cpu0 = cpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  const BasinJob job(surface, config, stop, surface->info().window, resolution, resolution,
                     threads);
  job.wait();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {wall, cpuSeconds() - cpu0, job.optimizerSteps()};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5, resolution = 256;
  long max_steps = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--resolution")) resolution = std::max(2, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--steps")) max_steps = std::max(1L, std::atol(argv[i + 1]));
  }
  const auto surface = makeSurface("two-wells").value();
  OptimizerConfig config;  // Adam, lr = lr_out = 0.01, gamma = 0.5
  config.rule = UpdateRule::kHybrid;
  StopCriteria stop;
  stop.max_steps = max_steps;
  stop.f_tol = 1e-6;

  std::printf("two-wells %dx%d, %s, %ld steps, f - f* < 1e-6; load average before: %s\n",
              resolution, resolution, describe(config).c_str(), max_steps, loadAverage().c_str());
  std::vector<double> wall2, wall1, cpu2, cpu1;
  long steps = 0;
  for (int r = 0; r < reps; ++r) {
    const Timing two = timeMap(surface, config, stop, resolution, 2);
    const Timing one = timeMap(surface, config, stop, resolution, 1);
    steps = two.steps;
    wall2.push_back(two.wall);
    cpu2.push_back(two.cpu);
    wall1.push_back(one.wall);
    cpu1.push_back(one.cpu);
    std::printf("rep %d: 2 threads %.3f s wall (%.3f s CPU), 1 thread %.3f s wall (%.3f s CPU)\n",
                r + 1, two.wall, two.cpu, one.wall, one.cpu);
  }
  const double w2 = median(wall2), w1 = median(wall1);
  std::printf("optimizer steps per map: %.4g (each run's stop step)\n", double(steps));
  std::printf("median 2 threads: %.3f s wall, %.3f s CPU, %.3g steps/s\n", w2, median(cpu2),
              steps / w2);
  std::printf("median 1 thread:  %.3f s wall, %.3f s CPU, %.3g steps/s\n", w1, median(cpu1),
              steps / w1);
  std::printf("1-thread / 2-thread wall ratio: %.2fx; target 2 s: %s\n", w1 / w2,
              w2 < 2.0 ? "met" : "missed");
  std::printf("load average after: %s\n", loadAverage().c_str());
  return 0;
}
