// `mulab-cli trajectory`: one run, printed as step,x,y,f rows (CSV) or JSON,
// with the end status.
#include <nlohmann/json.hpp>
#include <cmath>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "trajectory/trajectory.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

// JSON has no NaN or infinity: a diverged run's last value prints as null.
std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

struct TrajectoryFlags {
  std::string surface, optimizer = "adam", rule = "additive", start, steps = "1000",
                       tol = "1e-6", grad_tol = "0", format = "csv";
  OptionFlags hyper;
  SurfaceFlags surface_params;
  FormulaFlags formula;
};

int runTrajectory(const TrajectoryFlags& f) {
  const auto surface = surfaceFromFlags(f.surface, "--surface", f.surface_params, f.formula);
  OptimizerConfig config = hyperConfig(f.hyper);
  config.base = require(parseBaseOptimizer(f.optimizer), "--optimizer");
  config.rule = require(parseUpdateRule(f.rule), "--rule");
  StopCriteria stop;
  stop.max_steps = parseCountFlag(f.steps, "--steps");
  if (stop.max_steps == 0) throw UsageError{"--steps: must be at least 1"};
  stop.f_tol = parseNumberFlag(f.tol, "--tol");
  stop.grad_tol = parseNumberFlag(f.grad_tol, "--grad-tol");
  if (auto err = validate(stop)) throw UsageError{"--" + *err};
  Vec2 start = surface->info().standard_start;
  if (!f.start.empty()) {
    const auto [x, y] = require(parsePoint(f.start, "--start"), "");
    start = Vec2(x, y);
  }
  if (f.format != "csv" && f.format != "json") {
    throw UsageError{"--format: unknown format '" + f.format + "' (valid: csv, json)"};
  }

  // Rows are printed as the run steps, not stored: a ten-million-step run
  // costs output, not memory. A closed or full stdout ends the run early.
  Trajectory run(surface, config, start, stop, /*record_path=*/false);
  const bool json = f.format == "json";
  if (json) {
    nlohmann::json head = {{"surface", surface->name()},      {"optimizer", toString(config.base)},
                           {"rule", toString(config.rule)},   {"gamma", config.gamma},
                           {"start", {start.x(), start.y()}}, {"columns", {"step", "x", "y", "f"}}};
    if (surface->name() == "custom") head["formula"] = surface->info().formula;
    const std::string text = head.dump();
    std::printf("%s,\n \"points\": [", text.substr(0, text.size() - 1).c_str());
  } else {
    std::printf("step,x,y,f\n");
  }
  while (true) {
    const Vec2 p = run.position();
    if (json) {
      std::printf("%s\n  [%ld,%s,%s,%s]", run.steps() ? "," : "", run.steps(), jsonNumber(p.x()).c_str(),
                  jsonNumber(p.y()).c_str(), jsonNumber(run.value()).c_str());
    } else {
      std::printf("%ld,%.12g,%.12g,%.12g\n", run.steps(), p.x(), p.y(), run.value());
    }
    if (run.steps() % 4096 == 0) requireStdout();
    if (run.finished()) break;
    run.step();
  }
  if (json) {
    const nlohmann::json tail = {{"status", toString(run.status())},
                                 {"stop_step", run.stopStep()},
                                 {"reason", run.reason()}};
    std::printf("\n ],\n %s\n", tail.dump().substr(1).c_str());
  } else {
    std::printf("# %s: %s\n", describe(config).c_str(), run.statusText().c_str());
  }
  return 0;
}

}  // namespace

CommandRunner addTrajectoryCommand(CLI::App& app) {
  auto flags = std::make_shared<TrajectoryFlags>();
  CLI::App* cmd = app.add_subcommand("trajectory", "Run one optimizer on one surface");
  cmd->add_option("--surface", flags->surface,
                  "surface name (see `surfaces`), or custom with --formula")
      ->required();
  cmd->add_option("--optimizer", flags->optimizer,
                  "sgd|momentum|nesterov|adagrad|rmsprop|adam (default adam)");
  cmd->add_option("--rule", flags->rule, "additive|multiplicative|hybrid (default additive)");
  cmd->add_option("--start", flags->start, "start point X,Y (default: the surface's standard start)");
  cmd->add_option("--steps", flags->steps, "step budget (default 1000)");
  cmd->add_option("--tol", flags->tol, "converged when f - f* < tol (default 1e-6; 0 disables)");
  cmd->add_option("--grad-tol", flags->grad_tol, "converged when |grad f| < tol (default 0: off)");
  cmd->add_option("--format", flags->format, "csv|json (default csv)");
  addHyperFlags(*cmd, flags->hyper);
  addSurfaceFlags(*cmd, flags->surface_params);
  addFormulaFlags(*cmd, flags->formula);
  return [flags] { return runTrajectory(*flags); };
}

}  // namespace mulab::cli
