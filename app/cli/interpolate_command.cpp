// `mulab-cli interpolate`: the loss along the straight line between two
// weight sets, theta(alpha) = (1 - alpha) A + alpha B (Goodfellow, Vinyals,
// Saxe, ICLR 2015), by default for alpha in [-0.5, 1.5]. A and B are
// checkpoint folders (their final checkpoint) or FOLDER@STEP, e.g. run@0 for
// the initialisation.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/landscape_inputs.hpp"
#include "landscape/interpolation.hpp"

namespace mulab::cli {
namespace {

using nlohmann::json;

struct InterpolateFlags {
  std::string from, to, range = "-0.5:1.5", points = "41", csv, json;
  SubsetFlags subset;
};

struct WeightSet {
  std::string dir;
  std::optional<long> step;  // none: the final checkpoint
};

// "DIR" or "DIR@STEP"; a folder whose own name holds '@' is taken as is.
WeightSet parseWeightSet(const std::string& text, const std::string& flag) {
  std::error_code ec;
  const size_t at = text.rfind('@');
  if (at == std::string::npos || std::filesystem::is_directory(text, ec)) return {text, {}};
  return {text.substr(0, at), parseCountFlag(text.substr(at + 1), flag + " (step after '@')")};
}

CheckpointPtr pick(const LandscapeRun& run, const WeightSet& w, const std::string& flag) {
  const std::vector<CheckpointPtr>& checkpoints = run.checkpoints;
  if (!w.step) return checkpoints.back();
  for (const CheckpointPtr& c : checkpoints) {
    if (c->step == *w.step) return c;
  }
  std::string steps;
  for (size_t k = 0; k < checkpoints.size() && k < 8; ++k) {
    steps += (k ? ", " : "") + std::to_string(checkpoints[k]->step);
  }
  if (checkpoints.size() > 8) steps += ", ...";
  throw UsageError{flag + ": " + w.dir + " has no checkpoint at step " + std::to_string(*w.step) +
                   " (it has " + steps + ")"};
}

int runInterpolate(const InterpolateFlags& f) {
  const WeightSet a = parseWeightSet(f.from, "--from");
  const WeightSet b = f.to.empty() ? WeightSet{a.dir, {}} : parseWeightSet(f.to, "--to");
  const auto [from, to] = parseInterval(f.range, "--range");
  const long points = parseCountFlag(f.points, "--points");
  if (points < 2 || points > kMaxLinePoints) {
    throw UsageError{"--points: must lie in 2.." + std::to_string(kMaxLinePoints)};
  }
  const SubsetRequest sr = parseSubsetFlags(f.subset);
  if (double(points) * double(sr.samples) > kMaxNodeSamples) {
    throw UsageError{"--points: " + std::to_string(points) + " points on " +
                     std::to_string(sr.samples) +
                     " samples are more than the 1e+08 network "
                     "evaluations allowed; use fewer --points or --samples"};
  }
  checkOutput(f.csv, "--csv");
  checkOutput(f.json, "--json");
  // The landscape pipeline's steps (landscape_pipeline.hpp) up to the subset:
  // a line needs no plane. As a budget it is a grid of one node.
  LandscapeRequest request = landscapeRequest(f.subset, sr);
  request.grid = 1;
  addFolders(request, a.dir == b.dir ? std::vector{a.dir} : std::vector{a.dir, b.dir}, "--to");
  if (auto err = checkBudget(request)) fail(*err);
  std::shared_ptr<const EvalSubset> subset;
  if (auto err = loadLandscapeSubset(request, subset)) fail(*err);
  for (LandscapeRun& run : request.runs) {
    if (auto err = loadRunCheckpoints(run)) throw OutputError{*err};
  }
  const NetShape& shape = request.shape;
  const CheckpointPtr ca = pick(request.runs.front(), a, "--from");
  const CheckpointPtr cb = pick(request.runs.back(), b, "--to");
  const std::vector<LinePoint> line =
      interpolate(shape, ca->theta, cb->theta, subset, from, to, int(points));

  // The barrier: how far the line rises above the straight chord between its
  // ends, over alpha in [0, 1] (0 when the path between them is convex).
  const LossAndError la = networkLoss(shape, ca->theta, *subset);
  const LossAndError lb = networkLoss(shape, cb->theta, *subset);
  double barrier = 0;
  for (const LinePoint& p : line) {
    if (p.alpha < 0 || p.alpha > 1) continue;
    barrier = std::max(barrier, p.value.loss - ((1 - p.alpha) * la.loss + p.alpha * lb.loss));
  }
  std::printf("interpolate: %s step %ld -> %s step %ld, %s, %ld points over alpha in [%s, %s]\n",
              a.dir.c_str(), ca->step, b.dir.c_str(), cb->step, shape.describe().c_str(),
              points, number(from).c_str(), number(to).c_str());
  std::printf("subset: %s\n", subset->describe().c_str());
  std::printf("loss(A)=%.6f error(A)=%.2f%%  loss(B)=%.6f error(B)=%.2f%%  barrier=%.6f\n", la.loss,
              100 * la.error, lb.loss, 100 * lb.error, barrier);
  requireStdout();

  std::string csv = "alpha,loss,error\n";
  json rows = json::array();
  for (const LinePoint& p : line) {
    csv += number(p.alpha) + "," + number(p.value.loss) + "," + number(p.value.error) + "\n";
    rows.push_back({{"alpha", p.alpha}, {"loss", p.value.loss}, {"error", p.value.error}});
  }
  const json out = {
      {"command", "interpolate"},
      {"from", {{"dir", a.dir}, {"step", ca->step}, {"loss", la.loss}, {"error", la.error}}},
      {"to", {{"dir", b.dir}, {"step", cb->step}, {"loss", lb.loss}, {"error", lb.error}}},
      {"range", {from, to}},
      {"points", points},
      {"subset", subsetJson(*subset)},
      {"architecture", shape.describe()},
      {"barrier", barrier},
      {"line", rows}};
  bool ok = writeOutput(f.csv, "--csv", csv);
  ok = writeOutput(f.json, "--json", out.dump(1) + "\n") && ok;
  return ok ? 0 : 1;
}

}  // namespace

CommandRunner addInterpolateCommand(CLI::App& app) {
  auto flags = std::make_shared<InterpolateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "interpolate", "Loss along the straight line between two weight sets (checkpoints)");
  cmd->add_option("--from", flags->from,
                  "A: checkpoint folder (its final checkpoint) or FOLDER@STEP (FOLDER@0: the "
                  "initialisation)")
      ->required();
  cmd->add_option("--to", flags->to,
                  "B: the same forms (default: --from's folder, final checkpoint)");
  cmd->add_option("--range", flags->range, "alpha range A:B (default -0.5:1.5)");
  cmd->add_option("--points", flags->points, "alphas, evenly spaced (default 41: steps of 0.05)");
  cmd->add_option("--csv", flags->csv, "write alpha,loss,error rows");
  cmd->add_option("--json", flags->json, "write the line with its ends, subset and barrier");
  addSubsetFlags(*cmd, flags->subset);
  return [flags] { return runInterpolate(*flags); };
}

}  // namespace mulab::cli
