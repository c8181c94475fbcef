#include "util/background_job.hpp"

#include <new>
#include <system_error>

#include "util/choice.hpp"
#include "util/compute_threads.hpp"
#include "util/parallel_for.hpp"

namespace mulab {

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
  {
    std::lock_guard lock(mutex_);
    if (state_ != JobState::kWaiting) return;
    state_ = JobState::kRunning;
  }
  if constexpr (!kHasThreads) {
    run(body, on_end);
    return;
  }
  try {
    thread_ = std::jthread(
        [this, body = std::move(body), on_end = std::move(on_end)] { run(body, on_end); });
  } catch (const std::system_error& e) {
    finish(JobState::kFailed, std::string("cannot start a thread: ") + e.what());
  }
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
}

void BackgroundJob::finish(JobState state, std::string error) {
  {
    std::lock_guard lock(mutex_);
    state_ = state;
    error_ = std::move(error);
  }
  ended_.notify_all();
}

void BackgroundJob::requestCancel() {
  cancel_.store(true);
  stop_.request_stop();
}

void BackgroundJob::cancel() {
  requestCancel();
  std::lock_guard lock(join_mutex_);
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void BackgroundJob::wait() const {
  std::unique_lock lock(mutex_);
  ended_.wait(lock, [&] { return state_ != JobState::kRunning; });
}

JobState BackgroundJob::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool BackgroundJob::finished() const {
  const JobState s = state();
  return s == JobState::kDone || s == JobState::kCancelled || s == JobState::kFailed;
}

std::string BackgroundJob::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace mulab
