#include "cli/sweep_plan.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "cli/flags.hpp"
#include "train/memory_budget.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

// Train's messages name their flag first ("--lr: ...", "--gamma must ...");
// the grid location of that flag's value makes the message point into the file.
std::string locate(const std::string& message, const SweepRun& run, const std::string& grid) {
  if (message.rfind("--", 0) == 0) {
    const size_t end = message.find_first_of(": ", 2);
    const std::string key = canonicalOptionName(message.substr(2, end - 2));
    if (const Setting* s = run.find(key)) return grid + ": " + s->where + ": " + message;
  }
  return grid + ": run " + std::to_string(run.index + 1) + " (" + run.name + "): " + message;
}

// The memory the `workers` largest runs need together on this machine, when
// more than the limit: (bytes, limit, the largest run's plan index).
struct Overrun {
  double total;
  uint64_t limit;
  size_t largest;
};
std::optional<Overrun> memoryTogether(const SweepPlan& plan, int workers, int ranks_here) {
  const size_t together = size_t(workers) * size_t(std::max(1, ranks_here));
  std::vector<std::pair<double, size_t>> sizes;
  uint64_t limit = UINT64_MAX;
  for (size_t i = 0; i < plan.planned.size(); ++i) {
    sizes.emplace_back(estimateRunMemory(plan.planned[i].config).total(), i);
    limit = std::min(limit, effectiveMemoryLimit(plan.planned[i].config));
  }
  std::sort(sizes.rbegin(), sizes.rend());
  double total = 0;
  for (size_t i = 0; i < std::min(together, sizes.size()); ++i) total += sizes[i].first;
  if (together < 2 || total <= double(limit)) return std::nullopt;
  return Overrun{total, limit, sizes[0].second};
}

// Without --workers, as many workers as fit; with it, exactly that or an error.
void fitWorkers(SweepPlan& plan, bool chosen, int ranks_here) {
  auto over = memoryTogether(plan, plan.workers, ranks_here);
  while (over && !chosen && plan.workers > 1)
    over = memoryTogether(plan, --plan.workers, ranks_here);
  plan.threads = std::max(1, plan.cores / plan.workers);
  for (PlannedRun& p : plan.planned) p.config.compute_threads = plan.threads;
  if (!over) return;
  const size_t together = size_t(plan.workers) * size_t(std::max(1, ranks_here));
  throw UsageError{
      "--workers: " + std::to_string(together) + " runs at once" +
      (ranks_here > 1 ? " on this machine (" + std::to_string(ranks_here) + " ranks)" : "") +
      " need about " + formatBytes(uint64_t(over->total)) +
      " (the largest: " + plan.runs[over->largest].name + "), more than the memory limit of " +
      formatBytes(over->limit) + "; use fewer workers" + (ranks_here > 1 ? " or ranks" : "")};
}

// Fails early on a data folder missing its files, as the first run would.
void checkData(const SweepPlan& plan) {
  std::map<std::pair<DatasetKind, std::string>, bool> seen;
  for (const PlannedRun& p : plan.planned) {
    const RunConfig& c = p.config;
    if (!seen.try_emplace({c.dataset, c.data_dir}, true).second) continue;
    if (auto missing =
            datasetMissing(c.dataset, resolveDataDir(c.data_dir), dataDirIsImplicit(c.data_dir))) {
      throw UsageError{*missing};
    }
  }
}

}  // namespace

int parseWorkers(const std::string& text, int cores) {
  if (text.empty()) return std::max(1, cores);
  const long n = parseCountFlag(text, "--workers");
  if (n < 1) throw UsageError{"--workers: must be at least 1"};
  if (n > cores) {
    throw UsageError{"--workers: " + std::to_string(n) + " runs at once on " +
                     std::to_string(cores) + (cores == 1 ? " core" : " cores") +
                     " would oversubscribe them (each run needs a core; at most " +
                     std::to_string(cores) + ")"};
  }
  return static_cast<int>(n);
}

SweepPlan planSweep(const SweepFlags& f, int cores, int ranks_here) {
  SweepPlan plan;
  plan.cores = std::max(1, cores);
  plan.workers = parseWorkers(f.workers, plan.cores);
  plan.grid = require(readGrid(f.grid, runOptionKeys(kStoreGrid)), "");
  plan.grid_json = gridJson(plan.grid);
  plan.runs = require(expandGrid(plan.grid, f.grid), "");
  for (const SweepRun& run : plan.runs) {
    PlannedRun p;
    p.index = run.index;
    for (const Setting& s : run.settings) {
      if (!(s.key == "data_dir" && !f.data_dir.empty())) p.options.emplace_back(s.key, s.value);
    }
    if (!f.data_dir.empty()) p.options.emplace_back("data_dir", f.data_dir);
    auto config = runConfigFromOptions(p.options, kStoreGrid);
    if (!config) throw UsageError{locate(config.error(), run, f.grid)};
    p.config = std::move(*config);
    plan.planned.push_back(std::move(p));
  }
  fitWorkers(plan, !f.workers.empty(), ranks_here);
  checkData(plan);
  return plan;
}

}  // namespace mulab::cli
