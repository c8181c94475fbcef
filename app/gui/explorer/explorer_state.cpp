// The explorer's model: scenes, the surface, a landscape's surfaces, the runs
// and the display preferences. The history is in explorer_history.cpp, the
// previews and the timeline in explorer_previews.cpp.
#include "gui/explorer/explorer_state.hpp"

#include <algorithm>
#include <cmath>

#include "surfaces/formula_surface.hpp"

namespace mulab::gui {

std::string runLabel(const SceneRun& run) {
  return describe(run.optimizer);
}

ExplorerState::ExplorerState() {
  Scene s;
  s.surface = "rosenbrock";
  for (int i = 0; i < 3; ++i) {
    SceneRun r;
    r.optimizer.rule = static_cast<UpdateRule>(i);
    r.optimizer.lr_out = 0.1;
    r.start = Vec2(-1.5, 2.5);
    r.color = paletteColor(i);
    s.runs.push_back(r);
  }
  applyScene(s);
}

// [SECTION] Scenes

bool ExplorerState::applyScene(const Scene& s) {
  auto made = makeSceneSurface(s);
  if (!made) {
    error_ = made.error();
    return false;
  }
  scene_ = s;
  scene_.runs.clear();
  surface_ = *made;
  surface_id_ = next_surface_id_++;
  landscape_ = false;
  view_ = s.view.value_or(surface_->info().window);
  camera_ = OrbitCamera{s.yaw, s.pitch, s.distance};
  runs_.clear();
  for (const SceneRun& r : s.runs) runs_.push_back(makeRun(r, true));
  focus_ = std::clamp(s.basin_map ? s.basin_run : 0, 0, std::max(0, int(runs_.size()) - 1));
  cursor_ = double(s.advance_steps);
  stop_carried_over_ = false;
  clearHistory();
  ++version_;
  return true;
}

Scene ExplorerState::toScene() const {
  Scene s = scene_;
  s.view = view_;
  s.yaw = camera_.yaw;
  s.pitch = camera_.pitch;
  s.distance = camera_.distance;
  s.runs.clear();
  for (const ExplorerRun& r : runs_) s.runs.push_back(r.spec);
  s.basin_run = std::max(0, focus_);
  s.advance_steps = long(cursor_);
  return s;
}

// [SECTION] The surface

void ExplorerState::beginSurfaceEdit(bool undoable) {
  if (landscape_) {
    clearHistory();
    landscape_ = false;
  } else if (undoable) {
    pushUndo();
  }
  surface_id_ = next_surface_id_++;
}

void ExplorerState::nameSurface(const std::string& name) {
  if (name != scene_.surface) {
    scene_.title.clear();  // they described the old surface
    scene_.description.clear();
    stop_carried_over_ = true;
  }
  scene_.surface = name;
}

void ExplorerState::recomputeRuns() {
  for (ExplorerRun& r : runs_) resetPreview(r);
  ++version_;
}

bool ExplorerState::setSurface(const std::string& name, const SurfaceParams& params) {
  auto made = makeSurface(name, params);
  if (!made) {
    error_ = made.error();
    return false;
  }
  beginSurfaceEdit(true);
  surface_ = *made;
  nameSurface(name);
  scene_.surface_params = params;
  view_ = surface_->info().window;
  for (ExplorerRun& r : runs_) r.spec.start = surface_->info().standard_start;
  recomputeRuns();
  cursor_ = 0;
  return true;
}

bool ExplorerState::setSurfaceParams(const SurfaceParams& params, bool undoable) {
  auto made = makeSurface(scene_.surface, params);
  if (!made) {
    error_ = made.error();
    return false;
  }
  beginSurfaceEdit(undoable);
  surface_ = *made;
  scene_.surface_params = params;
  recomputeRuns();
  cursor_ = 0;
  return true;
}

std::optional<std::string> ExplorerState::setFormulaSurface(const std::string& formula,
                                                            const Window& window) {
  if (auto err = validateFormulaWindow(window)) return "window: " + *err;
  auto made = makeFormulaSurface(formula, window);
  if (!made) return made.error();
  beginSurfaceEdit(true);
  surface_ = *made;
  nameSurface("custom");
  scene_.formula = formula;
  scene_.formula_window = window;
  scene_.formula_minima = false;  // f* of the old formula says nothing about this one
  view_ = window;
  for (ExplorerRun& r : runs_) {
    const Vec2& p = r.spec.start;
    if (!(p.x() > window.xmin && p.x() < window.xmax && p.y() > window.ymin &&
          p.y() < window.ymax)) {
      r.spec.start = surface_->info().standard_start;
    }
  }
  recomputeRuns();
  cursor_ = 0;
  return std::nullopt;
}

std::optional<std::string> ExplorerState::findFormulaMinima() {
  // Under a landscape the surface shown is the network's, not the formula's.
  if (scene_.surface != "custom" || landscape_) return std::nullopt;
  auto minima = findMinima(*surface_, scene_.formula_window);
  if (minima.empty()) return "no minimum inside the window (minima on its edge are not counted)";
  beginSurfaceEdit(true);
  surface_ = withMinima(surface_, std::move(minima));
  scene_.formula_minima = true;
  recomputeRuns();  // f* changes the stop test and the plot
  return std::nullopt;
}

// [SECTION] A network landscape's surface

void ExplorerState::beginLandscape() {
  runs_.clear();
  focus_ = 0;
  scene_.basin_map = false;
  scene_.equal_scale = false;
  clearHistory();
  landscape_ = true;
  ++version_;
}

void ExplorerState::showLandscapeSurface(std::shared_ptr<const Surface> surface, bool fit) {
  surface_ = std::move(surface);
  if (fit) fitView();
  recomputeRuns();
}

// [SECTION] Runs

ExplorerRun ExplorerState::makeRun(SceneRun spec, bool selected) {
  ExplorerRun r{std::move(spec), nullptr, {}, {}, 1, selected, false, next_id_++};
  resetPreview(r);
  return r;
}

void ExplorerState::addRun(SceneRun spec) {
  pushUndo();
  for (ExplorerRun& r : runs_) r.selected = false;
  runs_.push_back(makeRun(std::move(spec), true));
  focus_ = int(runs_.size()) - 1;
  ++version_;
}

void ExplorerState::addRunLikeFocused(std::optional<Vec2> start) {
  SceneRun s = runs_.empty() ? SceneRun{} : runs_[focus_].spec;
  if (start) {
    s.start = *start;
  } else if (runs_.empty()) {
    s.start = surface_->info().standard_start;
  }
  s.color = paletteColor(int(runs_.size()));
  addRun(s);
}

void ExplorerState::removeRun(int index) {
  if (index < 0 || index >= int(runs_.size())) return;
  pushUndo();
  runs_.erase(runs_.begin() + index);
  focus_ = std::clamp(focus_, 0, std::max(0, int(runs_.size()) - 1));
  if (!runs_.empty() &&
      std::none_of(runs_.begin(), runs_.end(), [](auto& r) { return r.selected; })) {
    runs_[focus_].selected = true;
  }
  ++version_;
}

void ExplorerState::setRunSpec(int index, const SceneRun& spec, bool undoable) {
  if (index < 0 || index >= int(runs_.size())) return;
  if (undoable) pushUndo();
  ExplorerRun& r = runs_[index];
  const bool path_changed =
      !(spec.start == r.spec.start).all() || !(spec.optimizer == r.spec.optimizer);
  r.spec = spec;
  if (path_changed) {
    resetPreview(r);
    ++version_;
  }
}

void ExplorerState::moveSelectedStarts(const Vec2& start) {
  pushUndo();
  for (ExplorerRun& r : runs_) {
    if (!r.selected) continue;
    r.spec.start = start;
    resetPreview(r);
  }
  ++version_;
}

void ExplorerState::replaceWithVariants(int count, void (*vary)(SceneRun&, int)) {
  if (runs_.empty()) return;
  pushUndo();
  const SceneRun base = runs_[std::clamp(focus_, 0, int(runs_.size()) - 1)].spec;
  runs_.clear();
  for (int i = 0; i < count; ++i) {
    SceneRun s = base;
    vary(s, i);
    s.color = paletteColor(i);
    runs_.push_back(makeRun(s, true));  // a click on the surface moves the whole comparison
  }
  focus_ = 0;
  ++version_;
}

void ExplorerState::setStop(const StopCriteria& stop, bool undoable) {
  if (undoable) pushUndo();
  scene_.stop = stop;
  stop_carried_over_ = false;
  recomputeRuns();
}

void ExplorerState::setTitle(const std::string& title, bool undoable) {
  if (title == scene_.title) return;
  if (undoable) pushUndo();
  scene_.title = title;
}

void ExplorerState::setDescription(const std::string& description, bool undoable) {
  if (description == scene_.description) return;
  if (undoable) pushUndo();
  scene_.description = description;
}

void ExplorerState::select(int index, bool add) {
  if (index < 0 || index >= int(runs_.size())) return;
  if (add) {
    runs_[index].selected = !runs_[index].selected;
  } else {
    for (ExplorerRun& r : runs_) r.selected = false;
    runs_[index].selected = true;
  }
  focus_ = index;
}

// [SECTION] Display preferences

void ExplorerState::fitView() {
  view_ = surface_->info().window;
  camera_ = OrbitCamera{};
}

void ExplorerState::setRunHidden(int index, bool hidden) {
  if (index >= 0 && index < int(runs_.size())) runs_[index].hidden = hidden;
}

bool ExplorerState::equalScale() const {
  const Window& w = surface_->info().window;
  return scene_.equal_scale.value_or(std::abs(w.width() - w.height()) < 1e-9 * w.width());
}

}  // namespace mulab::gui
