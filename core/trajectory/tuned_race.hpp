// Tuned race: the rules race of race.hpp with each rule given its best step
// size, judged over many start points rather than one. For every surface x
// base optimizer x update rule, a log grid of step sizes is tried from a set
// of seeded starts; the best setting is the one with the fewest median steps
// to the tolerance (then the smallest median f - f* at the early step). The
// fractions of (start, step size) pairs that converged and diverged measure
// robustness. This is what the GOFAU paper's claims (Kirtas, Passalis, Tefas,
// arXiv 2307.07189, Sec. 4: faster early, less sensitive to the start point
// and the learning rate) need: an untuned equal-step race mostly measures
// how the step sizes were paired.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "trajectory/sensitivity.hpp"

namespace mulab {

// Step sizes tried. Additive eta: 10^[-4, 0], 3 per decade (13 values), wide
// enough that every base optimizer has a diverging end and a too-slow end on
// every surface. Multiplicative eta_out: 10^[-3, 0] = 0.001 .. 1, 3 per
// decade (10 values): a step moves a coordinate by at most eta_out |theta|
// (|tanh| <= 1), so up to 1 no coordinate crosses zero; at 1 a saturated tanh
// (1.0 in double) lands it on 0. (With the top at 0.464, the best eta_out sat
// on the grid's edge in 39 of 66 groups.) Hybrid: the joint grid
// eta x eta_out (130 pairs) at the configured gamma (default 0.5); eta_in
// stays at its configured value (default 1).
struct StepSizeGrids {
  std::vector<double> eta;
  std::vector<double> eta_out;
};
StepSizeGrids defaultStepSizeGrids();

struct TunedRaceConfig {
  std::vector<std::string> surfaces;      // empty: every catalogue surface with a known f*
  std::shared_ptr<const Surface> custom;  // what the name "custom" stands for (with minima)
  std::vector<BaseOptimizer> bases;       // empty: all
  std::vector<UpdateRule> rules;          // empty: all
  int starts = 16;
  uint64_t seed = 1;
  long steps = 5000;
  double tol = 1e-4;      // converged when f - f* < tol
  long early_step = 50;   // where early progress is compared
  OptimizerConfig hyper;  // all but base, rule, lr and lr_out
  StepSizeGrids grids = defaultStepSizeGrids();
  // Hybrid on the diagonal eta = eta_out (the eta_out grid's values) instead
  // of the joint grid: as many settings as the multiplicative rule, to check
  // that the hybrid's results are not only a larger search.
  bool hybrid_diagonal = false;
  int threads = 0;  // < 1: the machine's (util/compute_threads.hpp)
};

// One (eta, eta_out) setting's outcome over the starts.
struct TunedSetting {
  double lr = 0, lr_out = 0;    // the rule's unused step size is reported as 0
  double median_steps = 0;      // to tolerance; +inf when more than half did not converge
  double median_early_gap = 0;  // f - f* at the early step; +inf when more than half diverged
  double converged = 0;         // fraction of starts
  double diverged = 0;          // fraction of starts
};

struct TunedEntry {
  std::string surface;
  BaseOptimizer base;
  UpdateRule rule;
  TunedSetting best;      // fewest median steps, then smallest median early gap
  double best_early_gap;  // smallest median early gap over every setting
  int settings;           // grid points tried
  double converged;       // fraction of all (start, setting) pairs
  double diverged;        // fraction of all (start, setting) pairs
};

// Runs on a background job (util/background_job.hpp) of cfg.threads threads
// and waits for it; the result does not depend on the number of threads.
// Adds 1 to *tasks_done per (surface, optimizer, rule, setting). An error in
// a task (out of memory) is thrown as std::runtime_error.
std::vector<TunedEntry> runTunedRace(const TunedRaceConfig& config,
                                     std::atomic<int>* tasks_done = nullptr);
// How many tasks runTunedRace will run (for progress).
int tunedRaceTasks(const TunedRaceConfig& config);

// Per rule, over the (surface, optimizer) groups: how often its best setting
// was fastest to the tolerance, had the smallest early gap, how often its
// smallest early gap over any setting was the smallest, how often it had the
// largest converged fraction over all pairs (ties credit every tied rule), and
// the mean converged / diverged fractions.
struct TunedTally {
  UpdateRule rule;
  int groups = 0;
  int fastest = 0;
  int best_early = 0;
  int best_early_any = 0;
  int most_robust = 0;
  double converged = 0;
  double diverged = 0;
  // Against additive in the same group, median over the groups where both
  // values are finite (and additive's gap positive); NaN if there are none:
  // best median steps / additive's, and smallest early gap / additive's.
  double steps_vs_additive = 0, early_vs_additive = 0;
  int steps_compared = 0, early_compared = 0;
};
std::vector<TunedTally> tallyTunedRace(const std::vector<TunedEntry>& entries);

}  // namespace mulab
