// The samples a landscape is evaluated on: a seeded, class-stratified subset
// of the training (or test) set, so that 1,000 samples already carry the
// class proportions of the whole set and the same seed picks the same
// samples on every machine (our own SplitMix64 shuffle, util/seeded_random).
// One surface uses one subset; 1k and 10k surfaces are never mixed.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "nn/mlp.hpp"

namespace mulab {

struct EvalSubset {
  Matrix X;                     // pixels x n
  std::vector<uint8_t> labels;  // n
  std::string split;            // "train" or "test"
  uint64_t seed = 0;
  std::array<long, 10> class_counts{};
  long size() const { return long(labels.size()); }
  // "1000 train samples (stratified, seed 1)"
  std::string describe() const;
};

// n samples of `data` (1 <= n <= data.size()): per class round(n * share),
// the rounding remainders given to the largest fractions, each class's
// samples drawn by a seeded shuffle; kept in dataset order.
EvalSubset stratifiedSubset(const Dataset& data, long n, uint64_t seed, std::string split);

}  // namespace mulab
