#include "trajectory/tuned_race.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "util/background_job.hpp"

namespace mulab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Group {
  std::string name;
  std::shared_ptr<const Surface> surface;
  BaseOptimizer base;
  UpdateRule rule;
  std::vector<std::pair<double, double>> settings;  // (eta, eta_out)
  size_t first_task;
};

std::vector<Group> planGroups(const TunedRaceConfig& cfg) {
  std::vector<std::string> names = cfg.surfaces;
  if (names.empty()) {
    for (const auto& n : surfaceNames()) {
      if (makeSurface(n).value()->globalMinimumValue()) names.push_back(n);
    }
  }
  auto bases = cfg.bases;
  if (bases.empty()) {
    bases = {BaseOptimizer::kSgd,     BaseOptimizer::kMomentum, BaseOptimizer::kNesterov,
             BaseOptimizer::kAdagrad, BaseOptimizer::kRmsProp,  BaseOptimizer::kAdam};
  }
  auto rules = cfg.rules;
  if (rules.empty())
    rules = {UpdateRule::kAdditive, UpdateRule::kMultiplicative, UpdateRule::kHybrid};

  std::vector<Group> groups;
  size_t tasks = 0;
  for (const auto& name : names) {
    auto surface = name == "custom" && cfg.custom
                       ? Result<std::shared_ptr<const Surface>>(cfg.custom)
                       : makeSurface(name);
    if (!surface) continue;  // names are validated by callers
    for (auto base : bases) {
      for (auto rule : rules) {
        Group g{name, *surface, base, rule, {}, tasks};
        if (rule == UpdateRule::kAdditive) {
          for (double eta : cfg.grids.eta) g.settings.push_back({eta, 0.0});
        } else if (rule == UpdateRule::kMultiplicative) {
          for (double eta_out : cfg.grids.eta_out) g.settings.push_back({0.0, eta_out});
        } else if (cfg.hybrid_diagonal) {
          for (double eta_out : cfg.grids.eta_out) g.settings.push_back({eta_out, eta_out});
        } else {
          for (double eta : cfg.grids.eta) {
            for (double eta_out : cfg.grids.eta_out) g.settings.push_back({eta, eta_out});
          }
        }
        tasks += g.settings.size();
        groups.push_back(std::move(g));
      }
    }
  }
  return groups;
}

TunedSetting summariseSetting(double eta, double eta_out, const std::vector<StartOutcome>& runs) {
  std::vector<double> steps, early;
  int converged = 0, diverged = 0;
  for (const StartOutcome& o : runs) {
    const bool ok = o.status == TrajectoryStatus::kConverged;
    steps.push_back(ok ? double(o.stop_step) : kInf);
    early.push_back(o.early_gap);
    converged += ok;
    diverged += o.status == TrajectoryStatus::kDiverged;
  }
  const double n = std::max<double>(1, double(runs.size()));
  return {eta, eta_out, median(steps), median(early), converged / n, diverged / n};
}

