// Background work with progress and cancel: the one job type behind basin
// maps, sensitivity curves, tuned races, the landscape's preparation and its
// evaluation. A job runs a body on a thread of its own; the body gets a
// JobContext (the cancel flag, progress as done / total, the job's thread
// count and a parallelFor over those threads that stops on cancel). Whoever
// shows the job only reads its state, progress and error, as Tracy's views
// read its Worker.
//
//   BackgroundJob job("computing the basin map");
//   job.start([&](JobContext& ctx) {
//     ctx.setTotal(rows);
//     ctx.parallelFor(rows, [&](long j) { computeRow(j); ctx.addDone(1); });
//   });
//   ... job.progress().fraction(), job.state(), job.cancel()
//
// An exception thrown by the body (std::bad_alloc included) ends the job as
// kFailed with a one-line error, never an abort. cancel() sets the flag and
// joins: a body that looks at the flag every few milliseconds ends that fast
// (parallelFor looks before each item). The destructor cancels and joins.
// Without threads (a browser build without pthreads, kHasThreads in
// util/compute_threads.hpp) start() runs the body to its end itself. On a
// browser's main thread, which may not block, wait() and cancel() spin on
// short sleeps instead of waiting on a condition or a join.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

namespace mulab {

enum class JobState { kWaiting, kRunning, kDone, kCancelled, kFailed };
std::string_view toString(JobState s);

struct JobProgress {
  long done = 0, total = 0;
  double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
};

class BackgroundJob;

// What a body sees of its job. Any of the job's threads may use it.
class JobContext {
 public:
  bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }
  // For core functions that poll a flag (computeBasinRows, sensitivity(), interpolate()).
  const std::atomic<bool>& cancelFlag() const { return cancel_; }
  // Stops a std::condition_variable_any wait when the job is cancelled.
  std::stop_token stopToken() const { return stop_; }
  int threads() const { return threads_; }

  void setTotal(long total);
  void addDone(long n = 1);

  // fn(i) for i in [0, n) on the job's threads (util/parallel_for.hpp): the
  // calling thread is one of them; no item starts once the job is cancelled.
  void parallelFor(long n, const std::function<void(long)>& fn) const;

 private:
  friend class BackgroundJob;
  JobContext(BackgroundJob& job, std::stop_token stop);

  BackgroundJob& job_;
  const std::atomic<bool>& cancel_;
  std::stop_token stop_;
  int threads_;
};

class BackgroundJob {
 public:
  using Body = std::function<void(JobContext&)>;

  // `what` ends the out-of-memory error: "out of memory while <what>".
  explicit BackgroundJob(std::string what = "running a background job");
  ~BackgroundJob();  // cancels and joins
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  // Threads the body's parallelFor uses (before start); n < 1 means the
  // default, availableCores() (util/compute_threads.hpp).
  void setThreads(int n);
  int threads() const { return threads_; }

  // Runs `body` on a new thread; `on_end` (optional) runs on that thread
  // after the state is final, e.g. to wake whoever waits on the body's own
  // condition. A job starts once: a second call does nothing.
  void start(Body body, std::function<void()> on_end = {});
  // Asks the body to stop, without waiting for it.
  void requestCancel();
  // Asks the body to stop and joins its thread.
  void cancel();
  // Blocks until the body has returned (at once if it never started).
  void wait() const;

  JobState state() const;
  bool finished() const;  // kDone, kCancelled or kFailed
  bool cancelRequested() const { return cancel_.load(); }
  std::string error() const;  // why it failed ("" unless kFailed)
  JobProgress progress() const { return {done_.load(), total_.load()}; }

 private:
  friend class JobContext;
  void run(const Body& body, const std::function<void()>& on_end);
  void finish(JobState state, std::string error);

  std::string what_;
  int threads_;
  std::atomic<bool> cancel_{false};
  std::atomic<long> done_{0}, total_{0};
  std::atomic<bool> launched_{false};  // the thread may begin (see start())
  std::atomic<bool> exited_{false};    // run() has returned (the browser's cancel() spins on it)
  std::stop_source stop_;
  // The state is read every frame without a lock (a browser's main thread
  // must not wait on one); error_ is written before the final state.
  std::atomic<JobState> state_{JobState::kWaiting};
  mutable std::mutex mutex_;  // guards error_, and state_'s final store for ended_
  mutable std::condition_variable ended_;
  std::string error_;
  std::mutex join_mutex_;  // cancel() may come from two threads at once
  std::jthread thread_;    // last: it joins before the members it reads go
};

}  // namespace mulab
