// A network loss landscape computed on a background job
// (util/background_job.hpp), for the GUI to poll and the CLI to wait on:
// the first-layer products, then the grid's
// levels coarse to fine (nested_grid.hpp), with the runs' checkpoints
// projected onto the plane (coordinates, off-plane residual, true loss and
// the surface's value there) as soon as the first level is done. Live runs
// keep appending checkpoints; refine() asks for one more level. Cancel is
// honoured between two grid nodes (a node costs milliseconds). The plane and
// subset come from the landscape pipeline (landscape_pipeline.hpp).
//
//   auto job = std::make_shared<LandscapeJob>(plane, subset, range, 41);
//   job->addCheckpoints(0, run->checkpoints().items);
//   job->start();
//   ... every frame: if (job->version() != seen) snap = job->snapshot();
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "landscape/nested_grid.hpp"
#include "landscape/plane.hpp"
#include "landscape/plane_evaluator.hpp"
#include "landscape/projection.hpp"
#include "train/checkpoint.hpp"
#include "util/background_job.hpp"

namespace mulab {

struct ProjectedCheckpoint {
  int run = 0;  // the index given to addCheckpoints
  long step = 0;
  double epoch = 0;
  double test_error = NAN;  // as recorded by the run (NaN if not evaluated there)
  PlaneCoordinates at;      // x, y, residual, distance
  LossAndError truth;       // L(theta_k) on the landscape's subset
  LossAndError surface;     // the plane's value at (x, y): what the picture shows there
};

enum class LandscapeState { kWaiting, kPreparing, kEvaluating, kIdle, kCancelled, kFailed };
std::string_view toString(LandscapeState s);

struct LandscapeProgress {
  LandscapeState state = LandscapeState::kWaiting;
  int level = 0, levels = 0;             // level being evaluated (0-based) of how many
  long nodes_done = 0, nodes_total = 0;  // over all levels
  long checkpoints_pending = 0;
  double fraction() const { return nodes_total ? double(nodes_done) / double(nodes_total) : 0.0; }
  std::string error;  // why it failed
};

struct LandscapeSnapshot {
  long version = 0;
  GridSurface surface;  // the finest complete level (nodes == 0 before the first)
  std::vector<ProjectedCheckpoint> points;  // in the order projected
  LossAndError centre;                      // L(centre) on the subset
  std::vector<double> level_seconds;        // wall time of each complete level
  double prepare_seconds = 0;               // the first-layer products
};

class LandscapeJob {
 public:
  LandscapeJob(std::shared_ptr<const Plane> plane, std::shared_ptr<const EvalSubset> subset,
               GridRange range, int grid);
  ~LandscapeJob();  // cancels and joins

  // Threads evaluating nodes and checkpoints in parallel (default: the
  // machine's cores, util/compute_threads.hpp); call before start().
  void setWorkerThreads(int threads) { job_.setThreads(threads); }
  void start();
  // Stops between two nodes and joins.
  void cancel();
  // Blocks until every level and queued checkpoint is done, or cancelled/failed.
  void wait();

  // Queues checkpoints of run `run` for projection (any thread, any time);
  // checkpoints already projected for that run (same step) are skipped.
  void addCheckpoints(int run, const std::vector<CheckpointPtr>& checkpoints);
  // One more level of 2G - 1 nodes per side; false at kMaxGrid.
  bool refine();

  LandscapeProgress progress() const;
  long version() const;
  LandscapeSnapshot snapshot() const;
  const Plane& plane() const { return *plane_; }
  const EvalSubset& subset() const { return *subset_; }

 private:
  void body(JobContext& ctx);
  bool projectPending(const PlaneEvaluator& eval, JobContext& ctx);
  void setState(LandscapeState s, const std::string& error = {});

  std::shared_ptr<const Plane> plane_;
  std::shared_ptr<const EvalSubset> subset_;
  NestedGrid grid_;           // the worker's alone: values are published through snapshot_
  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable_any wake_;
  size_t levels_done_ = 0;
  int refines_ = 0, planned_finest_ = 0;
  std::deque<std::pair<int, CheckpointPtr>> pending_;
  std::set<std::pair<int, long>> queued_;  // (run, step) ever queued
  LandscapeProgress progress_;
  LandscapeSnapshot snapshot_;
  bool started_ = false;
  BackgroundJob job_;  // last: joins before the rest goes
};

}  // namespace mulab
