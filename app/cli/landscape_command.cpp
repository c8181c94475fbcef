// `mulab-cli landscape`: the loss surface of a 2D slice through a network's
// parameter space around a run's final checkpoint (random filter-normalised
// plane, Li et al. 2018) or through the PCA plane of one or several runs'
// checkpoints, with every checkpoint projected and its off-plane residual and
// true loss reported beside the surface's value (docs/landscape.md).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/landscape_inputs.hpp"
#include "landscape/landscape_job.hpp"
#include "landscape/landscape_preparation.hpp"
#include "landscape/landscape_surface.hpp"

namespace mulab::cli {
namespace {

using nlohmann::json;

struct LandscapeFlags {
  std::vector<std::string> dirs;
  std::string directions = "random", grid = "41", range, csv, json, paths_csv;
  bool quiet = false;
  SubsetFlags subset;
};

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

void waitWithProgress(LandscapeJob& job, bool show) {
  if (!show) {
    job.wait();
    return;
  }
  while (true) {
    const LandscapeProgress p = job.progress();
    if (p.state == LandscapeState::kCancelled || p.state == LandscapeState::kFailed ||
        (p.state == LandscapeState::kIdle && p.checkpoints_pending == 0)) {
      break;
    }
    std::fprintf(stderr, "\r\033[K%s level %d/%d  %.0f%%  %ld checkpoints to project",
                 toString(p.state).data(), p.level + 1, p.levels, 100 * p.fraction(),
                 p.checkpoints_pending);
    std::fflush(stderr);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::fprintf(stderr, "\r\033[K");
  job.wait();
}

std::string gridCsv(const GridSurface& s) {
  std::string out = "x,y,loss,error\n";
  for (int j = 0; j < s.nodes; ++j) {
    for (int i = 0; i < s.nodes; ++i) {
      const size_t k = size_t(j) * s.nodes + i;
      out += number(s.x(i)) + "," + number(s.y(j)) + "," + number(s.loss[k]) + "," +
             number(s.error[k]) + "\n";
    }
  }
  return out;
}

std::string pathsCsv(const LandscapeSnapshot& s, const std::vector<LandscapeRun>& runs) {
  std::string out =
      "run,dir,step,epoch,x,y,residual,loss,error,surface_loss,surface_error,test_error\n";
  for (const ProjectedCheckpoint& p : s.points) {
    out += std::to_string(p.run) + "," + runs[p.run].manifest->dir + "," +
           std::to_string(p.step) + "," + number(p.epoch) + "," + number(p.at.x) + "," +
           number(p.at.y) + "," + number(p.at.residual) + "," + number(p.truth.loss) + "," +
           number(p.truth.error) + "," + number(p.surface.loss) + "," + number(p.surface.error) +
           "," + number(p.test_error) + "\n";
  }
  return out;
}

json nullable(double v) {
  return std::isnan(v) ? json(nullptr) : json(v);
}

int runLandscape(const LandscapeFlags& f) {
  const bool pca = parseChoiceFlag(f.directions, "--directions", planeKindChoices()) == int(PlaneKind::kPca);
  const long grid = parseCountFlag(f.grid, "--grid");
  if (grid < kMinGrid || grid > kMaxGrid) {
    throw UsageError{"--grid: must lie in " + std::to_string(kMinGrid) + ".." +
                     std::to_string(kMaxGrid)};
  }
  std::optional<GridRange> range;
  if (!f.range.empty()) range = parseRange(f.range, "--range");
  const SubsetRequest sr = parseSubsetFlags(f.subset);
  checkOutput(f.csv, "--csv");
  checkOutput(f.json, "--json");
  checkOutput(f.paths_csv, "--paths-csv");

  LandscapeRequest request = landscapeRequest(f.subset, sr);
  request.pca = pca;
  request.grid = int(grid);
  request.range = range;
  addFolders(request, f.dirs, "--checkpoints");

  // Budget, subset, tensors, shared start and plane: the pipeline the GUI
  // runs too (landscape_pipeline.hpp), on a background job.
  const auto t0 = std::chrono::steady_clock::now();
  LandscapePreparation preparation(std::move(request));
  preparation.wait();
  if (auto err = preparation.error()) fail(*err);
  const std::vector<LandscapeRun>& runs = preparation.request().runs;
  const LandscapeRun& first = runs.front();
  const NetShape& shape = preparation.request().shape;
  const std::shared_ptr<const Plane> plane = preparation.result().plane;
  const std::shared_ptr<const EvalSubset> subset = preparation.result().subset;
  const PcaDetails& details = preparation.result().details;
  const GridRange r = preparation.result().range;

  LandscapeJob job(plane, subset, r, int(grid));
  for (size_t k = 0; k < runs.size(); ++k) job.addCheckpoints(int(k), runs[k].checkpoints);
  job.start();
  waitWithProgress(job, !f.quiet && isatty(STDERR_FILENO));
  const LandscapeProgress progress = job.progress();
  if (progress.state == LandscapeState::kFailed) throw OutputError{progress.error};
  const LandscapeSnapshot s = job.snapshot();
  const double total_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string hash = hashText(directionHash(*plane));

  // Standard output: what the picture is and how far to trust it.
  std::printf(
      "landscape: %s plane of %zu run(s), %s, %d x %d nodes over x in [%s, %s], y in [%s, %s]\n",
      toString(plane->kind).data(), runs.size(), shape.describe().c_str(), s.surface.nodes,
      s.surface.nodes, number(r.x0).c_str(), number(r.x1).c_str(), number(r.y0).c_str(),
      number(r.y1).c_str());
  std::printf("subset: %s\n", subset->describe().c_str());
  std::printf("axes: x = %s; y = %s\n", plane->axisLabel(0).c_str(), plane->axisLabel(1).c_str());
  std::printf("directions: %s (seed %llu)\n", hash.c_str(),
              static_cast<unsigned long long>(sr.seed));
  std::printf("centre: %s step %ld, loss %.6f, error %.2f%%\n", first.manifest->dir.c_str(),
              first.checkpoints.back()->step, s.centre.loss, 100 * s.centre.error);
  for (size_t k = 0; k < runs.size(); ++k) {
    std::vector<double> residuals, gaps;
    for (const ProjectedCheckpoint& p : s.points) {
      if (p.run != int(k)) continue;
      residuals.push_back(p.at.residual);
      gaps.push_back(std::abs(p.truth.loss - p.surface.loss));
    }
    std::printf(
        "run %zu %s (%s): %zu checkpoints, residual median %.3f max %.3f, "
        "|true loss - surface| median %.4f\n",
        k, runs[k].manifest->dir.c_str(), runs[k].manifest->label().c_str(), residuals.size(),
        median(residuals),
        residuals.empty() ? NAN : *std::max_element(residuals.begin(), residuals.end()),
        median(gaps));
  }
  std::string levels;
  const std::vector<int> level_nodes = gridLevels(int(grid));
  for (size_t k = 0; k < s.level_seconds.size() && k < level_nodes.size(); ++k) {
    char buf[64];
    const int n = level_nodes[k];
    std::snprintf(buf, sizeof buf, "%s%dx%d %.2f s", k ? ", " : "", n, n, s.level_seconds[k]);
    levels += buf;
  }
  std::printf("time: first-layer products %.2f s, levels %s, total %.1f s\n", s.prepare_seconds,
              levels.c_str(), total_s);
  requireStdout();

  json runs_json = json::array();
  for (size_t k = 0; k < runs.size(); ++k) {
    json points = json::array();
    for (const ProjectedCheckpoint& p : s.points) {
      if (p.run != int(k)) continue;
      points.push_back({{"step", p.step},
                        {"epoch", p.epoch},
                        {"test_error", nullable(p.test_error)},
                        {"x", p.at.x},
                        {"y", p.at.y},
                        {"residual", p.at.residual},
                        {"distance", p.at.distance},
                        {"loss", p.truth.loss},
                        {"error", p.truth.error},
                        {"surface_loss", p.surface.loss},
                        {"surface_error", p.surface.error}});
    }
    const CheckpointManifest& m = *runs[k].manifest;
    runs_json.push_back({{"dir", m.dir},
                    {"label", m.label()},
                    {"description", m.description},
                    {"method", m.method},
                    {"optimizer", m.optimizer},
                    {"rule", m.rule},
                    {"seed", m.seed},
                    {"checkpoints", points}});
  }
  json xs = json::array(), ys = json::array(), loss = json::array(), error = json::array();
  for (int i = 0; i < s.surface.nodes; ++i) xs.push_back(s.surface.x(i));
  for (int j = 0; j < s.surface.nodes; ++j) {
    ys.push_back(s.surface.y(j));
    json lrow = json::array(), erow = json::array();
    for (int i = 0; i < s.surface.nodes; ++i) {
      lrow.push_back(s.surface.lossAt(i, j));
      erow.push_back(s.surface.error[size_t(j) * s.surface.nodes + i]);
    }
    loss.push_back(lrow);
    error.push_back(erow);
  }
  json out = {
      {"command", "landscape"},
      {"directions", std::string(toString(plane->kind))},
      {"seed", sr.seed},
      {"direction_hash", hash},
      {"range", {{"x", {r.x0, r.x1}}, {"y", {r.y0, r.y1}}}},
      {"grid", grid},
      {"levels", gridLevels(int(grid))},
      {"subset", subsetJson(*subset)},
      {"architecture", shape.describe()},
      {"parameters", shape.parameterCount()},
      {"centre",
       {{"dir", first.manifest->dir},
        {"step", first.checkpoints.back()->step},
        {"loss", s.centre.loss},
        {"error", s.centre.error}}},
      {"axes",
       {{{"label", plane->axisLabel(0)}, {"explained_variance", nullable(plane->explained[0])}},
        {{"label", plane->axisLabel(1)}, {"explained_variance", nullable(plane->explained[1])}}}},
      {"runs", runs_json},
      {"surface", {{"x", xs}, {"y", ys}, {"loss", loss}, {"error", error}}},
      {"timing",
       {{"prepare_s", s.prepare_seconds}, {"levels_s", s.level_seconds}, {"total_s", total_s}}}};
  if (pca) {
    std::vector<double> top(
        details.eigenvalues.begin(),
        details.eigenvalues.begin() + std::min<size_t>(10, details.eigenvalues.size()));
    out["pca"] = {{"checkpoints", details.eigenvalues.size()},
                  {"total_variance", details.total_variance},
                  {"eigenvalues", top}};
  }
  bool ok = writeOutput(f.csv, "--csv", gridCsv(s.surface));
  ok = writeOutput(f.json, "--json", out.dump(1) + "\n") && ok;
  ok = writeOutput(f.paths_csv, "--paths-csv", pathsCsv(s, runs)) && ok;
  return ok ? 0 : 1;
}

}  // namespace

CommandRunner addLandscapeCommand(CLI::App& app) {
  auto flags = std::make_shared<LandscapeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "landscape",
      "Loss surface of a 2D slice through trained networks' weights, with their paths");
  cmd->add_option("--checkpoints", flags->dirs,
                  "checkpoint folders (mulab-cli train --checkpoints); the first one's final "
                  "checkpoint is the centre")
      ->required()
      ->expected(1, 16);
  cmd->add_option("--directions", flags->directions,
                  "random (filter-normalised, seeded) | pca (of the checkpoints) (default random)");
  cmd->add_option("--grid", flags->grid, "nodes per side, computed coarse to fine (default 41)");
  cmd->add_option("--range", flags->range,
                  "A:B for both axes or A:B,C:D (default -1:1; pca: the paths' extent)");
  cmd->add_option("--csv", flags->csv, "write the grid as x,y,loss,error rows");
  cmd->add_option("--json", flags->json,
                  "write everything (seed, range, grid, subset, direction hash, paths, surface)");
  cmd->add_option("--paths-csv", flags->paths_csv,
                  "write the projected checkpoints (x, y, residual, true and surface loss)");
  cmd->add_flag("--quiet", flags->quiet, "no progress line on stderr");
  addSubsetFlags(*cmd, flags->subset);
  return [flags] { return runLandscape(*flags); };
}

}  // namespace mulab::cli
