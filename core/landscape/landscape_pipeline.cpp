#include "landscape/landscape_pipeline.hpp"

#include <algorithm>

#include "landscape/landscape_surface.hpp"
#include "util/background_job.hpp"

namespace mulab {

std::optional<std::string> addCheckpointFolder(LandscapeRequest& r, const std::string& dir) {
  auto m = readCheckpointManifest(dir);
  if (!m) return m.error();
  if (r.runs.empty()) {
    auto kind = parseDatasetKind(m->dataset);
    if (!kind) return kind.error();
    r.shape = m->shape;
    r.dataset = *kind;
  } else {
    const std::optional<CheckpointManifest>& first = r.runs.front().manifest;
    if (!first) return dir + ": a checkpoint folder cannot join runs that are not folders";
    if (auto err = architectureMismatch(*first, *m)) return err;
    if (m->dataset != first->dataset) {
      return dir + " was trained on " + m->dataset + ", " + first->dir + " on " + first->dataset +
             "; one landscape needs one dataset";
    }
  }
  LandscapeRun run;
  run.name = dir;
  run.label = m->label();
  run.seed = m->seed;
  run.manifest = std::move(*m);
  r.runs.push_back(std::move(run));
  return std::nullopt;
}

std::optional<std::string> loadRunCheckpoints(LandscapeRun& run) {
  if (!run.manifest || !run.checkpoints.empty()) return std::nullopt;
  auto folder = loadCheckpoints(run.manifest->dir);
  if (!folder) return folder.error();
  run.manifest = std::move(folder->manifest);
  run.checkpoints = std::move(folder->checkpoints);
  return std::nullopt;
}

LandscapeRequestSize landscapeSize(const LandscapeRequest& r) {
  LandscapeRequestSize size;
  size.shape = r.shape;
  for (const LandscapeRun& run : r.runs) {
    size.checkpoints += !run.checkpoints.empty() || !run.manifest
                            ? long(run.checkpoints.size())
                            : long(run.manifest->entries.size());
  }
  size.samples = r.samples;
  size.grid = r.grid;
  return size;
}

std::optional<LandscapeError> checkBudget(const LandscapeRequest& r) {
  const uint64_t limit = r.memory_limit ? r.memory_limit : defaultMemoryLimit();
  if (auto refusal = landscapeOverBudget(landscapeSize(r), limit)) {
    return LandscapeError{refusal->option, refusal->message};
  }
  return std::nullopt;
}

std::optional<std::string> sharedStartError(const std::vector<LandscapeRun>& runs) {
  std::vector<std::vector<CheckpointPtr>> paths;
  std::vector<std::string> names;
  std::vector<std::optional<uint64_t>> seeds;
  for (const LandscapeRun& run : runs) {
    paths.push_back(run.checkpoints);
    names.push_back(run.name);
    seeds.push_back(run.seed);
  }
  return sharedStartError(paths, names, seeds);
}

std::optional<LandscapeError> loadLandscapeSubset(const LandscapeRequest& r,
                                                  std::shared_ptr<const EvalSubset>& subset) {
  auto data = loadDataset(r.dataset, r.data_dir, r.data_dir_implicit);
  if (!data) return LandscapeError{"", data.error(), false};
  const Dataset& set = r.test_split ? data->test : data->train;
  if (set.images.rows() != r.shape.sizes.front()) {
    const std::string name = r.runs.empty() ? "the network" : r.runs.front().name;
    return LandscapeError{"",
                          name + ": the network takes " + std::to_string(r.shape.sizes.front()) +
                              " inputs, the " + toString(r.dataset).data() + " images have " +
                              std::to_string(set.images.rows()) + " pixels",
                          false};
  }
  if (r.samples > set.size()) {
    return LandscapeError{"samples", std::to_string(r.samples) + " is more than the " +
                                         std::to_string(set.size()) + " samples of the " +
                                         (r.test_split ? "test" : "training") + " set"};
  }
  subset = std::make_shared<EvalSubset>(
      stratifiedSubset(set, r.samples, r.seed, r.test_split ? "test" : "train"));
  return std::nullopt;
}

std::optional<LandscapeError> prepareLandscape(LandscapeRequest& r, JobContext& ctx,
                                               PreparedLandscape& out) {
  const LandscapeError cancelled{"", "cancelled", false};
  if (r.runs.empty()) return LandscapeError{"checkpoints", "no runs given"};
  if (auto err = checkBudget(r)) return err;
  if (auto err = loadLandscapeSubset(r, out.subset)) return err;
  for (LandscapeRun& run : r.runs) {
    if (ctx.cancelled()) return cancelled;
    if (auto err = loadRunCheckpoints(run)) return LandscapeError{"", *err, false};
  }
  if (ctx.cancelled()) return cancelled;
  if (r.pca && r.runs.size() > 1) {
    if (auto err = sharedStartError(r.runs)) return LandscapeError{"checkpoints", *err};
  }
  std::vector<std::vector<CheckpointPtr>> paths;
  for (const LandscapeRun& run : r.runs) paths.push_back(run.checkpoints);
  auto setup = planeForPaths(r.shape, paths, r.pca, r.seed, &out.details, ctx.threads());
  if (!setup) return LandscapeError{"checkpoints", setup.error()};
  out.plane = setup->plane;
  out.range = r.range.value_or(setup->range);
  return std::nullopt;
}

}  // namespace mulab
