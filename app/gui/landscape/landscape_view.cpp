#include "gui/landscape/landscape_view.hpp"

#include <algorithm>
#include <cmath>

#include "gui/widgets/ui_style.hpp"

namespace mulab::gui {

Result<LandscapeRequest> landscapeFromScene(const SceneLandscape& scene,
                                            const std::string& data_dir) {
  LandscapeRequest r;
  r.data_dir = data_dir;
  r.pca = scene.pca;
  r.grid = scene.grid;
  r.samples = scene.samples;
  r.seed = scene.seed;
  for (size_t k = 0; k < scene.checkpoints.size(); ++k) {
    const std::string field = "landscape.checkpoints[" + std::to_string(k) + "]: ";
    if (auto err = addCheckpointFolder(r, scene.checkpoints[k])) return Error{field + *err};
    // Loaded now, not by the preparation: a bad folder leaves the explorer as it was.
    if (auto err = loadRunCheckpoints(r.runs.back())) return Error{field + *err};
    r.runs.back().name = "run " + std::to_string(k);
  }
  return r;
}

void LandscapeView::open(LandscapeRequest request, std::vector<Color> colors) {
  close();
  request_ = std::move(request);
  colors_ = std::move(colors);
  for (size_t k = colors_.size(); k < request_.runs.size(); ++k) colors_.push_back(paletteColor(int(k)));
  active_ = true;
  error_.clear();
  status_ = "loading the data and computing the plane";
  adopted_ = false;
  lines_.clear();
  lines_done_ = false;
  line_view_ = PlotView{};
  fitted_ = false;
  recompute_ = false;
  seen_version_ = -1;
  snap_ = LandscapeSnapshot{};
  cursor_ = 0;
  last_step_ = 0;
  playing_ = false;
  live_versions_.assign(request_.runs.size(), -1);
  // The budget, the dataset load and the PCA (a K x K Gram over every
  // parameter) take a second or more: never on the UI thread.
  preparation_ = std::make_unique<LandscapePreparation>(request_, true);
}

void LandscapeView::close() {
  preparation_.reset();  // cancels and joins
  job_.reset();          // LandscapeJob's destructor cancels and joins
  plane_.reset();
  shown_ = nullptr;
  active_ = false;
}

bool LandscapeView::busy() const {
  if (!active_) return false;
  if (playing_) return true;
  if (preparation_ && !preparation_->job().finished()) return true;
  if (!job_) return error_.empty();
  const LandscapeProgress p = job_->progress();
  return p.state == LandscapeState::kWaiting || p.state == LandscapeState::kPreparing ||
         p.state == LandscapeState::kEvaluating || p.checkpoints_pending > 0 ||
         job_->version() != seen_version_;
}

std::string LandscapeView::xAxisLabel() const {
  return active_ && plane_ ? "x = " + plane_->axisLabel(0) : "";
}

void LandscapeView::adoptPrepared(ExplorerState& state) {
  if (adopted_ || !preparation_ || !preparation_->prepared()) return;
  adopted_ = true;
  if (auto err = preparation_->error()) {
    error_ = err->message;
    status_.clear();
    state.reportError("landscape: " + error_);
    return;
  }
  const PreparedLandscape& p = preparation_->result();
  plane_ = p.plane;
  job_ = std::make_shared<LandscapeJob>(p.plane, p.subset, p.range, request_.grid);
  for (size_t k = 0; k < request_.runs.size(); ++k)
    job_->addCheckpoints(int(k), request_.runs[k].checkpoints);
  job_->start();
  // The toy optimisers do not run on a network's slice: the paths are the runs.
  state.beginLandscape();
  // The surface list names it; the scene's title (if any) stays as it is.
  name_ = std::string(p.plane->kind == PlaneKind::kPca ? "PCA plane" : "Random plane") + " of " +
          std::to_string(request_.runs.size()) + (request_.runs.size() == 1 ? " run" : " runs") +
          " · " + request_.shape.describe();
}

void LandscapeView::pollLiveRuns() {
  for (size_t k = 0; k < request_.runs.size(); ++k) {
    const auto& live = request_.runs[k].live;
    if (!live) continue;
    const long v = live->checkpointVersion();
    if (v == live_versions_[k]) continue;
    live_versions_[k] = v;
    // Steps already queued are skipped by the job: only new checkpoints cost.
    job_->addCheckpoints(int(k), live->checkpoints().items);
  }
}

void LandscapeView::sync(ExplorerState& state, bool wait) {
  if (!active_) return;
  if (recompute_) {
    // The plane was fitted to the checkpoints of its day: live runs have
    // moved on (maybe off the grid). A new plane over all of them now.
    LandscapeRequest again = request_;
    for (LandscapeRun& r : again.runs) {
      if (r.live) r.checkpoints = r.live->checkpoints().items;
    }
    open(std::move(again), colors_);
  }
  if (!job_ && !plane_) {
    if (wait && preparation_) preparation_->wait();
    adoptPrepared(state);
    if (!job_) return;
  }
  if (preparation_ && !lines_done_ && preparation_->linesReady()) {
    lines_ = preparation_->lines();
    lines_done_ = true;
  }
  // Another surface chosen in the explorer ends the landscape.
  if (shown_ && state.surface().get() != shown_) {
    close();
    return;
  }
  pollLiveRuns();
  if (wait) job_->wait();
  const long v = job_->version();
  if (v == seen_version_) return;
  seen_version_ = v;
  const int nodes_before = snap_.surface.nodes;
  snap_ = job_->snapshot();
  if (snap_.surface.nodes > 0 && snap_.surface.nodes != nodes_before) {
    state.showLandscapeSurface(std::make_shared<LandscapeSurface>(snap_.surface, name_), !fitted_);
    shown_ = state.surface().get();
    if (!fitted_) {
      fitted_ = true;
      // The paths play from their initialisations; a headless picture shows them whole.
      cursor_ = wait ? 1e300 : 0.0;
      playing_ = !wait;
    }
  }
  const LandscapeProgress p = job_->progress();
  if (p.state == LandscapeState::kFailed) state.reportError("landscape: " + p.error);
}

void LandscapeView::drawControls(ExplorerState& state) {
  if (!active_) return;
  if (!ImGui::CollapsingHeader("Network landscape", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!job_) {
    ImGui::TextWrapped("%s", error_.empty() ? status_.c_str() : ("failed: " + error_).c_str());
    if (ImGui::SmallButton("Close landscape")) close();
    return;
  }
  const Plane& plane = job_->plane();
  ImGui::TextWrapped("x: %s", plane.axisLabel(0).c_str());
  ImGui::TextWrapped("y: %s", plane.axisLabel(1).c_str());
  ImGui::TextWrapped("%s · centre loss %.4f", job_->subset().describe().c_str(), snap_.centre.loss);
  const LandscapeProgress p = job_->progress();
  const bool computing = p.state == LandscapeState::kPreparing ||
                         p.state == LandscapeState::kEvaluating ||
                         p.state == LandscapeState::kWaiting;
  if (computing) {
    char line[128];
    std::snprintf(line, sizeof line, "%s level %d/%d · %.0f%%", toString(p.state).data(),
                  p.level + 1, p.levels, 100 * p.fraction());
    ImGui::ProgressBar(float(p.fraction()), ImVec2(-ui::px(70), 0), line);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) job_->cancel();
  } else {
    ImGui::Text("%d × %d nodes · %s", snap_.surface.nodes, snap_.surface.nodes,
                toString(p.state).data());
    if (p.state == LandscapeState::kIdle && snap_.surface.nodes < kMaxGrid) {
      if (ImGui::SmallButton("Refine")) job_->refine();
      ImGui::SameLine();
    }
  }
  if (p.checkpoints_pending > 0) ImGui::Text("%ld checkpoints to project", p.checkpoints_pending);
  // Playback of the paths along their checkpoints.
  if (ImGui::SmallButton(playing_ ? "Pause##paths" : "Play##paths")) {
    if (!playing_ && cursor_ >= double(last_step_)) cursor_ = 0;  // replay from the start
    playing_ = !playing_;
  }
  ImGui::SameLine();
  float step = float(std::min(cursor_, double(last_step_)));
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::SliderFloat("##path_step", &step, 0, float(std::max(1L, last_step_)), "paths at step %.0f")) {
    cursor_ = std::round(step);
    playing_ = false;
  }
  const GridRange& r = snap_.surface.range;
  long outside = 0;
  for (const ProjectedCheckpoint& q : snap_.points) {
    outside += q.at.x < r.x0 || q.at.x > r.x1 || q.at.y < r.y0 || q.at.y > r.y1;
  }
  if (outside > 0)
    ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "%ld checkpoints lie outside the grid", outside);
  const bool live = std::any_of(request_.runs.begin(), request_.runs.end(),
                                [](const LandscapeRun& x) { return x.live; });
  if (live && ImGui::SmallButton("New plane over every checkpoint")) recompute_ = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The plane was computed from the checkpoints kept when it was opened");
  if (ImGui::SmallButton("Close landscape")) close();
  ImGui::TextDisabled("Faded path: residual > %.2f (the", kFadeResidual);
  ImGui::TextDisabled("checkpoint lies off the plane).");
  (void)state;
}

}  // namespace mulab::gui
