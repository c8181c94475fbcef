// Mini-batches over a training set in a shuffled order, reshuffled per epoch;
// shared by every trainer that takes mini-batch steps (BP, FA, AltMin and
// ER's incremental variant), so all shuffle the same way for the same seed.
#pragma once

#include <random>
#include <vector>

#include "data/dataset.hpp"
#include "nn/mlp.hpp"

namespace mulab {

class ShuffledBatches {
 public:
  ShuffledBatches(const Dataset& data, int batch, uint64_t seed);

  void shuffle();      // a new epoch's order
  long count() const;  // batches per epoch (the last may be short)
  // Copies batch `index` of the current order into X (one sample per column)
  // and y; returns the number of samples.
  long gather(long index, Matrix& X, std::vector<uint8_t>& y) const;

 private:
  const Dataset& data_;
  int batch_;
  std::vector<int> order_;
  std::mt19937_64 rng_;
};

}  // namespace mulab
