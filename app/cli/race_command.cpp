// `mulab-cli race`: every surface x optimizer x rule from the standard start,
// as Markdown tables (steps to tolerance, early gap) and a per-rule tally;
// with --tune, each rule's step size searched over seeded starts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/tuned_race_report.hpp"
#include "trajectory/race.hpp"
#include "trajectory/tuned_race.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

struct RaceFlags {
  std::string surfaces, optimizers, rules, steps = "5000", tol = "1e-4", early = "50";
  std::string starts = "16", seed = "1", threads, hybrid_grid = "joint";
  bool tune = false;
  OptionFlags hyper;
  FormulaFlags formula;
};

// Largest --starts and --threads accepted.
constexpr long kMaxStarts = 1000;
constexpr long kMaxThreads = 64;

std::string stepsCell(const RaceEntry& e) {
  char buf[96];
  switch (e.status) {
    case TrajectoryStatus::kConverged:
      std::snprintf(buf, sizeof buf, "%ld", e.stop_step);
      break;
    case TrajectoryStatus::kDiverged:
      std::snprintf(buf, sizeof buf, "diverged (step %ld)", e.stop_step);
      break;
    default:
      std::snprintf(buf, sizeof buf, "not reached (f=%.3g)", e.final_f);
      break;
  }
  return buf;
}

std::string gapCell(const RaceEntry& e) {
  if (std::isnan(e.gap_early)) return "n/a";
  if (std::isinf(e.gap_early)) return "diverged";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", e.gap_early);
  return buf;
}

// The surfaces named by --surfaces, and the formula surface "custom" stands
// for (with --formula; alone it races only the formula).
std::vector<std::string> raceSurfaces(const RaceFlags& f, std::shared_ptr<const Surface>& custom) {
  std::vector<std::string> names = splitList(f.surfaces);
  if (!f.formula.formula.empty() && names.empty()) names = {"custom"};
  const bool has_custom = std::find(names.begin(), names.end(), "custom") != names.end();
  if (!has_custom && !f.formula.formula.empty()) {
    throw UsageError{"--formula: add custom to --surfaces to race the formula"};
  }
  if (!has_custom && !f.formula.window.empty()) {
    throw UsageError{"--window: only with custom in --surfaces"};
  }
  for (const auto& name : names) {
    if (name == "custom") {
      custom = surfaceFromFlags(name, "--surfaces", SurfaceFlags{}, f.formula);
    } else {
      require(makeSurface(name), "--surfaces");
    }
  }
  return names;
}

long parseStepsFlag(const std::string& text) {
  const long steps = parseCountFlag(text, "--steps");
  if (steps == 0) throw UsageError{"--steps: must be at least 1"};
  if (steps > kMaxTrajectorySteps) {
    throw UsageError{"--steps: at most " + std::to_string(kMaxTrajectorySteps) + " per run"};
  }
  return steps;
}

// The flags both races share.
template <class Config>
void readRaceFlags(const RaceFlags& f, Config& cfg) {
  cfg.surfaces = raceSurfaces(f, cfg.custom);
  for (const auto& name : splitList(f.optimizers)) {
    cfg.bases.push_back(require(parseBaseOptimizer(name), "--optimizers"));
  }
  for (const auto& name : splitList(f.rules)) {
    cfg.rules.push_back(require(parseUpdateRule(name), "--rules"));
  }
  cfg.steps = parseStepsFlag(f.steps);
  cfg.tol = parseNumberFlag(f.tol, "--tol");
  if (cfg.tol <= 0) throw UsageError{"--tol: must be positive"};
  cfg.early_step = parseCountFlag(f.early, "--early");
  if (cfg.early_step == 0 || cfg.early_step > cfg.steps) {
    throw UsageError{"--early: must lie in 1..--steps (" + std::to_string(cfg.steps) + ")"};
  }
}

int runTunedRaceCommand(const RaceFlags& f) {
  // The step sizes are what --tune searches; a fixed one would be ignored.
  if (f.hyper.given("lr")) throw UsageError{"--lr: not used with --tune (eta is searched)"};
  if (f.hyper.given("lr_out")) {
    throw UsageError{"--lr-out: not used with --tune (eta_out is searched)"};
  }
  TunedRaceConfig cfg;
  cfg.hyper = hyperConfig(f.hyper);
  readRaceFlags(f, cfg);
  for (const auto& name : cfg.surfaces) {
    const auto surface = name == "custom" ? cfg.custom : makeSurface(name).value();
    if (!surface->globalMinimumValue()) {
      throw UsageError{std::string(name == "custom"
                                       ? "--formula: no minimum was found in the window"
                                       : "--surfaces: " + name + " has no minimum f*") +
                       ", so --tune cannot count steps to f - f* < tol"};
    }
  }
  cfg.starts = int(boundedCount(f.starts, "--starts", 1, kMaxStarts));
  cfg.seed = uint64_t(parseCountFlag(f.seed, "--seed"));
  if (!f.threads.empty()) {
    cfg.threads = int(boundedCount(f.threads, "--threads", 1, kMaxThreads));
  }
  static const ChoiceNames kGrids{"grid", {"joint", "diagonal"}};
  cfg.hybrid_diagonal = parseChoiceFlag(f.hybrid_grid, "--hybrid-grid", kGrids) == 1;
  const auto entries = runTunedRace(cfg);
  printTunedRace(cfg, entries);
  return 0;
}

