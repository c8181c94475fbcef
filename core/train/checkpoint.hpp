// Checkpoints kept during a training run: the network's weights every N
// steps, for the loss-landscape views (core/landscape/). The count is
// bounded: past a maximum (at most kMaxCheckpoints) the stride doubles and the
// checkpoints off the new stride are dropped, always keeping the first (the
// initialisation, step 0) and the latest. Checkpoints are immutable once made
// and shared by pointer, so a snapshot for the GUI copies pointers, not
// weights, under a short lock.
#pragma once

#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

#include "nn/net_shape.hpp"

namespace mulab {

inline constexpr long kMaxCheckpoints = 500;

struct Checkpoint {
  long step = 0;            // mini-batch steps so far (0: the initialisation)
  double epoch = 0;         // fractional epochs so far
  long updates = 0;         // weight updates (optimizer steps or ER solves)
  double test_error = NAN;  // fraction in [0, 1] if the test set was evaluated here, else NaN
  Vector theta;             // every parameter, laid out by the run's NetShape (nn/net_shape.hpp)
};

using CheckpointPtr = std::shared_ptr<const Checkpoint>;

struct CheckpointSnapshot {
  long version = 0;  // bumps on every change (a new checkpoint, or thinning)
  NetShape shape;
  long stride = 0;                   // current steps between kept checkpoints
  std::vector<CheckpointPtr> items;  // by step, first = initialisation
};

// Thread-safe: the training thread adds, any thread takes snapshots.
class CheckpointStore {
 public:
  // `every` >= 1 steps, `max_count` in 2..kMaxCheckpoints.
  CheckpointStore(long every, long max_count);

  // True when step `step` falls on the current stride (step 0 included).
  bool due(long step) const;
  // Adds a checkpoint (its step larger than the latest's) and thins.
  void add(NetShape shape, CheckpointPtr checkpoint);
  CheckpointSnapshot snapshot() const;
  long version() const;

 private:
  long every_, max_;
  long stride_;  // written by the training thread only, read under mutex_ by others
  mutable std::mutex mutex_;
  CheckpointSnapshot data_;
};

}  // namespace mulab
