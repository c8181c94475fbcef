#include "util/compute_threads.hpp"

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "util/file_read.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace mulab {

int availableCores() {
  if constexpr (!kHasThreads) return 1;
  int cores = 0;
#if !defined(__EMSCRIPTEN__)  // the browser has no affinity mask (nor the call): its cores it is
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) cores = CPU_COUNT(&set);
#endif
  if (cores <= 0) cores = static_cast<int>(std::thread::hardware_concurrency());
  // cgroup v2: "max 100000" (no quota) or "QUOTA PERIOD" in microseconds.
  if (auto text = readTextFile("/sys/fs/cgroup/cpu.max", 64, "cgroup CPU quota")) {
    long long quota = 0, period = 0;
    if (std::sscanf(text->c_str(), "%lld %lld", &quota, &period) == 2 && quota > 0 && period > 0) {
      cores = std::min(cores, static_cast<int>(std::ceil(double(quota) / double(period))));
    }
  }
  return std::max(1, cores);
}

void setComputeThreads(int n) {
#if defined(_OPENMP)
  omp_set_num_threads(std::max(1, n));
#else
  (void)n;
#endif
}

int computeThreads() {
#if defined(_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

}  // namespace mulab
