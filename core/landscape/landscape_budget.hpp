// What a landscape costs before anything is loaded or computed, so that
// `mulab-cli landscape` and the GUI (both through landscape_pipeline.hpp)
// refuse a request that would not fit with one line naming the flag (or,
// in the GUI, what is too large), instead of swapping or running for hours:
// memory (checkpoints, directions, the first-layer products of the subset,
// the dataset) against the run memory budget (train/memory_budget.hpp), and
// work (grid nodes x samples) against a fixed cap.
#pragma once

#include <optional>
#include <string>

#include "nn/net_shape.hpp"
#include "train/memory_budget.hpp"

namespace mulab {

inline constexpr long kMaxLandscapeSamples = 60000;
// Grid nodes x samples: 41^2 x 10k = 1.7e7 takes about a minute on 2 cores;
// the cap (about 6 minutes there) refuses 101^2 x 10k and 401^2 x 1k.
inline constexpr double kMaxNodeSamples = 1e8;

struct LandscapeRequestSize {
  NetShape shape;
  long checkpoints = 0;          // held in memory, all folders together
  long samples = 1000;           // the subset
  int grid = 41;                 // nodes per side of the finest level
  long dataset_samples = 70000;  // images loaded (train + test)
};

MemoryEstimate estimateLandscapeMemory(const LandscapeRequestSize& r);

struct BudgetRefusal {
  std::string option;   // the flag that made it too large, without "--"
  std::string message;  // what is too large, and by how much
};
// Why the request is over the memory limit or the work cap, if it is.
std::optional<BudgetRefusal> landscapeOverBudget(const LandscapeRequestSize& r,
                                                 uint64_t memory_limit);
// The same as one flag-named line: "--grid: 401 x 401 nodes on ...".
std::optional<std::string> checkLandscapeBudget(const LandscapeRequestSize& r,
                                                uint64_t memory_limit);

}  // namespace mulab
