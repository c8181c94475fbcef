#include "gui/landscape_view.hpp"

#include <algorithm>
#include <cmath>

#include "gui/ui_style.hpp"
#include "landscape/eval_subset.hpp"
#include "train/checkpoint_files.hpp"

namespace mulab::gui {

Result<LandscapeRequest> landscapeFromScene(const SceneLandscape& scene,
                                            const std::string& data_dir) {
  LandscapeRequest r;
  r.data_dir = data_dir;
  r.pca = scene.pca;
  r.grid = scene.grid;
  r.samples = scene.samples;
  r.seed = scene.seed;
  std::optional<CheckpointManifest> first;
  for (size_t k = 0; k < scene.checkpoints.size(); ++k) {
    const std::string field = "landscape.checkpoints[" + std::to_string(k) + "]: ";
    auto folder = loadCheckpoints(scene.checkpoints[k]);
    if (!folder) return Error{field + folder.error()};
    if (folder->checkpoints.empty())
      return Error{field + scene.checkpoints[k] + " holds no checkpoints"};
    if (!first) {
      first = folder->manifest;
      r.shape = first->shape;
      auto kind = parseDatasetKind(first->dataset);
      if (!kind) return Error{field + kind.error()};
      r.dataset = *kind;
    } else if (auto err = architectureMismatch(*first, folder->manifest)) {
      return Error{field + *err};
    } else if (folder->manifest.dataset != first->dataset) {
      return Error{field + scene.checkpoints[k] + " was trained on " + folder->manifest.dataset +
                   ", the first on " + first->dataset + "; one landscape needs one dataset"};
    }
    r.runs.push_back(
        LandscapeRun{folder->manifest.label(), paletteColor(int(k)), folder->checkpoints, nullptr});
  }
  return r;
}

void LandscapeView::open(LandscapeRequest request) {
  close();
  request_ = std::move(request);
  active_ = true;
  error_.clear();
  status_ = "loading the data and computing the plane";
  prepare_done_ = false;
  prepared_.reset();
  prepare_error_.clear();
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
  // The dataset load and the PCA (a K x K Gram over every parameter) take a
  // second or more: never on the UI thread.
  cancel_lines_ = false;
  preparer_ = std::jthread([this](std::stop_token stop) { prepare(stop); });
}

void LandscapeView::close() {
  if (preparer_.joinable()) {
    cancel_lines_ = true;
    preparer_.request_stop();
    preparer_.join();
  }
  job_.reset();  // LandscapeJob's destructor cancels and joins
  plane_.reset();
  shown_ = nullptr;
  active_ = false;
}

bool LandscapeView::busy() const {
  if (!active_) return false;
  if (playing_) return true;
  if (!job_) return error_.empty();
  const LandscapeProgress p = job_->progress();
  return p.state == LandscapeState::kWaiting || p.state == LandscapeState::kPreparing ||
         p.state == LandscapeState::kEvaluating || p.checkpoints_pending > 0 ||
         job_->version() != seen_version_;
}

std::string LandscapeView::xAxisLabel() const {
  return active_ && plane_ ? "x = " + plane_->axisLabel(0) : "";
}

void LandscapeView::prepare(std::stop_token stop) {
  auto finish = [&](std::optional<Prepared> p, std::string err) {
    std::lock_guard lock(mutex_);
    prepared_ = std::move(p);
    prepare_error_ = std::move(err);
    prepare_done_ = true;
  };
  auto data = loadDataset(request_.dataset, request_.data_dir, false);
  if (!data) return finish(std::nullopt, data.error());
  if (stop.stop_requested()) return finish(std::nullopt, "cancelled");
  if (data->train.images.rows() != request_.shape.sizes.front()) {
    return finish(std::nullopt,
                  "the network takes " + std::to_string(request_.shape.sizes.front()) +
                      " inputs, the images have " + std::to_string(data->train.images.rows()));
  }
  const long n = std::min<long>(request_.samples, data->train.size());
  auto subset =
      std::make_shared<EvalSubset>(stratifiedSubset(data->train, n, request_.seed, "train"));
  std::vector<std::vector<CheckpointPtr>> paths;
  for (const LandscapeRun& r : request_.runs) paths.push_back(r.checkpoints);
  auto setup = planeForPaths(request_.shape, paths, request_.pca, request_.seed);
  if (!setup) return finish(std::nullopt, setup.error());
  finish(Prepared{setup->plane, subset, setup->range}, "");
  interpolateRuns(subset);
}

void LandscapeView::interpolateRuns(std::shared_ptr<const EvalSubset> subset) {
  // close() sets cancel_lines_ with the stop request: interpolate() polls an
  // atomic flag, and the web's libc++ has no std::stop_callback to bridge them.
  const std::atomic<bool>& cancel = cancel_lines_;
  std::vector<std::vector<LinePoint>> lines;
  for (const LandscapeRun& r : request_.runs) {
    if (r.checkpoints.size() < 2) {
      lines.emplace_back();
      continue;
    }
    lines.push_back(interpolate(request_.shape, r.checkpoints.front()->theta, r.checkpoints.back()->theta, subset,
                                -0.5, 1.5, 41, &cancel));
    if (cancel) return;
  }
  std::lock_guard lock(mutex_);
  lines_ = std::move(lines);
  lines_done_ = true;
}

void LandscapeView::adoptPrepared(ExplorerState& state) {
  std::optional<Prepared> p;
  {
    std::lock_guard lock(mutex_);
    if (!prepare_done_) return;
    p = std::move(prepared_);
    error_ = prepare_error_;
    prepare_done_ = false;
  }
  if (!p) {
    status_.clear();
    state.error = "landscape: " + error_;
    return;
  }
  plane_ = p->plane;
  job_ = std::make_shared<LandscapeJob>(p->plane, p->subset, p->range, request_.grid);
  for (size_t k = 0; k < request_.runs.size(); ++k)
    job_->addCheckpoints(int(k), request_.runs[k].checkpoints);
  job_->start();
  // The toy optimisers do not run on a network's slice: the paths are the runs.
  state.runs.clear();
  state.focus = 0;
  // The surface list names it; the scene's title (if any) stays as it is.
  name_ = std::string(p->plane->kind == PlaneKind::kPca ? "PCA plane" : "Random plane") + " of " +
          std::to_string(request_.runs.size()) + (request_.runs.size() == 1 ? " run" : " runs") +
          " · " + request_.shape.describe();
  state.scene.basin_map = false;
  state.scene.equal_scale = false;
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
    open(std::move(again));
  }
  if (!job_ && !plane_) {
    if (wait && preparer_.joinable()) preparer_.join();
    adoptPrepared(state);
    if (!job_) return;
  }
  if (!job_) return;
  // Another surface chosen in the explorer ends the landscape.
  if (shown_ && state.surface.get() != shown_) {
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
    state.surface = std::make_shared<LandscapeSurface>(snap_.surface, name_);
    shown_ = state.surface.get();
    if (!fitted_) {
      state.fitView();
      fitted_ = true;
      // The paths play from their initialisations; a headless picture shows them whole.
      cursor_ = wait ? 1e300 : 0.0;
      playing_ = !wait;
    }
  }
  const LandscapeProgress p = job_->progress();
  if (p.state == LandscapeState::kFailed) state.error = "landscape: " + p.error;
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
