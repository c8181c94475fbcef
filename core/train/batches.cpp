#include "train/batches.hpp"

#include <algorithm>
#include <numeric>

namespace mulab {

ShuffledBatches::ShuffledBatches(const Dataset& data, int batch, uint64_t seed)
    : data_(data), batch_(batch), order_(data.size()), rng_(seed * 7919 + 17) {
  std::iota(order_.begin(), order_.end(), 0);
}

void ShuffledBatches::shuffle() { std::shuffle(order_.begin(), order_.end(), rng_); }

long ShuffledBatches::count() const { return (data_.size() + batch_ - 1) / batch_; }

long ShuffledBatches::gather(long index, Matrix& X, std::vector<uint8_t>& y) const {
  const long first = index * batch_;
  const long n = std::min<long>(batch_, data_.size() - first);
  X.resize(data_.images.rows(), n);
  y.resize(n);
  for (long j = 0; j < n; ++j) {
    const int idx = order_[first + j];
    X.col(j) = data_.images.col(idx);
    y[j] = data_.labels[idx];
  }
  return n;
}

}  // namespace mulab
