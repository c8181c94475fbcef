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
  SurfaceRunFlags run;
  std::string start, steps = "1000", format = "csv";
};

int runTrajectory(const TrajectoryFlags& f) {
  const SurfaceRun setup = surfaceRunFromFlags(f.run);
  const auto& surface = setup.surface;
  const OptimizerConfig& config = setup.config;
  StopCriteria stop = setup.stop;
  stop.max_steps = parseCountFlag(f.steps, "--steps");
  if (stop.max_steps == 0) throw UsageError{"--steps: must be at least 1"};
  if (auto err = validate(stop)) throw UsageError{"--" + *err};
  Vec2 start = surface->info().standard_start;
  if (!f.start.empty()) {
    const auto [x, y] = require(parsePoint(f.start, "--start"), "");
    start = Vec2(x, y);
  }
  static const ChoiceNames kFormats{"format", {"csv", "json"}};
  const bool json = parseChoiceFlag(f.format, "--format", kFormats) == 1;

  // Rows are printed as the run steps, not stored: a ten-million-step run
  // costs output, not memory. A closed or full stdout ends the run early.
  Trajectory run(surface, config, start, stop, /*record_path=*/false);
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
  addSurfaceRunFlags(*cmd, flags->run);
  cmd->add_option("--start", flags->start, "start point X,Y (default: the surface's standard start)");
  cmd->add_option("--steps", flags->steps, "step budget (default 1000)");
  cmd->add_option("--format", flags->format, "csv|json (default csv)");
  return [flags] { return runTrajectory(*flags); };
}

}  // namespace mulab::cli
