// Single-precision GEMM peak of this machine as Eigen reaches it (square
// products, all OpenMP threads), the yardstick for BP training efficiency.
// Prints gemm_gflops=N (best of several sizes, median of 5 repetitions each).
//
//   ./build/bench/gemm_peak
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

int main() {
  double best = 0;
  for (int n : {512, 1024, 2048}) {
    Eigen::MatrixXf a = Eigen::MatrixXf::Random(n, n), b = Eigen::MatrixXf::Random(n, n), c(n, n);
    c.noalias() = a * b;  // warm up
    std::vector<double> rates;
    for (int rep = 0; rep < 5; ++rep) {
      const int iters = std::max(1, int(4e9 / (2.0 * n * n * n)));
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < iters; ++i) c.noalias() = a * b;
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      rates.push_back(2.0 * n * n * n * iters / s / 1e9);
    }
    std::sort(rates.begin(), rates.end());
    std::printf("gemm n=%d threads=%d median %.1f GFLOP/s\n", n, Eigen::nbThreads(), rates[2]);
    best = std::max(best, rates[2]);
  }
  std::printf("gemm_gflops=%.1f\n", best);
}
