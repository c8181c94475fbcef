// How many cores this process may use, and how many OpenMP threads Eigen's
// matrix products use on the calling thread. Sweeps run several trainings at
// once, each on its own thread; giving each training thread its own OpenMP
// team size (an OpenMP per-thread setting, so runs do not share it) keeps
// workers x threads per run within the cores instead of oversubscribing them.
#pragma once

namespace mulab {

// Cores this process may run on: its CPU affinity mask (taskset, mpirun's
// binding), lowered by a cgroup CPU quota (containers). At least 1.
int availableCores();

// Sets the OpenMP team size for parallel regions started by the calling
// thread (Eigen's products read it through omp_get_max_threads()). n >= 1.
// No effect without OpenMP.
void setComputeThreads(int n);

// The calling thread's OpenMP team size (1 without OpenMP).
int computeThreads();

}  // namespace mulab
