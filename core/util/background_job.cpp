#include "util/background_job.hpp"

#include <chrono>
#include <new>
#include <system_error>

#if defined(__EMSCRIPTEN__)
#include <emscripten/threading.h>
#endif

#include "util/choice.hpp"
#include "util/compute_threads.hpp"
#include "util/parallel_for.hpp"

namespace mulab {

namespace {
// The browser forbids its main thread to block on a join or a condition (the
// page freezes and emscripten reports "Blocking on the main thread is very
// dangerous"); a sleep there spins, which it allows.
bool mayNotBlock() {
#if defined(__EMSCRIPTEN__)
  return emscripten_is_main_browser_thread();
#else
  return false;
#endif
}

void spinUntil(const std::function<bool()>& done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
}  // namespace

std::string_view toString(JobState s) {
  static const Choices<JobState> names{"state", {"waiting", "running", "done", "cancelled", "failed"}};
  return names.name(s);
}

JobContext::JobContext(BackgroundJob& job, std::stop_token stop)
    : job_(job), cancel_(job.cancel_), stop_(std::move(stop)), threads_(job.threads_) {}

void JobContext::setTotal(long total) {
  job_.total_.store(total);
}

void JobContext::addDone(long n) {
  job_.done_.fetch_add(n);
}

void JobContext::parallelFor(long n, const std::function<void(long)>& fn) const {
  mulab::parallelFor(n, threads_, fn, [this] { return cancelled(); });
}

BackgroundJob::BackgroundJob(std::string what)
    : what_(std::move(what)), threads_(availableCores()) {}

BackgroundJob::~BackgroundJob() {
  cancel();
}

void BackgroundJob::setThreads(int n) {
  threads_ = n >= 1 ? n : availableCores();
}

void BackgroundJob::start(Body body, std::function<void()> on_end) {
  JobState waiting = JobState::kWaiting;
  if (!state_.compare_exchange_strong(waiting, JobState::kRunning)) return;
  if constexpr (!kHasThreads) {
    run(body, on_end);
    return;
  }
  try {
    thread_ = std::jthread([this, body = std::move(body), on_end = std::move(on_end)] {
      while (!launched_.load()) std::this_thread::yield();
      run(body, on_end);
    });
  } catch (const std::system_error& e) {
    finish(JobState::kFailed, std::string("cannot start a thread: ") + e.what());
    exited_.store(true);
    return;
  }
  // The browser's main thread may never join (emscripten's join, and its
  // detach of a thread that has already ended, block): it lets the thread go
  // while the thread waits at the gate above, and cancel() spins on exited_.
  if (mayNotBlock()) thread_.detach();
  launched_.store(true);
}

void BackgroundJob::run(const Body& body, const std::function<void()>& on_end) {
  JobState end = JobState::kDone;
  std::string error;
  try {
    JobContext context(*this, stop_.get_token());
    body(context);
    if (cancel_.load()) end = JobState::kCancelled;
  } catch (const std::bad_alloc&) {
    end = JobState::kFailed;
    error = "out of memory while " + what_;
  } catch (const std::exception& e) {
    end = JobState::kFailed;
    error = std::string("internal error: ") + e.what();
  } catch (...) {
    end = JobState::kFailed;
    error = "internal error: an unknown exception";
  }
  finish(end, std::move(error));
  if (on_end) on_end();
  exited_.store(true);  // the thread's last touch of *this
}

void BackgroundJob::finish(JobState state, std::string error) {
  {
    std::lock_guard lock(mutex_);
    error_ = std::move(error);
    state_.store(state);
  }
  ended_.notify_all();
}

void BackgroundJob::requestCancel() {
  cancel_.store(true);
  stop_.request_stop();
}

void BackgroundJob::cancel() {
  requestCancel();
  if (mayNotBlock()) {
    if (launched_.load()) spinUntil([&] { return exited_.load(); });  // its last touch of *this
    return;
  }
  std::lock_guard lock(join_mutex_);
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void BackgroundJob::wait() const {
  if (mayNotBlock()) return spinUntil([&] { return state_.load() != JobState::kRunning; });
  std::unique_lock lock(mutex_);
  ended_.wait(lock, [&] { return state_.load() != JobState::kRunning; });
}

JobState BackgroundJob::state() const {
  return state_.load();
}

bool BackgroundJob::finished() const {
  const JobState s = state();
  return s == JobState::kDone || s == JobState::kCancelled || s == JobState::kFailed;
}

std::string BackgroundJob::error() const {
  if (state() != JobState::kFailed) return {};  // no lock taken while the job runs
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace mulab
