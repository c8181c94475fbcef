// A sweep's runs grouped over seeds (every setting but the seed equal), with
// mean and sample standard deviation over each group's finished runs: what
// summary.md tabulates and what the lab draws as a mean curve with a band.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "sweep/grid.hpp"
#include "sweep/run_record.hpp"

namespace mulab {

// Mean and sample standard deviation (n - 1 in the denominator; NaN below
// two values) of the finite values given.
struct Stat {
  double mean = NAN, std = NAN;
  size_t n = 0;
};
Stat statOf(const std::vector<double>& values);

struct RunGroup {
  std::string label;              // axis values but the seed: "rule=hybrid lr=0.01" ("all" if none)
  std::string block;              // its non-numeric axis values: "optimizer=sgd rule=hybrid"
  std::vector<Setting> settings;  // every setting but the seed, of its first run
  std::vector<size_t> runs;       // plan indices of the group's runs, finished or not
  size_t finished = 0, diverged = 0;
  Stat final_error, best_error, first_epoch_error, samples_per_s, wall_s;  // over finished runs
  // Lowest mean final test error in its block, among groups with at least
  // one finished and no diverged run.
  bool best = false;
};

// `records[i]` is plan run i's record, or null while it has not finished.
// Groups come in the order of their first run in the plan.
std::vector<RunGroup> groupOverSeeds(const std::vector<SweepRun>& plan,
                                     const std::vector<const RunRecord*>& records,
                                     const std::vector<SweepAxis>& axes);

// The axes that split groups into blocks: those whose values are not all
// numbers (rule, optimizer, method, hidden), the seed excluded.
std::vector<std::string> blockKeys(const std::vector<SweepAxis>& axes);

}  // namespace mulab
