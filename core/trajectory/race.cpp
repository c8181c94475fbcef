#include "trajectory/race.hpp"

#include <cmath>
#include <limits>
#include <algorithm>
#include <map>

namespace mulab {
namespace {

template <class T>
std::vector<T> allOf(const std::vector<T>& chosen, std::initializer_list<T> all) {
  return chosen.empty() ? std::vector<T>(all) : chosen;
}

}  // namespace

std::vector<RaceEntry> runRace(const RaceConfig& cfg) {
  const auto surfaces = cfg.surfaces.empty() ? surfaceNames() : cfg.surfaces;
  const auto bases = allOf(cfg.bases, {BaseOptimizer::kSgd, BaseOptimizer::kMomentum,
                                       BaseOptimizer::kNesterov, BaseOptimizer::kAdagrad,
                                       BaseOptimizer::kRmsProp, BaseOptimizer::kAdam});
  const auto rules = allOf(cfg.rules, {UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                                       UpdateRule::kHybrid});
  StopCriteria stop;
  stop.max_steps = cfg.steps;
  stop.f_tol = cfg.tol;
  stop.grad_tol = 0;  // a local minimum is not the target: only f - f* counts

  std::vector<RaceEntry> entries;
  for (const auto& name : surfaces) {
    auto surface = name == "custom" && cfg.custom
                       ? Result<std::shared_ptr<const Surface>>(cfg.custom)
                       : makeSurface(name);
    if (!surface) continue;  // names are validated by callers
    const auto f_star = (*surface)->globalMinimumValue();
    for (auto base : bases) {
      for (auto rule : rules) {
        OptimizerConfig oc = cfg.hyper;
        oc.base = base;
        oc.rule = rule;
        Trajectory t(*surface, oc, (*surface)->info().standard_start, stop, false);
        double early = std::numeric_limits<double>::quiet_NaN();
        while (!t.finished() && t.steps() < cfg.early_step) t.step();
        if (f_star) {
          early = t.status() == TrajectoryStatus::kDiverged ? std::numeric_limits<double>::infinity()
                                                           : t.value() - *f_star;
        }
        t.run();
        entries.push_back(
            {name, base, rule, t.status(), t.stopStep(), t.value(), early, t.reason()});
      }
    }
  }
  return entries;
}

std::vector<RuleTally> tallyRace(const std::vector<RaceEntry>& entries) {
  std::map<UpdateRule, RuleTally> tally;
  std::map<std::pair<std::string, BaseOptimizer>, std::vector<const RaceEntry*>> groups;
  for (const auto& e : entries) {
    tally[e.rule].rule = e.rule;
    groups[{e.surface, e.base}].push_back(&e);
    if (e.status == TrajectoryStatus::kConverged) ++tally[e.rule].reached;
    if (e.status == TrajectoryStatus::kDiverged) ++tally[e.rule].diverged;
  }
  // Ties (a shared stop step, or early gaps equal to 1e-9 relative) credit
  // every tied rule, so a surface where all rules stall alike favours none.
  for (const auto& [key, group] : groups) {
    long fastest = -1;
    double best_early = std::numeric_limits<double>::infinity();
    for (const RaceEntry* e : group) {
      if (e->status == TrajectoryStatus::kConverged && (fastest < 0 || e->stop_step < fastest)) {
        fastest = e->stop_step;
      }
      if (std::isfinite(e->gap_early)) best_early = std::min(best_early, e->gap_early);
    }
    for (const RaceEntry* e : group) {
      if (e->status == TrajectoryStatus::kConverged && e->stop_step == fastest) {
        ++tally[e->rule].fastest;
      }
      if (std::isfinite(best_early) && std::isfinite(e->gap_early) &&
          e->gap_early - best_early <= 1e-9 * std::max(1.0, std::abs(best_early))) {
        ++tally[e->rule].best_early;
      }
    }
  }
  std::vector<RuleTally> out;
  for (auto& [rule, t] : tally) out.push_back(t);
  return out;
}

}  // namespace mulab
