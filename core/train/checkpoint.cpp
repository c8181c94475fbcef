#include "train/checkpoint.hpp"

#include <algorithm>

namespace mulab {

CheckpointStore::CheckpointStore(long every, long max_count)
    : every_(std::max(1L, every)),
      max_(std::clamp(max_count, 2L, kMaxCheckpoints)),
      stride_(every_) {
  data_.stride = stride_;
}

bool CheckpointStore::due(long step) const {
  return step % stride_ == 0;
}

void CheckpointStore::add(NetShape shape, CheckpointPtr checkpoint) {
  std::lock_guard lock(mutex_);
  if (data_.items.empty()) data_.shape = std::move(shape);
  std::vector<CheckpointPtr>& items = data_.items;
  items.push_back(std::move(checkpoint));
  // Drop interior checkpoints off the stride: a latest one added off the
  // stride (the end of a run) stays until a newer one arrives.
  auto thin = [&] {
    const size_t n = items.size();
    std::vector<CheckpointPtr> kept;
    kept.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (i == 0 || i + 1 == n || items[i]->step % stride_ == 0) kept.push_back(items[i]);
    }
    items.swap(kept);
  };
  thin();
  while (long(items.size()) > max_) {
    stride_ *= 2;
    thin();
  }
  data_.stride = stride_;
  ++data_.version;
}

CheckpointSnapshot CheckpointStore::snapshot() const {
  std::lock_guard lock(mutex_);
  return data_;
}

long CheckpointStore::version() const {
  std::lock_guard lock(mutex_);
  return data_.version;
}

}  // namespace mulab
