#include "landscape/eval_subset.hpp"

#include <algorithm>
#include <numeric>

#include "util/seeded_random.hpp"

namespace mulab {

std::string EvalSubset::describe() const {
  return std::to_string(size()) + " " + split + " samples (class-stratified, seed " +
         std::to_string(seed) + ")";
}

EvalSubset stratifiedSubset(const Dataset& data, long n, uint64_t seed, std::string split) {
  n = std::clamp(n, 1L, data.size());
  std::array<std::vector<int>, 10> by_class;
  for (long i = 0; i < data.size(); ++i) by_class[data.labels[i]].push_back(int(i));
  // Largest-remainder apportionment of n over the classes.
  std::array<long, 10> take{};
  std::array<double, 10> remainder{};
  long given = 0;
  for (int c = 0; c < 10; ++c) {
    const double exact = double(n) * double(by_class[c].size()) / double(data.size());
    take[c] = long(exact);
    remainder[c] = exact - double(take[c]);
    given += take[c];
  }
  std::array<int, 10> order;
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return remainder[a] > remainder[b]; });
  for (int i = 0; given < n; i = (i + 1) % 10) {
    const int c = order[i];
    if (take[c] < long(by_class[c].size())) {
      ++take[c];
      ++given;
    }
  }
  SplitMix64 rng(seed);
  std::vector<int> chosen;
  chosen.reserve(size_t(n));
  for (int c = 0; c < 10; ++c) {
    shuffleIndices(rng, by_class[c]);
    chosen.insert(chosen.end(), by_class[c].begin(), by_class[c].begin() + take[c]);
  }
  std::sort(chosen.begin(), chosen.end());
  EvalSubset s;
  s.split = std::move(split);
  s.seed = seed;
  s.class_counts = take;
  s.X.resize(data.images.rows(), n);
  s.labels.resize(size_t(n));
  for (long j = 0; j < n; ++j) {
    s.X.col(j) = data.images.col(chosen[j]);
    s.labels[size_t(j)] = data.labels[chosen[j]];
  }
  return s;
}

}  // namespace mulab