// Ties within 1e-9 relative count as equal (gaps of runs that all reach the
// same rounding floor).
bool nearlyEqual(double a, double b) {
  if (a == b) return true;
  return std::isfinite(a) && std::isfinite(b) &&
         std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

StepSizeGrids defaultStepSizeGrids() {
  return {logGrid(1e-4, 1.0, 3), logGrid(1e-3, 1.0, 3)};
}

int tunedRaceTasks(const TunedRaceConfig& cfg) {
  int n = 0;
  for (const Group& g : planGroups(cfg)) n += int(g.settings.size());
  return n;
}

std::vector<TunedEntry> runTunedRace(const TunedRaceConfig& cfg, std::atomic<int>* tasks_done) {
  const std::vector<Group> groups = planGroups(cfg);
  struct Task {
    size_t group, setting;
  };
  std::vector<Task> tasks;
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t s = 0; s < groups[g].settings.size(); ++s) tasks.push_back({g, s});
  }
  StopCriteria stop;
  stop.max_steps = cfg.steps;
  stop.f_tol = cfg.tol;
  stop.grad_tol = 0;  // a local minimum is not the target: only f - f* counts

  std::vector<TunedSetting> results(tasks.size());
  BackgroundJob job("running the tuned race");
  job.setThreads(cfg.threads);
  job.start([&](JobContext& ctx) {
    ctx.setTotal(long(tasks.size()));
    ctx.parallelFor(long(tasks.size()), [&](long t) {
      const Group& g = groups[tasks[size_t(t)].group];
      const auto [eta, eta_out] = g.settings[tasks[size_t(t)].setting];
      OptimizerConfig c = cfg.hyper;
      c.base = g.base;
      c.rule = g.rule;
      if (g.rule != UpdateRule::kMultiplicative) c.lr = eta;
      if (g.rule != UpdateRule::kAdditive) c.lr_out = eta_out;
      const auto starts = seededStarts(g.surface->info().window, cfg.starts, cfg.seed);
      const auto runs = runFromStarts(g.surface, c, starts, stop, cfg.early_step);
      results[size_t(t)] = summariseSetting(eta, eta_out, *runs);
      ctx.addDone(1);
      if (tasks_done) tasks_done->fetch_add(1);
    });
  });
  job.wait();
  if (job.state() == JobState::kFailed) throw std::runtime_error(job.error());

  std::vector<TunedEntry> entries;
  for (const Group& g : groups) {
    TunedEntry e{g.name, g.base, g.rule, {}, kInf, int(g.settings.size()), 0, 0};
    bool have_best = false;
    for (size_t s = 0; s < g.settings.size(); ++s) {
      const TunedSetting& r = results[g.first_task + s];
      e.converged += r.converged;
      e.diverged += r.diverged;
      e.best_early_gap = std::min(e.best_early_gap, r.median_early_gap);
      const bool better =
          !have_best || r.median_steps < e.best.median_steps ||
          (r.median_steps == e.best.median_steps && r.median_early_gap < e.best.median_early_gap);
      if (better) {
        e.best = r;
        have_best = true;
      }
    }
    if (!g.settings.empty()) {
      e.converged /= double(g.settings.size());
      e.diverged /= double(g.settings.size());
    }
    entries.push_back(e);
  }
  return entries;
}

std::vector<TunedTally> tallyTunedRace(const std::vector<TunedEntry>& entries) {
  std::map<UpdateRule, TunedTally> tally;
  std::map<std::pair<std::string, BaseOptimizer>, std::vector<const TunedEntry*>> groups;
  for (const auto& e : entries) {
    TunedTally& t = tally[e.rule];
    t.rule = e.rule;
    ++t.groups;
    t.converged += e.converged;
    t.diverged += e.diverged;
    groups[{e.surface, e.base}].push_back(&e);
  }
  std::map<UpdateRule, std::vector<double>> steps_ratios, early_ratios;
  for (const auto& [key, group] : groups) {
    const TunedEntry* additive = nullptr;
    for (const TunedEntry* e : group) {
      if (e->rule == UpdateRule::kAdditive) additive = e;
    }
    if (additive) {
      for (const TunedEntry* e : group) {
        const double s = e->best.median_steps / additive->best.median_steps;
        if (std::isfinite(e->best.median_steps) && std::isfinite(additive->best.median_steps) &&
            additive->best.median_steps > 0) {
          steps_ratios[e->rule].push_back(s);
        }
        if (std::isfinite(e->best_early_gap) && std::isfinite(additive->best_early_gap) &&
            additive->best_early_gap > 0) {
          early_ratios[e->rule].push_back(e->best_early_gap / additive->best_early_gap);
        }
      }
    }
    double fastest = kInf, early = kInf, early_any = kInf, robust = 0;
    for (const TunedEntry* e : group) {
      fastest = std::min(fastest, e->best.median_steps);
      early = std::min(early, e->best.median_early_gap);
      early_any = std::min(early_any, e->best_early_gap);
      robust = std::max(robust, e->converged);
    }
    for (const TunedEntry* e : group) {
      TunedTally& t = tally[e->rule];
      if (std::isfinite(fastest) && e->best.median_steps == fastest) ++t.fastest;
      if (std::isfinite(early) && nearlyEqual(e->best.median_early_gap, early)) ++t.best_early;
      if (std::isfinite(early_any) && nearlyEqual(e->best_early_gap, early_any)) ++t.best_early_any;
      if (robust > 0 && nearlyEqual(e->converged, robust)) ++t.most_robust;
    }
  }
  std::vector<TunedTally> out;
  for (auto& [rule, t] : tally) {
    if (t.groups > 0) {
      t.converged /= t.groups;
      t.diverged /= t.groups;
    }
    t.steps_compared = int(steps_ratios[rule].size());
    t.early_compared = int(early_ratios[rule].size());
    t.steps_vs_additive = median(steps_ratios[rule]);
    t.early_vs_additive = median(early_ratios[rule]);
    out.push_back(t);
  }
  return out;
}

}  // namespace mulab
