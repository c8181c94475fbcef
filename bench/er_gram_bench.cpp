// ER's Gram accumulation against the GEMM peak measured in the same run
// (docs/performance.md). The Gram [a;1][a;1]^T of an H-wide hidden layer over
// n samples is what the output solve of multilayer ER costs: n H^2 FLOPs as a
// symmetric rank-k update (SYRK), half of the 2 n H^2 of the full product.
// Prints, for each H, the median GFLOP/s of core's blocked symmetricRankUpdate
// over chunks of 2000 samples, of Eigen's plain selfadjointView().rankUpdate,
// and of the full GEMM A A^T, and the ratio of the first to the peak.
//
//   ./build/bench/er_gram_bench [H ...]      (default 4000 8000)
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "train/er_gram.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double medianSeconds(int reps, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    t.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

double gemmPeak() {
  double best = 0;
  for (int n : {1024, 2048}) {
    Eigen::MatrixXf a = Eigen::MatrixXf::Random(n, n), b = Eigen::MatrixXf::Random(n, n), c(n, n);
    c.noalias() = a * b;
    const double s = medianSeconds(5, [&] { c.noalias() = a * b; });
    best = std::max(best, 2.0 * n * n * n / s / 1e9);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> widths;
  for (int i = 1; i < argc; ++i) widths.push_back(std::atoi(argv[i]));
  if (widths.empty()) widths = {4000, 8000};
  constexpr int kChunk = 2000, kChunks = 4;
  const double peak = gemmPeak();
  std::printf("gemm_peak_gflops=%.1f threads=%d\n", peak, Eigen::nbThreads());
  for (int H : widths) {
    const Eigen::MatrixXf A = Eigen::MatrixXf::Random(H, kChunk);
    Eigen::MatrixXf G = Eigen::MatrixXf::Zero(H, H);
    const double flops = double(kChunks) * kChunk * double(H) * double(H);  // SYRK: n H^2
    mulab::symmetricRankUpdate(G, A);                                       // warm up
    const double blocked = medianSeconds(5, [&] {
      for (int c = 0; c < kChunks; ++c) mulab::symmetricRankUpdate(G, A);
    });
    const double plain = medianSeconds(3, [&] {
      for (int c = 0; c < kChunks; ++c) G.selfadjointView<Eigen::Lower>().rankUpdate(A);
    });
    const double full = medianSeconds(3, [&] {
      for (int c = 0; c < kChunks; ++c) G.noalias() += A * A.transpose();
    });
    const double gb = flops / blocked / 1e9;
    std::printf(
        "H=%d blocked_syrk_gflops=%.1f eigen_rankupdate_gflops=%.1f "
        "full_gemm_effective_gflops=%.1f (full-product GFLOP/s %.1f) ratio_to_peak=%.0f%%\n",
        H, gb, flops / plain / 1e9, flops / full / 1e9, 2 * flops / full / 1e9, 100 * gb / peak);
  }
}
