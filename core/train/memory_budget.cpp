#include "train/memory_budget.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cmath>

#include "util/file_read.hpp"

namespace mulab {
namespace {

constexpr double kFloat = 4, kDouble = 8;
constexpr double kEvalChunk = 2000;  // samples per evaluation chunk (train/bp_trainer.cpp)

}  // namespace

double MemoryEstimate::total() const {
  double t = 0;
  for (const MemoryPart& p : parts) t += p.bytes;
  return t;
}

const MemoryPart& MemoryEstimate::largest() const {
  return *std::max_element(parts.begin(), parts.end(),
                           [](const MemoryPart& a, const MemoryPart& b) { return a.bytes < b.bytes; });
}

MemoryEstimate estimateRunMemory(const RunConfig& c, long train_samples, long test_samples,
                                 long pixels) {
  if (c.train_limit > 0) train_samples = std::min(train_samples, c.train_limit);
  std::vector<double> sizes{double(pixels)};
  for (int h : c.hidden) sizes.push_back(h);
  sizes.push_back(10);
  double weights = 0, biases = 0, width_sum = 0, width_max = 0, gram_sum = 0, gram_max = 0,
         out_sq_max = 0;
  for (size_t l = 1; l < sizes.size(); ++l) {
    weights += sizes[l] * sizes[l - 1];
    biases += sizes[l];
    width_sum += sizes[l];
    width_max = std::max(width_max, sizes[l]);
    const double g = (sizes[l - 1] + 1) * (sizes[l - 1] + 1);
    gram_sum += g;
    gram_max = std::max(gram_max, g);
    out_sq_max = std::max(out_sq_max, sizes[l] * sizes[l]);
  }
  const double params = weights + biases;
  const double batch = c.batch;
  const double layer_rows = sizes[0] + width_sum;  // inputs and every layer's outputs

  MemoryEstimate e;
  // Images as floats, plus the bytes they are decoded from while loading.
  e.parts.push_back({"training and test images", "dataset",
                     double(train_samples + test_samples) * double(pixels) * (kFloat + 1)});
  e.parts.push_back({"evaluation in chunks", "hidden", 2 * kEvalChunk * layer_rows * kFloat});
  switch (c.method) {
    case Method::kBp:
    case Method::kFa:
      // Parameters, gradients, and the optimizer's m, v and u (gofau_optimizer.hpp).
      e.parts.push_back({"weights, gradients and optimizer state", "hidden",
                         5 * params * kFloat + (c.method == Method::kFa ? weights * kFloat : 0)});
      e.parts.push_back({"activations for one batch", "batch",
                         batch * (2 * layer_rows + 3 * width_max + sizes[0]) * kFloat});
      break;
    case Method::kAltMin:
      e.parts.push_back({"weights, gradients and optimizer state", "hidden", 6 * params * kFloat});
      // Forward caches plus codes, their start values, gradients and momenta.
      e.parts.push_back({"activations and codes for one batch", "batch",
                         batch * (2 * layer_rows + 6 * width_sum + sizes[0]) * kFloat});
      break;
    case Method::kEr: {
      // As docs/er.md measures it: every layer solve shares one float Gram
      // of the widest layer input and its double Cholesky factor, 12 (n+1)^2
      // bytes; the input layer's statistics; weights and the best iterate.
      const double widest = std::sqrt(gram_max);  // n + 1 of the widest layer input
      e.parts.push_back({"weights", "hidden", 2 * params * kFloat});
      e.parts.push_back({"Gram matrix and its factor", "hidden",
                         12 * gram_max + (sizes[0] + 1) * (sizes[0] + 1) * 12 +
                             (sizes[0] + 1) * width_max * kDouble + 2 * out_sq_max * kFloat});
      e.parts.push_back({"activations for one chunk", "batch",
                         batch * (5 * layer_rows + sizes[0]) * kFloat + widest * kFloat});
      break;
    }
    case Method::kDtp:
      // Weights, learned inverses and their optimizer state (about 5 copies of each).
      e.parts.push_back({"weights, inverses and optimizer state", "hidden", 10 * params * kFloat});
      e.parts.push_back({"activations and targets for one batch", "batch",
                         batch * (4 * layer_rows + sizes[0]) * kFloat});
      break;
  }
  if (keepsCheckpoints(c)) {
    // The kept checkpoints, the one being added, and the copy it is made from
    // (train/checkpoint.hpp).
    e.parts.push_back({"checkpoints kept in memory", "checkpoint_max",
                       double(c.checkpoint_max + 2) * params * kFloat});
  }
  return e;
}

uint64_t defaultMemoryLimit() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  uint64_t limit = pages > 0 && page > 0 ? uint64_t(pages) * uint64_t(page) / 2 : uint64_t{4} << 30;
  // A container's memory limit (cgroup v2), when it is lower.
  if (auto text = readTextFile("/sys/fs/cgroup/memory.max", 64, "cgroup limit")) {
    unsigned long long v = 0;
    if (std::sscanf(text->c_str(), "%llu", &v) == 1 && v > 0) limit = std::min<uint64_t>(limit, v * 3 / 4);
  }
  // ulimit -v: the whole address space, so leave room for code and stacks.
  rlimit rl{};
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    limit = std::min<uint64_t>(limit, uint64_t(rl.rlim_cur) * 3 / 4);
  }
  return limit;
}

uint64_t effectiveMemoryLimit(const RunConfig& c) {
  return c.memory_limit > 0 ? c.memory_limit : defaultMemoryLimit();
}

std::optional<MemoryOverrun> checkMemoryBudget(const RunConfig& c, long train_samples,
                                               long test_samples, long pixels) {
  const MemoryEstimate e = estimateRunMemory(c, train_samples, test_samples, pixels);
  const uint64_t limit = effectiveMemoryLimit(c);
  if (e.total() <= double(limit)) return std::nullopt;
  const MemoryPart& big = e.largest();
  const std::string arch = architecture(c, pixels);
  return MemoryOverrun{
      big.option,
      std::string(toString(c.method)) + " " + arch + " with batch " + std::to_string(c.batch) +
          " needs about " + formatBytes(uint64_t(e.total())) + " (" + big.what + ": " +
          formatBytes(uint64_t(big.bytes)) + "), more than the memory limit of " + formatBytes(limit) +
          (c.memory_limit > 0 ? " (--memory-limit)" : " (half the memory; --memory-limit changes it)")};
}

}  // namespace mulab
