// Runs up to `slots` trainings at once over the core run manager, each on its
// own thread with `threads_per_run` OpenMP threads for its matrix products
// (slots x threads per run should not exceed the cores: oversubscribed
// OpenMP teams spin against each other and everything slows down). Used from
// one thread: the sweep's scheduler, or an MPI worker rank's loop.
#pragma once

#include <chrono>
#include <vector>

#include "sweep/run_record.hpp"
#include "train/run.hpp"

namespace mulab {

class RunPool {
 public:
  RunPool(int slots, int threads_per_run);
  ~RunPool();  // stops and joins what still runs

  int slots() const { return slots_; }
  int threadsPerRun() const { return threads_; }
  int freeSlots() const { return slots_ - static_cast<int>(active_.size()); }
  size_t running() const { return active_.size(); }

  // Starts plan run `index` with `config` (its compute_threads set here).
  void start(size_t index, RunConfig config);

  // The runs that ended since the last call. Waits up to `wait` for the
  // first one when none has. Metrics come back as their CSV reads (6
  // significant digits), so a result is the same number whether it was
  // computed here or received from another rank.
  std::vector<RunOutcome> collect(std::chrono::milliseconds wait);

  void stopAll();

 private:
  struct Active {
    int id;
    size_t index;
    std::chrono::steady_clock::time_point start;
  };
  RunManager manager_;
  std::vector<Active> active_;
  int slots_, threads_;
};

}  // namespace mulab
