#include "util/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "util/compute_threads.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace mulab {
namespace {

// Sets this thread's OpenMP team size (a per-thread setting: other threads,
// e.g. a training run's, keep theirs) and restores it on exit.
class SingleThreadedEigen {
 public:
#ifdef _OPENMP
  SingleThreadedEigen() : saved_(omp_get_max_threads()) {
    omp_set_num_threads(1);
  }
  ~SingleThreadedEigen() {
    omp_set_num_threads(saved_);
  }

 private:
  int saved_;
#endif
};

}  // namespace

void parallelFor(long n, int threads, const std::function<void(long)>& fn,
                 const std::function<bool()>& stop) {
  std::atomic<long> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    SingleThreadedEigen single;
    try {
      for (long i; (i = next.fetch_add(1)) < n;) {
        if (stop && stop()) break;
        fn(i);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      next = n;  // the others stop too
    }
  };
  const int helpers = kHasThreads ? int(std::min<long>(std::max(1, threads), n)) - 1 : 0;
  std::vector<std::jthread> pool;
  for (int t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (error) std::rethrow_exception(error);
}

}  // namespace mulab