int runRaceCommand(const RaceFlags& f) {
  if (f.tune) return runTunedRaceCommand(f);
  RaceConfig cfg;
  cfg.hyper = hyperConfig(f.hyper);
  readRaceFlags(f, cfg);

  const std::vector<RaceEntry> entries = runRace(cfg);

  // Group by (surface, optimizer) in run order; columns are the rules run.
  std::vector<UpdateRule> rules;
  std::vector<std::pair<std::string, BaseOptimizer>> order;
  std::map<std::pair<std::string, BaseOptimizer>, std::map<UpdateRule, const RaceEntry*>> cells;
  for (const auto& e : entries) {
    if (std::find(rules.begin(), rules.end(), e.rule) == rules.end()) rules.push_back(e.rule);
    auto key = std::pair{e.surface, e.base};
    if (!cells.count(key)) order.push_back(key);
    cells[key][e.rule] = &e;
  }
  auto printTable = [&](const char* title, auto cell) {
    std::printf("%s\n\n| surface | optimizer |", title);
    for (auto r : rules) std::printf(" %s |", std::string(toString(r)).c_str());
    std::printf("\n|---|---|");
    for (size_t i = 0; i < rules.size(); ++i) std::printf("---|");
    std::printf("\n");
    for (const auto& key : order) {
      std::printf("| %s | %s |", key.first.c_str(), std::string(displayName(key.second)).c_str());
      for (auto r : rules) std::printf(" %s |", cell(*cells[key][r]).c_str());
      std::printf("\n");
    }
    std::printf("\n");
  };

  std::printf("Settings: steps=%ld, tol=%g (f - f*), lr=%g, lr_in=%g, lr_out=%g, gamma=%g, "
              "momentum=%g, alpha=%g, beta1=%g, beta2=%g, eps=%g\n\n",
              cfg.steps, cfg.tol, cfg.hyper.lr, cfg.hyper.lr_in, cfg.hyper.lr_out, cfg.hyper.gamma,
              cfg.hyper.momentum, cfg.hyper.alpha, cfg.hyper.beta1, cfg.hyper.beta2,
              cfg.hyper.eps);
  printTable("Steps to reach f - f* < tol", stepsCell);
  char title[64];
  std::snprintf(title, sizeof title, "f - f* after %ld steps", cfg.early_step);
  printTable(title, gapCell);

  std::printf("Tally over %zu (surface, optimizer) groups\n\n", order.size());
  std::printf("| rule | fastest to tol | smallest gap at step %ld | reached tol | diverged |\n",
              cfg.early_step);
  std::printf("|---|---|---|---|---|\n");
  for (const RuleTally& t : tallyRace(entries)) {
    std::printf("| %s | %d | %d | %d | %d |\n", std::string(toString(t.rule)).c_str(), t.fastest,
                t.best_early, t.reached, t.diverged);
  }
  return 0;
}

}  // namespace

CommandRunner addRaceCommand(CLI::App& app) {
  auto flags = std::make_shared<RaceFlags>();
  CLI::App* cmd =
      app.add_subcommand("race", "Race every surface x optimizer x rule from standard starts");
  cmd->add_option("--surfaces,--surface", flags->surfaces,
                  "comma-separated surfaces (default: all); custom with --formula");
  cmd->add_option("--optimizers", flags->optimizers, "comma-separated optimizers (default: all)");
  cmd->add_option("--rules", flags->rules, "comma-separated rules (default: all)");
  cmd->add_option("--steps", flags->steps, "step budget per run (default 5000)");
  cmd->add_option("--tol", flags->tol, "target f - f* (default 1e-4)");
  cmd->add_option("--early", flags->early, "step at which early progress is compared (default 50)");
  cmd->add_flag("--tune", flags->tune,
                "search each rule's step size over log grids and race medians over --starts "
                "seeded starts (see docs/results.md)");
  cmd->add_option("--starts", flags->starts, "with --tune: start points per setting (default 16)");
  cmd->add_option("--seed", flags->seed, "with --tune: seed of the start points (default 1)");
  cmd->add_option("--threads", flags->threads,
                  "with --tune: worker threads (default: the machine's cores)");
  cmd->add_option("--hybrid-grid", flags->hybrid_grid,
                  "with --tune: joint (every eta x eta_out, default) or diagonal (eta = eta_out)");
  addHyperFlags(*cmd, flags->hyper);
  addFormulaFlags(*cmd, flags->formula);
  return [flags] { return runRaceCommand(*flags); };
}

}  // namespace mulab::cli
