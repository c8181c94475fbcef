// A network loss landscape in the explorer: checkpoints of one or more runs
// (lab runs, live or finished, or CLI checkpoint folders from a scene) -> a
// plane and an evaluation subset, prepared by core's landscape pipeline on a
// background job (core/landscape/landscape_preparation.hpp, what `mulab-cli
// landscape` runs too) -> a LandscapeJob evaluating the grid coarse to fine
// -> each new snapshot's finest level becomes the explorer's surface
// (LandscapeSurface), so the heatmap, contours, colour bar and 3D view are
// the usual ones. The runs' projected paths are drawn over it
// (landscape_overlay.cpp), faded where the off-plane residual is large. Data
// flows one way: the UI only reads the jobs' state and snapshots; live runs'
// new checkpoints are handed to the job as they come.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "gui/explorer/explorer_state.hpp"
#include "gui/widgets/plot.hpp"
#include "gui/explorer/surface_view.hpp"
#include "landscape/landscape_job.hpp"
#include "landscape/landscape_pipeline.hpp"
#include "landscape/landscape_preparation.hpp"
#include "landscape/landscape_surface.hpp"

namespace mulab::gui {

// Residuals above this are drawn faded: less than 3/4 of the checkpoint's
// distance from the centre lies in the plane, so the surface under it is
// not the loss it had.
inline constexpr double kFadeResidual = 0.25;

// Reads the scene's checkpoint folders (manifests and tensors) into a
// request through the pipeline; the error names the field and the folder.
// The runs are named "run 0", "run 1", ... in the preparation's errors.
Result<LandscapeRequest> landscapeFromScene(const SceneLandscape& scene,
                                            const std::string& data_dir);

class LandscapeView {
 public:
  ~LandscapeView() { close(); }
  // Replaces any landscape shown: the previous jobs are cancelled and joined.
  // colors[k] draws run k (missing ones: the palette's k-th colour).
  void open(LandscapeRequest request, std::vector<Color> colors = {});
  // Cancels and joins everything; the explorer keeps its last surface.
  void close();
  bool active() const { return active_; }
  bool busy() const;
  // "x = PC1, 75.0% of the variance" once the plane is known, else "".
  std::string xAxisLabel() const;

  // Every frame, before the view draws: adopts the prepared plane (or shows
  // why there is none, the budget's refusal included, in the error banner),
  // hands live runs' new checkpoints to the job and, when the job has a new
  // snapshot, makes its grid the explorer's surface. `wait` (headless):
  // blocks until everything is computed, so screenshots are deterministic.
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
  // Each run's line from its initialisation to its last checkpoint
  // (Goodfellow et al. 2015), computed by the preparation after the plane.
  void drawInterpolation(ImVec2 size);
  void adoptPrepared(ExplorerState& state);
  void pollLiveRuns();

  LandscapeRequest request_;
  std::vector<Color> colors_;  // per run: the pipeline has no colours
  bool active_ = false;
  std::string status_, error_;
  std::string name_;  // "PCA plane of 2 runs · 784-8-10 relu"

  std::unique_ptr<LandscapePreparation> preparation_;  // budget, subset, plane, then the lines
  bool adopted_ = false;                               // its plane went to job_ (or its error shown)
  std::vector<std::vector<LinePoint>> lines_;          // copied once the preparation has them
  bool lines_done_ = false;
  PlotView line_view_;
  PlotLegend line_legend_;

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
