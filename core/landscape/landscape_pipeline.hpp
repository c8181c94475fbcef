// One network landscape from what the user asked for to what LandscapeJob
// evaluates, for every face: the explorer's landscape view (the lab's
// Landscape button, a scene's "landscape") and `mulab-cli landscape` /
// `interpolate`. The steps, in the order they run:
//
//   1. runs: checkpoint folders read into the request (addCheckpointFolder:
//      manifests only, checked against each other: one architecture, one
//      dataset), or a lab's runs with their checkpoints in memory;
//   2. the budget: memory and work against their limits, before anything
//      is loaded (landscape_budget.hpp);
//   3. the evaluation subset (dataset load, class-stratified draw);
//   4. every folder's tensors;
//   5. a joint PCA plane needs runs with one initialisation
//      (sharedStartError, pca_plane.hpp);
//   6. the plane and its range (planeForPaths, landscape_surface.hpp).
//
// Steps 2-6 are prepareLandscape(), which runs on a background job
// (landscape_preparation.hpp). Every error is a LandscapeError: one line,
// with the CLI flag it is about, so the CLI prints "--flag: message" and
// the GUI "landscape: message".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "landscape/eval_subset.hpp"
#include "landscape/landscape_budget.hpp"
#include "landscape/nested_grid.hpp"
#include "landscape/pca_plane.hpp"
#include "landscape/plane.hpp"
#include "train/checkpoint_files.hpp"
#include "train/run.hpp"

namespace mulab {

class JobContext;

struct LandscapeRun {
  std::string name;                            // how errors name it: its folder, or the GUI's name
  std::string label;                           // for legends: "bp adam + additive (seed 1)"
  std::optional<uint64_t> seed;                // quoted when its start differs from the first run's
  std::optional<CheckpointManifest> manifest;  // a run read from a checkpoint folder
  std::vector<CheckpointPtr> checkpoints;  // by step, first = initialisation; empty: not loaded yet
  std::shared_ptr<const TrainingRun> live;  // polled for new checkpoints, if set
};

struct LandscapeRequest {
  NetShape shape;
  DatasetKind dataset = DatasetKind::kMnist;
  std::string data_dir;            // as resolveDataDir() gives it
  bool data_dir_implicit = false;  // no folder named: Fashion-MNIST may come from Debian's
  std::vector<LandscapeRun> runs;  // the first one's last checkpoint is the centre
  bool pca = true;                 // PCA plane of the paths, or random filter-normalised
  int grid = 41;                   // nodes per side of the finest level
  long samples = 1000;             // of the evaluation subset
  bool test_split = false;         // the subset from the test set instead of the training set
  uint64_t seed = 1;               // of the subset and of random directions
  std::optional<GridRange> range;  // default: the paths' extent (PCA) or [-1, 1]^2
  uint64_t memory_limit = 0;       // 0: defaultMemoryLimit() (train/memory_budget.hpp)
};

struct LandscapeError {
  std::string option;   // the CLI flag it is about, without "--" ("" when it names a file)
  std::string message;  // one line
  bool usage = true;    // false: a file could not be read, or the job failed (CLI status 1)
  // "--option: message", or the message alone.
  std::string text() const { return option.empty() ? message : "--" + option + ": " + message; }
};

// Reads DIR's manifest (not its tensors) into one more run, named by DIR,
// refusing a folder of another architecture or dataset than the first run's
// (which must be a folder too). The error names the folder or its file.
std::optional<std::string> addCheckpointFolder(LandscapeRequest& request, const std::string& dir);

// Loads the tensors of a run read from a folder, if not loaded yet; the
// error names the file (missing, corrupt, truncated, wrongly shaped).
std::optional<std::string> loadRunCheckpoints(LandscapeRun& run);

// The request's size for the budget: its runs' checkpoints (loaded, or as
// listed by their manifests), samples and grid.
LandscapeRequestSize landscapeSize(const LandscapeRequest& request);
// The budget check (landscape_budget.hpp) under the request's memory limit.
std::optional<LandscapeError> checkBudget(const LandscapeRequest& request);

// Why the runs cannot share a PCA plane (sharedStartError over their
// checkpoints, names and seeds), if they cannot.
std::optional<std::string> sharedStartError(const std::vector<LandscapeRun>& runs);

// Loads the dataset and draws the evaluation subset.
std::optional<LandscapeError> loadLandscapeSubset(const LandscapeRequest& request,
                                                  std::shared_ptr<const EvalSubset>& subset);

struct PreparedLandscape {
  std::shared_ptr<const Plane> plane;
  std::shared_ptr<const EvalSubset> subset;
  GridRange range;     // the request's, or the one the plane was framed with
  PcaDetails details;  // PCA planes: the Gram's eigenvalues
};

// Steps 2-6 on the job's threads; loads the folder runs' tensors into
// `request`. Looks at the job's cancel flag between steps ("cancelled").
std::optional<LandscapeError> prepareLandscape(LandscapeRequest& request, JobContext& ctx,
                                               PreparedLandscape& out);

}  // namespace mulab
