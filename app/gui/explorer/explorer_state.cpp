#include "gui/explorer/explorer_state.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "surfaces/formula_surface.hpp"

namespace mulab::gui {
namespace {

constexpr size_t kMaxUndo = 200;

}  // namespace

std::string runLabel(const SceneRun& run) { return describe(run.optimizer); }

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

// [SECTION] Settings

bool ExplorerState::applyScene(const Scene& s) {
  auto made = makeSceneSurface(s);
  if (!made) {
    error = made.error();
    return false;
  }
  scene = s;
  scene.runs.clear();
  surface = *made;
  view = s.view.value_or(surface->info().window);
  camera = OrbitCamera{s.yaw, s.pitch, s.distance};
  runs.clear();
  for (const SceneRun& r : s.runs) {
    runs.push_back(ExplorerRun{r, nullptr, {}, {}, 1, true, false, next_id_++});
    resetPreview(runs.back());
  }
  focus = std::clamp(s.basin_map ? s.basin_run : 0, 0, std::max(0, int(runs.size()) - 1));
  cursor = double(s.advance_steps);
  stop_carried_over = false;
  undo_.clear();
  redo_.clear();
  ++version_;
  return true;
}

Scene ExplorerState::toScene() const {
  Scene s = scene;
  s.view = view;
  s.yaw = camera.yaw;
  s.pitch = camera.pitch;
  s.distance = camera.distance;
  s.runs.clear();
  for (const ExplorerRun& r : runs) s.runs.push_back(r.spec);
  s.basin_run = std::max(0, focus);
  s.advance_steps = long(cursor);
  return s;
}

bool ExplorerState::setSurface(const std::string& name, const SurfaceParams& params, bool restart) {
  auto made = makeSurface(name, params);
  if (!made) {
    error = made.error();
    return false;
  }
  if (restart) pushUndo();
  surface = *made;
  if (name != scene.surface) {
    scene.title.clear();  // they described the old surface
    scene.description.clear();
    stop_carried_over = true;
  }
  scene.surface = name;
  scene.surface_params = params;
  if (restart) {
    view = surface->info().window;
    for (ExplorerRun& r : runs) r.spec.start = surface->info().standard_start;
  }
  for (ExplorerRun& r : runs) resetPreview(r);
  cursor = 0;
  ++version_;
  return true;
}

std::optional<std::string> ExplorerState::setFormulaSurface(const std::string& formula, const Window& window) {
  if (auto err = validateFormulaWindow(window)) return "window: " + *err;
  auto made = makeFormulaSurface(formula, window);
  if (!made) return made.error();
  pushUndo();
  if (scene.surface != "custom") {
    scene.title.clear();  // they described the old surface
    scene.description.clear();
    stop_carried_over = true;
  }
  surface = *made;
  scene.surface = "custom";
  scene.formula = formula;
  scene.formula_window = window;
  scene.formula_minima = false;  // f* of the old formula says nothing about this one
  view = window;
  for (ExplorerRun& r : runs) {
    const Vec2& p = r.spec.start;
    if (!(p.x() > window.xmin && p.x() < window.xmax && p.y() > window.ymin && p.y() < window.ymax)) {
      r.spec.start = surface->info().standard_start;
    }
    resetPreview(r);
  }
  cursor = 0;
  ++version_;
  return std::nullopt;
}

std::optional<std::string> ExplorerState::findFormulaMinima() {
  if (scene.surface != "custom") return std::nullopt;
  auto minima = findMinima(*surface, scene.formula_window);
  if (minima.empty()) return "no minimum inside the window (minima on its edge are not counted)";
  surface = withMinima(surface, std::move(minima));
  scene.formula_minima = true;
  for (ExplorerRun& r : runs) resetPreview(r);  // f* changes the stop test and the plot
  ++version_;
  return std::nullopt;
}

void ExplorerState::fitView() {
  view = surface->info().window;
  camera = OrbitCamera{};
}

// [SECTION] Runs

void ExplorerState::addRun(SceneRun spec) {
  pushUndo();
  for (ExplorerRun& r : runs) r.selected = false;
  runs.push_back(ExplorerRun{std::move(spec), nullptr, {}, {}, 1, true, false, next_id_++});
  resetPreview(runs.back());
  focus = int(runs.size()) - 1;
  ++version_;
}

void ExplorerState::removeRun(int index) {
  if (index < 0 || index >= int(runs.size())) return;
  pushUndo();
  runs.erase(runs.begin() + index);
  focus = std::clamp(focus, 0, std::max(0, int(runs.size()) - 1));
  if (!runs.empty() && std::none_of(runs.begin(), runs.end(), [](auto& r) { return r.selected; })) {
    runs[focus].selected = true;
  }
  ++version_;
}

void ExplorerState::setRunSpec(int index, const SceneRun& spec, bool undoable) {
  if (index < 0 || index >= int(runs.size())) return;
  if (undoable) pushUndo();
  ExplorerRun& r = runs[index];
  const bool path_changed = !(spec.start == r.spec.start).all() || !(spec.optimizer == r.spec.optimizer);
  r.spec = spec;
  if (path_changed) {
    resetPreview(r);
    ++version_;
  }
}

void ExplorerState::moveSelectedStarts(const Vec2& start) {
  pushUndo();
  for (ExplorerRun& r : runs) {
    if (!r.selected) continue;
    r.spec.start = start;
    resetPreview(r);
  }
  ++version_;
}

void ExplorerState::replaceWithVariants(int count, void (*vary)(SceneRun&, int)) {
  if (runs.empty()) return;
  pushUndo();
  const SceneRun base = runs[std::clamp(focus, 0, int(runs.size()) - 1)].spec;
  runs.clear();
  for (int i = 0; i < count; ++i) {
    SceneRun s = base;
    vary(s, i);
    s.color = paletteColor(i);
    runs.push_back(ExplorerRun{s, nullptr, {}, {}, 1, true, false, next_id_++});
    resetPreview(runs.back());  // a click on the surface moves the whole comparison
  }
  focus = 0;
  ++version_;
}

void ExplorerState::select(int index, bool add) {
  if (index < 0 || index >= int(runs.size())) return;
  if (add) {
    runs[index].selected = !runs[index].selected;
  } else {
    for (ExplorerRun& r : runs) r.selected = false;
    runs[index].selected = true;
  }
  focus = index;
}

void ExplorerState::setStop(const StopCriteria& stop) {
  scene.stop = stop;
  stop_carried_over = false;
  for (ExplorerRun& r : runs) resetPreview(r);
  ++version_;
}

// [SECTION] Undo / redo

ExplorerState::Snapshot ExplorerState::snapshot() const {
  Snapshot s;
  for (const ExplorerRun& r : runs) {
    s.specs.push_back(r.spec);
    s.selected.push_back(r.selected);
  }
  s.focus = focus;
  return s;
}

void ExplorerState::restore(const Snapshot& s) {
  // Runs whose settings did not change keep their computed previews.
  std::vector<ExplorerRun> old = std::move(runs);
  runs.clear();
  for (size_t i = 0; i < s.specs.size(); ++i) {
    ExplorerRun r{s.specs[i], nullptr, {}, {}, 1, s.selected[i], false, next_id_++};
    for (ExplorerRun& o : old) {
      if (o.preview && o.spec.optimizer == r.spec.optimizer && (o.spec.start == r.spec.start).all()) {
        r.preview = std::move(o.preview);
        r.plot_x = std::move(o.plot_x);
        r.plot_y = std::move(o.plot_y);
        r.plot_stride = o.plot_stride;
        r.id = o.id;
        break;
      }
    }
    if (!r.preview) resetPreview(r);
    runs.push_back(std::move(r));
  }
  focus = std::clamp(s.focus, 0, std::max(0, int(runs.size()) - 1));
  ++version_;
}

void ExplorerState::pushUndo() {
  undo_.push_back(snapshot());
  if (undo_.size() > kMaxUndo) undo_.pop_front();
  redo_.clear();
}

bool ExplorerState::undo() {
  if (undo_.empty()) return false;
  redo_.push_back(snapshot());
  restore(undo_.back());
  undo_.pop_back();
  return true;
}

bool ExplorerState::redo() {
  if (redo_.empty()) return false;
  undo_.push_back(snapshot());
  restore(redo_.back());
  redo_.pop_back();
  return true;
}

// [SECTION] Previews and the timeline

void ExplorerState::resetPreview(ExplorerRun& run) {
  run.preview = std::make_unique<Trajectory>(surface, run.spec.optimizer, run.spec.start, scene.stop);
  run.plot_x.clear();
  run.plot_y.clear();
  run.plot_stride = 1;
  refreshPlot(run);
}

void ExplorerState::refreshPlot(ExplorerRun& run) {
  const auto f_star = fStar();
  const auto& path = run.preview->path();
  if (run.plot_stride != run.preview->pathStride()) {  // the path was thinned: start over
    run.plot_x.clear();
    run.plot_y.clear();
    run.plot_stride = run.preview->pathStride();
  }
  for (size_t i = run.plot_x.size(); i < path.size(); ++i) {
    run.plot_x.push_back(double(path[i].step));
    run.plot_y.push_back(f_star ? path[i].f - *f_star : path[i].f);
  }
}

void ExplorerState::advancePreviews(double seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration<double>(std::max(0.0, seconds));
  for (ExplorerRun& r : runs) {
    if (r.preview->finished()) continue;
    // Check the clock every 2048 steps: a step costs well under a microsecond.
    while (!r.preview->finished()) {
      for (int k = 0; k < 2048 && r.preview->step(); ++k) {
      }
      if (seconds >= 0 && Clock::now() > deadline) break;
    }
    refreshPlot(r);
    if (seconds >= 0 && Clock::now() > deadline) break;
  }
}

bool ExplorerState::previewsDone() const {
  return std::all_of(runs.begin(), runs.end(), [](const ExplorerRun& r) { return r.preview->finished(); });
}

long ExplorerState::endStep() const {
  long end = 0;
  for (const ExplorerRun& r : runs) {
    if (!r.hidden) end = std::max(end, r.preview->steps());
  }
  return end;
}

void ExplorerState::setCursor(double step) { cursor = std::clamp(step, 0.0, double(scene.stop.max_steps)); }

bool ExplorerState::play(double dt) {
  if (!scene.playing) return false;
  const double end = double(endStep());
  if (cursor >= end && previewsDone()) return false;
  // Past the end of a preview still being computed the cursor may run ahead;
  // once every preview is done it stops at the last stop step.
  double next = cursor + dt * scene.steps_per_second;
  if (previewsDone()) next = std::min(next, end);
  setCursor(next);
  return true;
}

bool ExplorerState::animating() const {
  return !previewsDone() || (scene.playing && cursor < double(endStep()));
}

long ExplorerState::stepShown(const ExplorerRun& run) const {
  return std::min<long>(long(cursor), run.preview->steps());
}

bool ExplorerState::equalScale() const {
  const Window& w = surface->info().window;
  return scene.equal_scale.value_or(std::abs(w.width() - w.height()) < 1e-9 * w.width());
}

std::string ExplorerState::runsCsv() const {
  std::string out =
      "run_id,label,surface,optimizer,rule,lr,lr_in,lr_out,gamma,momentum,alpha,beta1,beta2,eps,start_x,start_y,"
      "step,x,y,f,f_minus_fstar\n";
  const auto f_star = fStar();
  char buf[512];
  for (const ExplorerRun& r : runs) {
    const OptimizerConfig& c = r.spec.optimizer;
    std::snprintf(buf, sizeof buf, "%d,\"%s\",%s,%s,%s,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,", r.id,
                  runLabel(r.spec).c_str(), scene.surface.c_str(), std::string(toString(c.base)).c_str(),
                  std::string(toString(c.rule)).c_str(), c.lr, c.lr_in, c.lr_out, c.gamma, c.momentum, c.alpha,
                  c.beta1, c.beta2, c.eps, r.spec.start.x(), r.spec.start.y());
    const std::string prefix = buf;
    for (const TrajectoryPoint& p : r.preview->path()) {
      std::snprintf(buf, sizeof buf, "%ld,%.12g,%.12g,%.12g,", p.step, p.x, p.y, p.f);
      out += prefix + buf;
      if (f_star) {
        std::snprintf(buf, sizeof buf, "%.12g", p.f - *f_star);
        out += buf;
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace mulab::gui
