// A network loss landscape in the explorer (issue 15): checkpoints of one or
// more runs (lab runs, live or finished, or CLI checkpoint folders from a
// scene) -> a plane and an evaluation subset, prepared on a thread of its own
// -> a LandscapeJob evaluating the grid coarse to fine -> each new snapshot's
// finest level becomes the explorer's surface (LandscapeSurface), so the
// heatmap, contours, colour bar and 3D view are the usual ones. The runs'
// projected paths are drawn over it (landscape_overlay.cpp), faded where the
// off-plane residual is large. Data flows one way: the UI only takes
// snapshots; live runs' new checkpoints are handed to the job as they come.
#pragma once

#include <imgui.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "data/dataset.hpp"
#include "gui/explorer_state.hpp"
#include "gui/surface_view.hpp"
#include "gui/plot.hpp"
#include "landscape/interpolation.hpp"
#include "landscape/landscape_job.hpp"
#include "landscape/landscape_surface.hpp"
#include "train/run.hpp"

namespace mulab::gui {

// Residuals above this are drawn faded: less than 3/4 of the checkpoint's
// distance from the centre lies in the plane, so the surface under it is
// not the loss it had.
inline constexpr double kFadeResidual = 0.25;

struct LandscapeRun {
  std::string label;
  Color color{1, 1, 1};
  std::vector<CheckpointPtr> checkpoints;   // by step, first = initialisation
  std::shared_ptr<const TrainingRun> live;  // polled for new checkpoints, if set
};

struct LandscapeRequest {
  NetShape shape;
  DatasetKind dataset = DatasetKind::kMnist;
  std::string data_dir;
  std::vector<LandscapeRun> runs;
  bool pca = true;
  int grid = 41;
  long samples = 1000;
  uint64_t seed = 1;
};

// Reads the scene's checkpoint folders into a request; the error names the
// field and the folder.
Result<LandscapeRequest> landscapeFromScene(const SceneLandscape& scene,
                                            const std::string& data_dir);

class LandscapeView {
 public:
  ~LandscapeView() { close(); }
  // Replaces any landscape shown: the previous job is cancelled and joined.
  void open(LandscapeRequest request);
  // Cancels and joins everything; the explorer keeps its last surface.
  void close();
  bool active() const { return active_; }
  bool busy() const;
  // "x = PC1, 75.0% of the variance" once the plane is known, else "".
  std::string xAxisLabel() const;

  // Every frame, before the view draws: adopts the prepared plane, hands live
  // runs' new checkpoints to the job and, when the job has a new snapshot,
  // makes its grid the explorer's surface. `wait` (headless): blocks until
  // everything is computed, so screenshots are deterministic.
  void sync(ExplorerState& state, bool wait);
  // The settings column's section: what the plane is, progress and Cancel.
  void drawControls(ExplorerState& state);
  // landscape_overlay.cpp: paths over the 2D view, and the hover readout.
  // In 3D the paths lie on the mesh, at the surface's value under each checkpoint.
  void drawOverlay(ImDrawList* dl, const ViewMapping& m, const SurfaceView::ProjectFn& project,
                   bool three_d) const;
  bool drawHover(const ViewMapping& m, const Vec2& at) const;
  // Moves the paths' playback on (landscape_overlay.cpp): the runs travel
  // their checkpoints in kPlaySeconds, then stay at the end (following a live
  // run's new checkpoints).
  void play(float dt);
  static constexpr double kPlaySeconds = 6.0;
  // Under the view: every projected checkpoint, its residual, true loss and
  // the surface's value there, side by side; beside it each run's 1D
  // interpolation from its initialisation to its last checkpoint.
  void drawTable(ImVec2 size);

 private:
  struct Prepared {
    std::shared_ptr<const Plane> plane;
    std::shared_ptr<const EvalSubset> subset;
    GridRange range;
  };
  void prepare(std::stop_token stop);
  // Goodfellow et al. 2015: loss along (1 - alpha) theta_init + alpha theta_last,
  // alpha in [-0.5, 1.5], per run, on the landscape's subset (preparer thread).
  void interpolateRuns(std::shared_ptr<const EvalSubset> subset);
  void drawInterpolation(ImVec2 size);
  void adoptPrepared(ExplorerState& state);
  void pollLiveRuns();

  LandscapeRequest request_;
  bool active_ = false;
  std::string status_, error_;
  std::string name_;  // "PCA plane of 2 runs · 784-8-10 relu"

  std::mutex mutex_;  // guards prepared_ and prepare_error_, written by preparer_
  std::optional<Prepared> prepared_;
  std::string prepare_error_;
  bool prepare_done_ = false;
  // Per run, the interpolation line (written by preparer_ after the plane).
  std::vector<std::vector<LinePoint>> lines_;
  bool lines_done_ = false;
  std::atomic<bool> cancel_lines_{false};  // set by close(): stops interpolateRuns()
  PlotView line_view_;
  PlotLegend line_legend_;
  std::jthread preparer_;

  std::shared_ptr<const Plane> plane_;
  std::shared_ptr<LandscapeJob> job_;
  std::vector<long> live_versions_;  // per run: the checkpoint version handed over
  long seen_version_ = -1;
  LandscapeSnapshot snap_;
  bool fitted_ = false;             // the view was fitted to the first level
  const Surface* shown_ = nullptr;  // the surface last handed to the explorer
  bool recompute_ = false;          // asked for: a new plane over every checkpoint now kept
  double cursor_ = 0;               // the step the paths are played to
  long last_step_ = 0;              // the last checkpoint's step
  bool playing_ = false;
};

}  // namespace mulab::gui
