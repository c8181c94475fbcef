// A training run's peak memory, estimated from its configuration before
// anything is allocated, and the budget it must fit: a run that would not
// fit is refused up front with a message naming the flag that made it too
// large, instead of failing with std::bad_alloc (or being killed by the
// kernel) an hour in. The same check guards `mulab-cli train`, runs started
// from the GUI lab and lab runs in scenes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "train/run.hpp"

namespace mulab {

struct MemoryPart {
  std::string what;  // "weights and optimizer state"
  std::string option;  // the key of the option that scales it: "hidden" (train/run_options.hpp)
  double bytes = 0;
};

struct MemoryEstimate {
  std::vector<MemoryPart> parts;
  double total() const;
  const MemoryPart& largest() const;
};

// Training and test samples and pixels per sample of the dataset (the
// nominal MNIST / Fashion-MNIST sizes; the run's training-set limit applies).
MemoryEstimate estimateRunMemory(const RunConfig& config, long train_samples = 60000,
                                 long test_samples = 10000, long pixels = 784);

// The budget when none is given: half the physical memory, or less when a
// cgroup limit or an address-space limit (ulimit -v) is lower.
uint64_t defaultMemoryLimit();

// The limit `config` runs under: config.memory_limit, or the default.
uint64_t effectiveMemoryLimit(const RunConfig& config);

// Why a run does not fit: the option that dominates its memory and the text.
struct MemoryOverrun {
  std::string option;   // "hidden"
  std::string message;  // "bp 784-16384-...: needs about 31 GiB (...), more than ..."
};

// Set when the estimate exceeds the limit.
std::optional<MemoryOverrun> checkMemoryBudget(const RunConfig& config, long train_samples = 60000,
                                               long test_samples = 10000, long pixels = 784);

}  // namespace mulab
