// Per-thread OpenMP team sizes (util/compute_threads.hpp): what lets a sweep
// run N trainings at once with cores / N threads each.
#include "util/compute_threads.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mulab {
namespace {

TEST(ComputeThreads, AvailableCoresIsAtLeastOneAndAtMostTheMachine) {
  const int cores = availableCores();
  EXPECT_GE(cores, 1);
  EXPECT_LE(cores, int(std::max(1u, std::thread::hardware_concurrency())));
}

TEST(ComputeThreads, EachThreadHasItsOwnTeamSize) {
  const int main_before = computeThreads();
  int in_thread = 0;
  std::thread t([&] {
    setComputeThreads(1);
    in_thread = computeThreads();
  });
  t.join();
  EXPECT_EQ(in_thread, 1);
  EXPECT_EQ(computeThreads(), main_before) << "another thread's setting leaked into this one";
  int other = 0;
  std::thread u([&] {
    setComputeThreads(3);
    other = computeThreads();
  });
  u.join();
#if defined(_OPENMP)
  EXPECT_EQ(other, 3);
#else
  EXPECT_EQ(other, 1);
#endif
}

}  // namespace
}  // namespace mulab
