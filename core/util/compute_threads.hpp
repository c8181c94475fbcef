// How many cores this process may use (the one answer to "how many threads":
// background jobs, util/background_job.hpp, default to it and sweeps divide
// it among their workers), and how many OpenMP threads Eigen's matrix
// products use on the calling thread. Sweeps run several trainings at
// once, each on its own thread; giving each training thread its own OpenMP
// team size (an OpenMP per-thread setting, so runs do not share it) keeps
// workers x threads per run within the cores instead of oversubscribing them.
#pragma once

namespace mulab {

// False in a browser build without worker threads (emscripten without
// -pthread, app/platform/web/flags.cmake): no thread can be started there, so
// background jobs run their body in start() and parallelFor on the caller.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
inline constexpr bool kHasThreads = false;
#else
inline constexpr bool kHasThreads = true;
#endif

// Cores this process may run on: its CPU affinity mask (taskset, mpirun's
// binding), lowered by a cgroup CPU quota (containers). At least 1; exactly
// 1 without threads.
int availableCores();

// Sets the OpenMP team size for parallel regions started by the calling
// thread (Eigen's products read it through omp_get_max_threads()). n >= 1.
// No effect without OpenMP.
void setComputeThreads(int n);

// The calling thread's OpenMP team size (1 without OpenMP).
int computeThreads();

}  // namespace mulab
