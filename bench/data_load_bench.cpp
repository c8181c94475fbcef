// How long loading MNIST takes, and what huge pages save: the medians of
// loadDataset (the four IDX files into floats) and, beside it in the same run,
// of filling a fresh 188 MB float matrix (the training images' size) with and
// without util/huge_pages.hpp's advice, so the page-fault cost shows as a ratio.
//
//   ./build/bench/data_load_bench [DATA_DIR] [REPS]   (default data, 7)
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "util/huge_pages.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// A fresh 784 x 60000 float matrix written once: the first touch of every page.
double fillFresh(bool huge) {
  const auto t0 = Clock::now();
  Eigen::MatrixXf m(784, 60000);
  if (huge) mulab::adviseHugePages(m.data(), size_t(m.size()) * sizeof(float));
  m.setConstant(0.5f);
  const double t = ms(t0);
  if (m(3, 5) != 0.5f) std::abort();
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "data";
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
  std::vector<double> load, plain, huge;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    auto data = mulab::loadDataset(mulab::DatasetKind::kMnist, dir);
    load.push_back(ms(t0));
    if (!data) {
      std::fprintf(stderr, "data_load_bench: %s\n", data.error().c_str());
      return 1;
    }
    plain.push_back(fillFresh(false));
    huge.push_back(fillFresh(true));
  }
  std::printf("mnist_load_ms_median=%.0f\n", median(load));
  std::printf("fill_188MB_ms_median=%.0f huge_pages_ms_median=%.0f ratio=%.1f\n", median(plain), median(huge),
              median(plain) / std::max(median(huge), 1e-3));
}
