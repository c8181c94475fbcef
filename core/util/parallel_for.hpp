// Independent work items on a few threads, each running Eigen's products on
// one thread. On two shared cores this beats one multi-threaded product at a
// time: an OpenMP product ends on a barrier, and when another process has
// descheduled one of its threads every product waits for it (measured: a
// 784-32-10 landscape took 2.9 s with OMP_NUM_THREADS=2 on a loaded machine,
// 0.02 s with 1). Independent items only wait for each other at the end.
#pragma once

#include <functional>

namespace mulab {

// Calls fn(i) for every i in [0, n) on up to `threads` threads (the caller is
// one of them; only the caller without threads, util/compute_threads.hpp),
// handing out items one at a time in order; returns when all are done or
// `stop()` returned true (checked before each item). Every call of fn runs
// with Eigen single-threaded, so each item's arithmetic is the same whichever
// thread runs it. An exception in fn stops the others and is rethrown here.
// Background jobs call it through JobContext::parallelFor
// (util/background_job.hpp), with their thread count and cancel flag.
void parallelFor(long n, int threads, const std::function<void(long)>& fn,
                 const std::function<bool()>& stop = {});

}  // namespace mulab
