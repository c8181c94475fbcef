#include "landscape/landscape_budget.hpp"

#include <algorithm>
#include <cstdio>

#include "util/file_read.hpp"

namespace mulab {

MemoryEstimate estimateLandscapeMemory(const LandscapeRequestSize& r) {
  constexpr double kFloat = 4;
  const double P = double(r.shape.parameterCount());
  double width_max = 0;
  for (size_t l = 1; l < r.shape.sizes.size(); ++l)
    width_max = std::max<double>(width_max, r.shape.sizes[l]);
  const double first = r.shape.sizes.size() > 1 ? r.shape.sizes[1] : 0;
  const double pixels = r.shape.sizes.empty() ? 0 : r.shape.sizes[0];
  MemoryEstimate e;
  e.parts.push_back({"checkpoints", "checkpoints", double(r.checkpoints) * P * kFloat});
  // Centre and two directions, the PCA's chunk, one forward pass's copies.
  e.parts.push_back({"directions and working copies", "checkpoints", 6 * P * kFloat});
  // W1 X for the centre and both directions, the subset itself, and the
  // activations of one evaluation (three matrices of the widest layer).
  e.parts.push_back({"first-layer products and activations", "samples",
                     double(r.samples) * (3 * first + pixels + 3 * width_max) * kFloat});
  e.parts.push_back(
      {"dataset images", "data-dir", double(r.dataset_samples) * pixels * (kFloat + 1)});
  e.parts.push_back({"grid", "grid", double(r.grid) * r.grid * 2 * kFloat});
  return e;
}

std::optional<BudgetRefusal> landscapeOverBudget(const LandscapeRequestSize& r, uint64_t limit) {
  const double work = double(r.grid) * r.grid * double(r.samples);
  if (work > kMaxNodeSamples) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%d x %d nodes on %ld samples are %.3g network evaluations, more than the "
                  "%.0e allowed; use a smaller --grid or --samples",
                  r.grid, r.grid, r.samples, work, kMaxNodeSamples);
    return BudgetRefusal{r.samples > 10000 ? "samples" : "grid", buf};
  }
  const MemoryEstimate e = estimateLandscapeMemory(r);
  if (e.total() <= double(limit)) return std::nullopt;
  const MemoryPart& big = e.largest();
  return BudgetRefusal{big.option, "the landscape of " + std::to_string(r.checkpoints) +
                                       " checkpoints of " + r.shape.describe() + " on " +
                                       std::to_string(r.samples) + " samples needs about " +
                                       formatBytes(uint64_t(e.total())) + " (" + big.what + ": " +
                                       formatBytes(uint64_t(big.bytes)) +
                                       "), more than the memory limit of " + formatBytes(limit)};
}

std::optional<std::string> checkLandscapeBudget(const LandscapeRequestSize& r, uint64_t limit) {
  const auto refusal = landscapeOverBudget(r, limit);
  if (!refusal) return std::nullopt;
  return "--" + refusal->option + ": " + refusal->message;
}

}  // namespace mulab
