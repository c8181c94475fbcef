// Landscape budgets for 784-500-500-10 on 2 cores (issue "Network loss
// landscape"): the first picture (11 x 11 on 1k samples, first-layer products
// included) <= 1 s, 41 x 41 on 1k (nested: 11, 21, 41) <= 6 s, and the PCA
// plane of 300 checkpoints <= 2 s. Weights and samples are random: the cost
// does not depend on their values. Prints the median of --reps runs and the
// ratio to each budget, and the achieved GFLOP/s of the grid evaluation.
//
//   build/bench/landscape_bench [--reps 5] [--threads N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include "landscape/landscape_job.hpp"
#include "landscape/pca_plane.hpp"
#include "landscape/random_directions.hpp"
#include "train/checkpoint_files.hpp"
#include "util/compute_threads.hpp"
#include "util/float_env.hpp"
#include "util/parallel_for.hpp"
#include "util/seeded_random.hpp"

using namespace mulab;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

std::shared_ptr<EvalSubset> randomSubset(long n) {
  SplitMix64 rng(7);
  auto s = std::make_shared<EvalSubset>();
  s->X.resize(784, n);
  for (Eigen::Index i = 0; i < s->X.size(); ++i) s->X.data()[i] = float(rng.uniform());
  for (long j = 0; j < n; ++j) s->labels.push_back(uint8_t(rng.below(10)));
  s->split = "random";
  return s;
}

double gridSeconds(std::shared_ptr<const Plane> plane, std::shared_ptr<const EvalSubset> subset,
                   int grid, int threads) {
  const auto t0 = Clock::now();
  LandscapeJob job(std::move(plane), std::move(subset), GridRange{}, grid);
  job.setWorkerThreads(threads);
  job.start();
  job.wait();
  return seconds(t0);
}

// The peer measured in the same run: the grid's dominant product (500 x 500
// times 500 x 1000) repeated on the same threads, single-threaded each, as
// the grid runs it. On a shared machine this moves with the load; the
// fraction of it the grid reaches does not.
double peerGflops(int threads) {
  const Matrix W = Matrix::Random(500, 500), A = Matrix::Random(500, 1000);
  const long items = 40;
  const auto t0 = Clock::now();
  parallelFor(items, threads, [&](long) {
    Matrix H;
    H.noalias() = W * A;
  });
  return items * 2.0 * 500 * 500 * 1000 / seconds(t0) / 1e9;
}

void report(const char* what, const std::vector<double>& t, double budget) {
  const double m = median(t);
  std::printf("%-44s median %7.3f s  (min %.3f, max %.3f)  budget %.1f s  %s (%.2fx)\n", what, m,
              *std::min_element(t.begin(), t.end()), *std::max_element(t.begin(), t.end()), budget,
              m <= budget ? "met" : "MISSED", m / budget);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5, threads = availableCores();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--threads")) threads = std::max(1, std::atoi(argv[i + 1]));
  }
  flushSubnormalsToZero();
  const NetShape shape{{784, 500, 500, 10}, Activation::kRelu};
  const Vector centre = flatten(Mlp(shape.sizes, Activation::kRelu, 1).layers());
  auto plane = std::make_shared<Plane>(randomPlane(shape, centre, 1));
  auto subset = randomSubset(1000);
  std::printf("784-500-500-10 (P = %ld), 1000 samples, %d worker threads, %d repetitions\n",
              shape.parameterCount(), threads, reps);

  std::vector<double> t11, t41, peer;
  for (int r = 0; r < reps; ++r) {
    peer.push_back(peerGflops(threads));
    t11.push_back(gridSeconds(plane, subset, 11, threads));
    t41.push_back(gridSeconds(plane, subset, 41, threads));
  }
  peer.push_back(peerGflops(threads));
  report("11 x 11 on 1k (first-layer products incl.)", t11, 1.0);
  report("41 x 41 on 1k (11 -> 21 -> 41, nested)", t41, 6.0);
  // 0.51 MFLOP per sample per node above the first layer (2 (500*500 + 500*10)).
  const double node_flop = 2.0 * (500.0 * 500 + 500.0 * 10) * 1000;
  const double rate = 41.0 * 41 * node_flop / median(t41) / 1e9;
  std::printf(
      "  grid rate %.0f GFLOP/s; peer product (500x500 * 500x1000, same threads) %.0f "
      "GFLOP/s: %.0f%% of it\n",
      rate, median(peer), 100 * rate / median(peer));
  std::printf("  41 x 41 at the peer's rate alone would take %.2f s\n",
              41.0 * 41 * node_flop / median(peer) / 1e9);

  // PCA: 300 checkpoints, a random walk from the initialisation.
  std::vector<Vector> path{centre};
  SplitMix64 rng(3);
  Vector step(shape.parameterCount());
  for (int k = 1; k < 300; ++k) {
    fillNormal(rng, std::span<float>(step.data(), size_t(step.size())));
    path.push_back(path.back() + 1e-3f * step);
  }
  std::vector<const Vector*> points;
  for (const Vector& v : path) points.push_back(&v);
  std::vector<double> tpca;
  double explained = 0;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    auto p = pcaPlane(shape, path.back(), points);
    tpca.push_back(seconds(t0));
    explained = p ? p->explained[0] + p->explained[1] : NAN;
  }
  report("PCA plane of 300 checkpoints (K x K Gram)", tpca, 2.0);
  std::printf("  (a random walk: PC1 + PC2 explain %.1f%% of its variance)\n", 100 * explained);

  // What a checkpoint costs the training thread (the copy) and the writer
  // thread (6 NPY files and the manifest, each fsync()ed).
  const Mlp net(shape.sizes, Activation::kRelu, 1);
  std::vector<double> copy_ms, write_ms, write_cpu_ms;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "mulab_ckpt_bench";
  for (int r = 0; r < reps; ++r) {
    std::filesystem::remove_all(dir);
    auto t0 = Clock::now();
    auto c = std::make_shared<Checkpoint>();
    c->theta = flatten(net.layers());
    copy_ms.push_back(1e3 * seconds(t0));
    CheckpointSnapshot s;
    s.shape = shape;
    s.items.push_back(c);
    const std::clock_t cpu0 = std::clock();
    t0 = Clock::now();
    if (auto err = CheckpointFolderWriter(dir.string()).write(RunConfig{}, "bench", s)) {
      std::printf("write failed: %s\n", err->c_str());
    }
    write_ms.push_back(1e3 * seconds(t0));
    write_cpu_ms.push_back(1e3 * double(std::clock() - cpu0) / CLOCKS_PER_SEC);
  }
  std::filesystem::remove_all(dir);
  std::printf(
      "checkpoint copy on the training thread: median %.2f ms; writing it: %.1f ms wall, "
      "%.1f ms CPU\n",
      median(copy_ms), median(write_ms), median(write_cpu_ms));
  return 0;
}
