// `mulab-cli trajectory`: one run, printed as step,x,y,f rows (CSV) or JSON,
// with the end status.
#include <nlohmann/json.hpp>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "trajectory/trajectory.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

struct TrajectoryFlags {
  std::string surface, optimizer = "adam", rule = "additive", start, steps = "1000",
                       tol = "1e-6", grad_tol = "0", format = "csv";
  HyperFlags hyper;
  SurfaceFlags surface_params;
};

int runTrajectory(const TrajectoryFlags& f) {
  const SurfaceParams params = surfaceParams(f.surface_params);
  const auto surface = require(makeSurface(f.surface, params), "--surface");
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

  Trajectory run(surface, config, start, stop);
  run.run();

  if (f.format == "json") {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : run.path()) points.push_back({p.step, p.x, p.y, p.f});
    nlohmann::json out = {{"surface", surface->name()},
                          {"optimizer", toString(config.base)},
                          {"rule", toString(config.rule)},
                          {"gamma", config.gamma},
                          {"start", {start.x(), start.y()}},
                          {"columns", {"step", "x", "y", "f"}},
                          {"points", points},
                          {"status", toString(run.status())},
                          {"stop_step", run.stopStep()},
                          {"reason", run.reason()}};
    std::printf("%s\n", out.dump(1).c_str());
  } else {
    std::printf("step,x,y,f\n");
    for (const auto& p : run.path()) std::printf("%ld,%.12g,%.12g,%.12g\n", p.step, p.x, p.y, p.f);
    std::printf("# %s: %s\n", describe(config).c_str(), run.statusText().c_str());
  }
  return 0;
}

}  // namespace

CommandRunner addTrajectoryCommand(CLI::App& app) {
  auto flags = std::make_shared<TrajectoryFlags>();
  CLI::App* cmd = app.add_subcommand("trajectory", "Run one optimizer on one surface");
  cmd->add_option("--surface", flags->surface, "surface name (see `surfaces`)")->required();
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
  return [flags] { return runTrajectory(*flags); };
}

}  // namespace mulab::cli
