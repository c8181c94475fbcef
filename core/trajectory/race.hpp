// Race: every surface x base optimizer x update rule from the surface's
// standard start, measuring steps to a tolerance and the value reached early
// on. This is the table behind the GOFAU paper's claim that multiplicative and
// hybrid rules converge faster in the first steps (arXiv 2307.07189, Sec. 4).
#pragma once

#include <string>
#include <vector>

#include "trajectory/trajectory.hpp"

namespace mulab {

struct RaceConfig {
  std::vector<std::string> surfaces;  // empty: all
  // The surface the name "custom" stands for in `surfaces` (a formula
  // surface, with minima attached for f*).
  std::shared_ptr<const Surface> custom;
  std::vector<BaseOptimizer> bases;   // empty: all
  std::vector<UpdateRule> rules;      // empty: all
  long steps = 5000;
  double tol = 1e-4;     // f - f* under which a run has "reached" the minimum
  long early_step = 50;  // step at which "early" progress is compared
  OptimizerConfig hyper; // base and rule are overridden per run
};

struct RaceEntry {
  std::string surface;
  BaseOptimizer base;
  UpdateRule rule;
  TrajectoryStatus status;
  long stop_step;
  double final_f;
  double gap_early;  // f - f* at early_step (or where the run stopped, if earlier); NaN if no f*
  std::string reason;
};

std::vector<RaceEntry> runRace(const RaceConfig& config);

// Per rule: in how many (surface, optimizer) groups it was the fastest to the
// tolerance, and in how many it had the smallest gap at the early step (ties
// credit every tied rule).
struct RuleTally {
  UpdateRule rule;
  int fastest = 0;
  int best_early = 0;
  int reached = 0;
  int diverged = 0;
};
std::vector<RuleTally> tallyRace(const std::vector<RaceEntry>& entries);

}  // namespace mulab
