// BackgroundJob (util/background_job.hpp): progress as the body reports it,
// a cancel that stops and joins within 100 ms, exceptions as a failed state
// with a message, and the thread count it was given.
#include "util/background_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#include "util/compute_threads.hpp"

namespace mulab {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

TEST(BackgroundJob, ReportsProgressAndEndsDone) {
  BackgroundJob job;
  EXPECT_EQ(job.state(), JobState::kWaiting);
  job.wait();  // never started: returns at once
  std::vector<int> seen(1000, 0);
  job.start([&](JobContext& ctx) {
    ctx.setTotal(1000);
    ctx.parallelFor(1000, [&](long i) {
      seen[size_t(i)] += 1;
      ctx.addDone(1);
    });
  });
  job.wait();
  EXPECT_EQ(job.state(), JobState::kDone);
  EXPECT_TRUE(job.finished());
  EXPECT_EQ(job.progress().done, 1000);
  EXPECT_EQ(job.progress().total, 1000);
  EXPECT_DOUBLE_EQ(job.progress().fraction(), 1.0);
  EXPECT_EQ(job.error(), "");
  for (int v : seen) ASSERT_EQ(v, 1);  // every item exactly once
  job.start([](JobContext&) { FAIL() << "a job runs once"; });
  job.wait();
  EXPECT_EQ(job.state(), JobState::kDone);
}

TEST(BackgroundJob, CancelStopsAndJoinsWithin100ms) {
  BackgroundJob job;
  job.setThreads(2);
  job.start([](JobContext& ctx) {
    ctx.setTotal(100000);
    // 100 s of 1 ms items if nothing stopped them.
    ctx.parallelFor(100000, [&](long) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ctx.addDone(1);
    });
  });
  while (job.progress().done < 10) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto t0 = Clock::now();
  job.cancel();
  const double ms = msSince(t0);
  EXPECT_LT(ms, 100.0);
  EXPECT_EQ(job.state(), JobState::kCancelled);
  EXPECT_TRUE(job.cancelRequested());
  const JobProgress p = job.progress();
  EXPECT_GE(p.done, 10);
  EXPECT_LT(p.done, 100000);
  EXPECT_LT(p.fraction(), 1.0);
}

TEST(BackgroundJob, CancelWakesABodyWaitingOnItsStopToken) {
  std::mutex m;
  std::condition_variable_any cv;
  BackgroundJob job;
  job.start([&](JobContext& ctx) {
    std::unique_lock lock(m);
    cv.wait(lock, ctx.stopToken(), [] { return false; });  // only a stop ends it
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(job.state(), JobState::kRunning);
  const auto t0 = Clock::now();
  job.cancel();
  EXPECT_LT(msSince(t0), 100.0);
  EXPECT_EQ(job.state(), JobState::kCancelled);
}

TEST(BackgroundJob, DestructorCancelsAndJoins) {
  std::atomic<bool> body_ended{false};
  const auto t0 = Clock::now();
  {
    BackgroundJob job;
    job.start([&](JobContext& ctx) {
      while (!ctx.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      body_ended = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(body_ended.load());
  EXPECT_LT(msSince(t0), 10.0 + 100.0);
}

TEST(BackgroundJob, ExceptionsBecomeAFailedStateWithTheirMessage) {
  BackgroundJob thrown("testing");
  thrown.start([](JobContext&) { throw std::runtime_error("the body broke"); });
  thrown.wait();
  EXPECT_EQ(thrown.state(), JobState::kFailed);
  EXPECT_EQ(thrown.error(), "internal error: the body broke");

  BackgroundJob memory("evaluating the landscape");
  memory.start([](JobContext&) { throw std::bad_alloc(); });
  memory.wait();
  EXPECT_EQ(memory.state(), JobState::kFailed);
  EXPECT_EQ(memory.error(), "out of memory while evaluating the landscape");

  // Thrown on a helper thread of parallelFor: the others stop, the job fails.
  BackgroundJob helper;
  helper.setThreads(3);
  std::atomic<long> ran{0};
  helper.start([&](JobContext& ctx) {
    ctx.parallelFor(1000000, [&](long i) {
      ++ran;
      if (i == 5) throw std::length_error("item 5");
    });
  });
  helper.wait();
  EXPECT_EQ(helper.state(), JobState::kFailed);
  EXPECT_EQ(helper.error(), "internal error: item 5");
  EXPECT_LT(ran.load(), 1000000);

  BackgroundJob other;
  other.start([](JobContext&) { throw 42; });
  other.wait();
  EXPECT_EQ(other.state(), JobState::kFailed);
  EXPECT_EQ(other.error(), "internal error: an unknown exception");
}

TEST(BackgroundJob, RunsOnTheThreadsItWasGiven) {
  BackgroundJob machine;
  EXPECT_EQ(machine.threads(), availableCores());
  machine.setThreads(0);
  EXPECT_EQ(machine.threads(), availableCores());

  for (int threads : {1, 3}) {
    BackgroundJob job;
    job.setThreads(threads);
    EXPECT_EQ(job.threads(), threads);
    std::mutex m;
    std::condition_variable cv;
    int in_flight = 0, most = 0, seen_threads = 0;
    bool met = false;
    std::thread::id body_thread;
    job.start([&](JobContext& ctx) {
      EXPECT_EQ(ctx.threads(), threads);
      body_thread = std::this_thread::get_id();
      ctx.parallelFor(60, [&](long) {
        std::unique_lock lock(m);
        most = std::max(most, ++in_flight);
        // The first items wait (at most 2 s) until `threads` run at once.
        if (!met && in_flight == threads) met = true;
        cv.notify_all();
        cv.wait_for(lock, std::chrono::seconds(2), [&] { return met; });
        --in_flight;
      });
      seen_threads = most;
    });
    job.wait();
    EXPECT_EQ(job.state(), JobState::kDone);
    EXPECT_NE(body_thread, std::this_thread::get_id());  // the body ran on the job's thread
    EXPECT_TRUE(met);
    EXPECT_EQ(seen_threads, threads) << "never more than the job's threads at once";
  }
}

}  // namespace
}  // namespace mulab
