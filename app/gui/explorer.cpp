#include "gui/explorer.hpp"

#include <imgui.h>

#include <GLFW/glfw3.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "gui/draw_limits.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"
#include "gui/training_lab.hpp"
#include "util/nice_ticks.hpp"

namespace mulab::gui {
namespace {

const char* kRuleHelp[] = {
    "additive: theta -= eta * u\nu = m * l from the base optimizer (phi, psi).",
    "multiplicative: theta -= eta_out * |theta| * tanh(eta_in * u)\nA step moves at most eta_out "
    "of |theta|; a coordinate never changes sign and zero stays zero.",
    "hybrid: theta -= gamma * eta_out * |theta| * tanh(eta_in * u) + (1 - gamma) * eta * u\n"
    "The additive share lets coordinates cross zero."};

std::string runLabel(const SceneRun& r) { return describe(r.optimizer); }

}  // namespace

std::vector<std::string> shippedScenes() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(MULAB_ASSET_DIR "/scenes", ec)) {
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

SurfaceExplorer::SurfaceExplorer() {
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

SurfaceExplorer::~SurfaceExplorer() { basin_.reset(); }

std::optional<std::string> SurfaceExplorer::initGraphics() {
  if (auto err = renderer_.init()) return err;
  graphics_ready_ = true;
  colormap_loaded_.clear();
  return std::nullopt;
}

void SurfaceExplorer::applyScene(const Scene& s) {
  auto surface = makeSurface(s.surface, s.surface_params);
  if (!surface) {
    error_ = surface.error();
    return;
  }
  basin_.reset();
  scene_ = s;
  scene_.runs.clear();
  surface_ = *surface;
  view_ = s.view.value_or(surface_->info().window);
  camera_ = OrbitCamera{s.yaw, s.pitch, s.distance};
  runs_.clear();
  for (const SceneRun& r : s.runs) addRun(r);
  selected_ = 0;
  for (RunSlot& r : runs_) r.selected = true;
  if (s.advance_steps > 0) stepRuns(s.advance_steps);
  grid_dirty_ = true;
  if (scene_.basin_map) {
    selected_ = std::min(scene_.basin_run, int(runs_.size()) - 1);
    restartBasin();
  }
  if (lab_) lab_->applyScene(s);
  select_tab_ = s.tab == "lab" ? 1 : 0;
}

Scene SurfaceExplorer::currentScene() const {
  Scene s = scene_;
  s.view = view_;
  s.yaw = camera_.yaw;
  s.pitch = camera_.pitch;
  s.distance = camera_.distance;
  s.runs.clear();
  for (const RunSlot& r : runs_) s.runs.push_back(r.spec);
  s.basin_run = std::max(0, selected_);
  s.advance_steps = 0;
  s.tab = active_tab_ == 1 ? "lab" : "explorer";
  if (lab_) lab_->fillScene(s);
  return s;
}

bool SurfaceExplorer::openScene(const std::string& path) {
  auto s = loadScene(path);
  if (!s) {
    error_ = s.error();
    return false;
  }
  applyScene(*s);
  error_.clear();
  return true;
}

void SurfaceExplorer::setSurface(const std::string& name, const SurfaceParams& params, bool fit) {
  auto surface = makeSurface(name, params);
  if (!surface) {
    error_ = surface.error();
    return;
  }
  surface_ = *surface;
  scene_.surface = name;
  scene_.surface_params = params;
  if (fit) {
    view_ = surface_->info().window;
    for (RunSlot& r : runs_) r.spec.start = surface_->info().standard_start;
  }
  resetAll();
  grid_dirty_ = true;
}

void SurfaceExplorer::resetRun(RunSlot& run) {
  run.traj = std::make_unique<Trajectory>(surface_, run.spec.optimizer, run.spec.start, scene_.stop);
  run.plot_x.clear();
  run.plot_y.clear();
  refreshPlotData(run);
}

void SurfaceExplorer::resetAll() {
  for (RunSlot& r : runs_) resetRun(r);
  step_accum_ = 0;
  if (basin_) restartBasin();
}

void SurfaceExplorer::addRun(const SceneRun& spec) {
  runs_.push_back(RunSlot{spec, nullptr, {}, {}, 1, false});
  resetRun(runs_.back());
}

void SurfaceExplorer::replaceWithVariants(int count, const std::function<void(SceneRun&, int)>& vary) {
  const SceneRun base = runs_[std::max(0, selected_)].spec;
  runs_.clear();
  for (int i = 0; i < count; ++i) {
    SceneRun s = base;
    vary(s, i);
    s.color = paletteColor(i);
    addRun(s);
    runs_.back().selected = true;  // a click on the surface moves the whole comparison
  }
  selected_ = 0;
  if (basin_) restartBasin();
}

void SurfaceExplorer::selectOnly(int index) {
  for (int i = 0; i < int(runs_.size()); ++i) runs_[i].selected = i == index;
  selected_ = index;
}

void SurfaceExplorer::stepRuns(long steps) {
  for (RunSlot& r : runs_) {
    for (long k = 0; k < steps && r.traj->step(); ++k) {
    }
    refreshPlotData(r);
  }
}

void SurfaceExplorer::refreshPlotData(RunSlot& run) {
  const auto f_star = surface_->globalMinimumValue();
  const auto& path = run.traj->path();
  if (run.plot_stride != run.traj->pathStride()) {  // the path was thinned: start over
    run.plot_x.clear();
    run.plot_y.clear();
    run.plot_stride = run.traj->pathStride();
  }
  for (size_t i = run.plot_x.size(); i < path.size(); ++i) {
    run.plot_x.push_back(double(path[i].step));
    run.plot_y.push_back(f_star ? path[i].f - *f_star : path[i].f);
  }
}

void SurfaceExplorer::fitView() {
  view_ = surface_->info().window;
  camera_ = OrbitCamera{};
  grid_dirty_ = true;
  if (basin_) restartBasin();
}

void SurfaceExplorer::restartBasin() {
  basin_.reset();
  if (!scene_.basin_map || runs_.empty()) {
    renderer_.hideBasin();
    return;
  }
  selected_ = std::clamp(selected_, 0, int(runs_.size()) - 1);
  StopCriteria stop = scene_.stop;
  stop.max_steps = std::min<long>(stop.max_steps, 5000);
  if (stop.f_tol <= 0) stop.f_tol = 1e-6;
  basin_ = std::make_unique<BasinJob>(surface_, runs_[selected_].spec.optimizer, stop, view_,
                                      scene_.basin_resolution);
}

// [SECTION] Frame

void SurfaceExplorer::frame(float dt) {
  if (graphics_ready_ && colormap_loaded_ != scene_.colormap) {
    renderer_.setColormap(scene_.colormap);
    colormap_loaded_ = scene_.colormap;
    ++render_version_;
  }
  if (active_tab_ == 0) handleKeys();
  if (lab_ && !lab_->error.empty()) {
    error_ = lab_->error;
    lab_->error.clear();
  }
  if (scene_.playing) {
    step_accum_ += dt * scene_.steps_per_second;
    const long n = std::min<long>(long(step_accum_), 20000);
    step_accum_ -= double(long(step_accum_));
    if (n > 0) stepRuns(n);
  }

  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("mulab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_MenuBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  drawMenuBar();
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.45f, 0.08f, 0.08f, 1.0f));
    ImGui::BeginChild("error", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 2.2f), true);
    ImGui::TextWrapped("%s", clipText(error_).c_str());
    if (ImGui::SmallButton("Dismiss")) error_.clear();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  if (ImGui::BeginTabBar("tabs")) {
    const ImGuiTabItemFlags explorer_flags = select_tab_ == 0 ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags lab_flags = select_tab_ == 1 ? ImGuiTabItemFlags_SetSelected : 0;
    select_tab_ = -1;
    if (ImGui::BeginTabItem("Surface explorer", nullptr, explorer_flags)) {
      active_tab_ = 0;
      drawExplorerTab();
      ImGui::EndTabItem();
    }
    if (lab_ && ImGui::BeginTabItem("Training lab", nullptr, lab_flags)) {
      active_tab_ = 1;
      lab_->draw();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

  // Path popups for open / save / screenshot.

  pathPopup(open_popup_, "Open scene", path_buf_, sizeof path_buf_,
            [&](const std::string& p) { openScene(p); });
  pathPopup(save_popup_, "Save scene", path_buf_, sizeof path_buf_, [&](const std::string& p) {
    if (auto err = saveScene(currentScene(), p)) error_ = *err;
  });
  pathPopup(shot_popup_, "Save screenshot (PNG)", shot_buf_, sizeof shot_buf_,
            [&](const std::string& p) { pending_screenshot = p; });
  ImGui::End();
}

void SurfaceExplorer::drawExplorerTab() {
  const float left_w = 330;
  ImGui::BeginChild("controls", ImVec2(left_w, 0), true);
  drawControls();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float plot_h = std::clamp(avail.y * 0.30f, 150.0f, 260.0f);
  drawView(ImVec2(avail.x, avail.y - plot_h - ImGui::GetStyle().ItemSpacing.y));
  drawPlot(ImVec2(avail.x, plot_h));
  ImGui::EndGroup();

}

void SurfaceExplorer::handleKeys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) scene_.playing = !scene_.playing;
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD)) stepRuns(1);
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) resetAll();
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) fitView();
  if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) scene_.three_d = !scene_.three_d;
  if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) shot_popup_ = true;
}

void SurfaceExplorer::drawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scene...")) open_popup_ = true;
    if (ImGui::MenuItem("Save scene as...")) save_popup_ = true;
    if (ImGui::MenuItem("Screenshot...", "F12")) shot_popup_ = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) quit_requested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Scenes")) {
    for (const std::string& path : shippedScenes()) {
      const std::string name = std::filesystem::path(path).stem().string();
      if (ImGui::MenuItem(name.c_str())) openScene(path);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("3D view", "3", scene_.three_d)) scene_.three_d = !scene_.three_d;
    if (ImGui::MenuItem("Fit surface window", "F / double-click")) fitView();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::TextUnformatted(
        "Space  play / pause      .  single step\n"
        "R      reset runs        F  fit window\n"
        "3      toggle 3D view    F12 screenshot\n"
        "Click: move the start of the selected runs. Shift-click: add a run there.\n"
        "Drag: pan (2D) or orbit (3D). Wheel: zoom about the cursor.");
    ImGui::EndMenu();
  }
  if (!scene_.title.empty()) {
    const std::string title = clipText(scene_.title, 120);
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(title.c_str()).x - 20);
    ImGui::TextDisabled("%s", title.c_str());
  }
  ImGui::EndMenuBar();
}

// [SECTION] Controls panel

void SurfaceExplorer::drawControls() {
  const SurfaceInfo& info = surface_->info();
  ImGui::TextDisabled("SURFACE");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##surface", info.display_name.c_str())) {
    for (const std::string& name : surfaceNames()) {
      const auto s = makeSurface(name).value();
      if (ImGui::Selectable(s->info().display_name.c_str(), name == scene_.surface)) {
        setSurface(name, {}, true);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("f = %s", info.formula.c_str());
  ImGui::PopTextWrapPos();
  if (scene_.surface == "quadratic") {
    SurfaceParams p = scene_.surface_params;
    float cond = float(p.condition), rot = float(p.rotation_deg);
    bool changed = ImGui::SliderFloat("condition", &cond, 1, 100, "%.1f", ImGuiSliderFlags_Logarithmic);
    changed |= ImGui::SliderFloat("rotation", &rot, -90, 90, "%.0f deg");
    if (changed) {
      p.condition = cond;
      p.rotation_deg = rot;
      setSurface("quadratic", p, false);
    }
  }

  ImGui::Spacing();
  ImGui::TextDisabled("VIEW");
  if (ImGui::RadioButton("2D", !scene_.three_d)) scene_.three_d = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("3D", scene_.three_d)) scene_.three_d = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  if (ImGui::BeginCombo("map", scene_.colormap.c_str())) {
    for (const std::string& n : colormapNames()) {
      if (ImGui::Selectable(n.c_str(), n == scene_.colormap)) scene_.colormap = n;
    }
    ImGui::EndCombo();
  }
  if (!surface_->globalMinimumValue()) ImGui::BeginDisabled();
  ImGui::Checkbox("log(f - f*)", &scene_.log_scale);
  if (!surface_->globalMinimumValue()) ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##contours", &scene_.contours, 0, 48, "%d contours");

  ImGui::Spacing();
  ImGui::TextDisabled("PLAYBACK");
  if (ImGui::Button(scene_.playing ? "Pause" : "Play", ImVec2(70, 0))) scene_.playing = !scene_.playing;
  ImGui::SameLine();
  if (ImGui::Button("Step")) stepRuns(1);
  ImGui::SameLine();
  if (ImGui::Button("Reset")) resetAll();
  float sps = float(scene_.steps_per_second);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##sps", &sps, 1, 5000, "%.0f steps/s", ImGuiSliderFlags_Logarithmic)) {
    scene_.steps_per_second = sps;
  }
  int budget = int(scene_.stop.max_steps);
  float tol = float(scene_.stop.f_tol);
  ImGui::SetNextItemWidth(140);
  bool stop_changed = ImGui::InputInt("budget", &budget, 100, 1000);
  ImGui::SetNextItemWidth(140);
  stop_changed |= ImGui::InputFloat("tol f-f*", &tol, 0, 0, "%.0e");
  if (stop_changed) {
    scene_.stop.max_steps = std::clamp<long>(budget, 1, kMaxTrajectorySteps);
    scene_.stop.f_tol = std::clamp(tol, 0.0f, 1e6f);
    resetAll();
  }

  ImGui::Spacing();
  ImGui::TextDisabled("RUNS");
  if (ImGui::Button("Compare rules") && !runs_.empty()) {
    replaceWithVariants(3, [](SceneRun& s, int i) { s.optimizer.rule = static_cast<UpdateRule>(i); });
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The selected run's optimizer with each update rule");
  ImGui::SameLine();
  if (ImGui::Button("Compare optimizers") && !runs_.empty()) {
    replaceWithVariants(6, [](SceneRun& s, int i) { s.optimizer.base = static_cast<BaseOptimizer>(i); });
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every base optimizer with the selected run's rule");
  if (ImGui::Button("Add run")) {
    SceneRun s = runs_.empty() ? SceneRun{} : runs_[std::max(0, selected_)].spec;
    if (runs_.empty()) s.start = info.standard_start;
    s.color = paletteColor(int(runs_.size()));
    addRun(s);
    selectOnly(int(runs_.size()) - 1);
  }
  ImGui::SameLine();
  ImGui::TextDisabled("or shift-click the surface");

  int remove = -1;
  for (int i = 0; i < int(runs_.size()); ++i) {
    RunSlot& r = runs_[i];
    ImGui::PushID(i);
    ImGui::ColorButton("##c", ImVec4(r.spec.color[0], r.spec.color[1], r.spec.color[2], 1),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(14, 14));
    ImGui::SameLine();
    const std::string label = runLabel(r.spec);
    if (ImGui::Selectable(label.c_str(), r.selected, 0, ImVec2(ImGui::GetContentRegionAvail().x - 24, 0))) {
      // Click: this run alone; ctrl-click: add or remove it from the selection.
      if (ImGui::GetIO().KeyCtrl) {
        r.selected = !r.selected;
      } else {
        for (RunSlot& o : runs_) o.selected = false;
        r.selected = true;
      }
      if (r.selected) selected_ = i;
      if (basin_) restartBasin();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("ctrl-click selects several; clicks on the surface move every selected start");
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) remove = i;
    const Trajectory& t = *r.traj;
    const ImVec4 status_col = t.status() == TrajectoryStatus::kConverged ? ImVec4(0.5f, 0.9f, 0.5f, 1)
                              : t.status() == TrajectoryStatus::kDiverged ? ImVec4(1.0f, 0.45f, 0.4f, 1)
                                                                         : ImVec4(0.7f, 0.7f, 0.7f, 1);
    ImGui::Indent(22);
    ImGui::TextColored(status_col, "%s", t.statusText().c_str());
    ImGui::Unindent(22);
    ImGui::PopID();
  }
  if (remove >= 0) {
    runs_.erase(runs_.begin() + remove);
    selected_ = std::min(selected_, int(runs_.size()) - 1);
    if (selected_ >= 0) runs_[selected_].selected = true;
    if (basin_) restartBasin();
  }
  if (selected_ >= 0 && selected_ < int(runs_.size())) {
    ImGui::Separator();
    drawRunEditor(runs_[selected_], selected_);
  }

  ImGui::Spacing();
  ImGui::TextDisabled("BASIN MAP");
  if (ImGui::Checkbox("steps to converge from every start", &scene_.basin_map)) restartBasin();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Colours each start point by the steps the selected run's settings need to\n"
                      "reach f - f* < tol (bright = fast); grey = not within the budget (max 5000),\n"
                      "dark red = diverged. Computed on background threads.");
  }
  ImGui::SetNextItemWidth(140);
  if (ImGui::SliderInt("resolution", &scene_.basin_resolution, 16, 256) && basin_) restartBasin();
  if (basin_) {
    if (!basin_->done()) {
      ImGui::ProgressBar(basin_->progress(), ImVec2(200, 0));
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) {
        basin_.reset();
        scene_.basin_map = false;
        renderer_.hideBasin();
      }
    } else {
      ImGui::TextDisabled("done: %dx%d starts", scene_.basin_resolution, scene_.basin_resolution);
    }
  }
}

void SurfaceExplorer::drawRunEditor(RunSlot& run, int index) {
  OptimizerConfig c = run.spec.optimizer;
  bool changed = false;
  ImGui::PushItemWidth(150);
  if (ImGui::BeginCombo("optimizer", std::string(displayName(c.base)).c_str())) {
    for (int b = 0; b < 6; ++b) {
      const auto base = static_cast<BaseOptimizer>(b);
      if (ImGui::Selectable(std::string(displayName(base)).c_str(), base == c.base)) {
        c.base = base;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::BeginCombo("rule", std::string(toString(c.rule)).c_str())) {
    for (int r = 0; r < 3; ++r) {
      const auto rule = static_cast<UpdateRule>(r);
      if (ImGui::Selectable(std::string(toString(rule)).c_str(), rule == c.rule)) {
        c.rule = rule;
        changed = true;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kRuleHelp[r]);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kRuleHelp[int(c.rule)]);
  auto param = [&](const char* label, double& v, double lo, double hi, bool log, const char* help) {
    float f = float(v);
    if (ImGui::SliderFloat(label, &f, float(lo), float(hi), "%.4g",
                           log ? ImGuiSliderFlags_Logarithmic : 0)) {
      v = f;
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  };
  if (c.rule != UpdateRule::kMultiplicative) param("lr (eta)", c.lr, 1e-5, 1.0, true, "additive step size");
  if (c.rule != UpdateRule::kAdditive) {
    param("lr_out", c.lr_out, 1e-4, 0.9, true, "largest fraction of |theta| one step may move");
    param("lr_in", c.lr_in, 1e-2, 100.0, true, "scales u inside tanh");
  }
  if (c.rule == UpdateRule::kHybrid) param("gamma", c.gamma, 0.0, 1.0, false, "multiplicative share");
  if (c.base == BaseOptimizer::kMomentum || c.base == BaseOptimizer::kNesterov) {
    param("momentum", c.momentum, 0.0, 0.99, false, "mu");
  }
  if (c.base == BaseOptimizer::kRmsProp) param("alpha", c.alpha, 0.5, 0.999, false, "decay of v");
  if (c.base == BaseOptimizer::kAdam) {
    param("beta1", c.beta1, 0.0, 0.99, false, "first-moment decay");
    param("beta2", c.beta2, 0.5, 0.9999, false, "second-moment decay");
  }
  float start[2] = {float(run.spec.start.x()), float(run.spec.start.y())};
  if (ImGui::InputFloat2("start", start, "%.3f")) {
    run.spec.start = Vec2(start[0], start[1]);
    changed = true;
  }
  ImGui::ColorEdit3("colour", run.spec.color.data(), ImGuiColorEditFlags_NoInputs);
  ImGui::PopItemWidth();
  if (changed && !validate(c)) {
    run.spec.optimizer = c;
    resetRun(run);
    if (basin_ && index == selected_) restartBasin();
  }
}

// [SECTION] Surface view

void SurfaceExplorer::drawView(ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  const float left = scene_.three_d ? 8 : 64, bottom = scene_.three_d ? 8 : 40, right = 96, top = 8;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  const int w = std::max(16, int(b.x - a.x)), h = std::max(16, int(b.y - a.y));
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(16, 18, 22, 255));

  // Resample when the window or the pixel size changed: about one sample per
  // two pixels, interpolated by the texture unit.
  const int gw = std::clamp(w / 2, 48, 400), gh = std::clamp(h / 2, 48, 400);
  if (grid_dirty_ || gw != grid_px_w_ || gh != grid_px_h_) {
    grid_ = sampleSurface(*surface_, view_, gw, gh);
    grid_px_w_ = gw;
    grid_px_h_ = gh;
    if (graphics_ready_) renderer_.uploadGrid(grid_);
    grid_dirty_ = false;
    ++render_version_;
  }
  scale_ = colorScaleFor(grid_, scene_.log_scale, scene_.contours);

  if (basin_ && graphics_ready_) {
    if (deterministic) {
      while (!basin_->done()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    // Upload while rows arrive, and once more when the map is complete.
    if (!basin_uploaded_done_ || basin_.get() != basin_seen_) {
      const bool done = basin_->done();
      basin_->readCells(basin_cells_);
      renderer_.uploadBasin(basin_->map().nx, basin_->map().ny, basin_cells_, float(basin_->maxSteps()));
      basin_seen_ = basin_.get();
      basin_uploaded_done_ = done;
      ++render_version_;
    }
  }

  if (graphics_ready_) {
    // Re-render the surface only when something it shows changed: on llvmpipe
    // the shader pass costs more than everything else in a frame together.
    const RenderKey key{render_version_, w, h, scene_.three_d, scene_.colormap, scale_.lo,
                        scale_.hi, scale_.log, scale_.contours, camera_.yaw, camera_.pitch,
                        camera_.distance, basin_ != nullptr};
    if (!(key == last_render_)) {
      if (scene_.three_d) {
        renderer_.draw3D(fbo_, w, h, scale_, camera_);
      } else {
        renderer_.draw2D(fbo_, w, h, scale_);
      }
      last_render_ = key;
    }
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(fbo_.texture())), a, b,
                 ImVec2(0, 1), ImVec2(1, 0));
  }
  if (scene_.three_d) {
    drawOverlay3D(dl, a, b);
  } else {
    drawOverlay2D(dl, a, b);
  }
  drawColorBar(dl, ImVec2(b.x + 14, a.y + 18), ImVec2(b.x + 30, b.y - (basin_ ? 44 : 10)));
  const ImVec2 after = ImGui::GetCursorScreenPos();
  handleViewInput(a, b);
  ImGui::SetCursorScreenPos(after);  // the input button must not move the layout
}

void SurfaceExplorer::drawOverlay2D(ImDrawList* dl, ImVec2 a, ImVec2 b) {
  const ImU32 text = IM_COL32(210, 214, 220, 255), tick = IM_COL32(150, 156, 166, 255);
  auto px = [&](double x) { return float(a.x + (x - view_.xmin) / view_.width() * (b.x - a.x)); };
  auto py = [&](double y) { return float(b.y - (y - view_.ymin) / view_.height() * (b.y - a.y)); };
  // Axes: ticks outside the plot, labels at 1/2/5 x 10^k.
  const Ticks xt = niceTicks(view_.xmin, view_.xmax, std::max(2, int((b.x - a.x) / 80)));
  for (double v : xt.values) {
    const float x = px(v);
    dl->AddLine(ImVec2(x, b.y), ImVec2(x, b.y + 5), tick);
    const std::string l = tickLabel(v, xt.step);
    dl->AddText(ImVec2(x - ImGui::CalcTextSize(l.c_str()).x * 0.5f, b.y + 7), text, l.c_str());
  }
  const Ticks yt = niceTicks(view_.ymin, view_.ymax, std::max(2, int((b.y - a.y) / 60)));
  for (double v : yt.values) {
    const float y = py(v);
    dl->AddLine(ImVec2(a.x - 5, y), ImVec2(a.x, y), tick);
    const std::string l = tickLabel(v, yt.step);
    const ImVec2 ts = ImGui::CalcTextSize(l.c_str());
    dl->AddText(ImVec2(a.x - ts.x - 8, y - ts.y * 0.5f), text, l.c_str());
  }
  dl->AddText(ImVec2((a.x + b.x) * 0.5f - 3, b.y + 22), text, "x");
  dl->AddText(ImVec2(a.x - 58, (a.y + b.y) * 0.5f - 7), text, "y");
  dl->AddRect(a, b, IM_COL32(90, 96, 106, 255));

  dl->PushClipRect(a, b, true);
  // Known minima: white markers (filled for global ones).
  for (const Minimum& m : surface_->info().minima) {
    const ImVec2 c(px(m.point.x()), py(m.point.y()));
    dl->AddCircleFilled(c, 6.5f, IM_COL32(0, 0, 0, 160));
    if (m.global) {
      dl->AddCircleFilled(c, 4.5f, IM_COL32(255, 255, 255, 240));
    } else {
      dl->AddCircle(c, 4.5f, IM_COL32(255, 255, 255, 240), 0, 2.0f);
    }
  }
  // Trails: a dark halo under each line keeps it readable on any colour map.
  std::vector<ImVec2> pts;
  for (int i = 0; i < int(runs_.size()); ++i) {
    const RunSlot& r = runs_[i];
    pts.clear();
    const auto& path = r.traj->path();
    for (size_t k = 0, step = trailStride(path.size()); k < path.size(); k = nextTrailIndex(k, step, path.size())) {
      const TrajectoryPoint& p = path[k];
      const ImVec2 q(px(p.x), py(p.y));
      if (!std::isfinite(q.x) || !std::isfinite(q.y)) break;
      const ImVec2 c(std::clamp(q.x, a.x - 1e4f, b.x + 1e4f), std::clamp(q.y, a.y - 1e4f, b.y + 1e4f));
      if (!pts.empty() && std::abs(c.x - pts.back().x) < 1.5f && std::abs(c.y - pts.back().y) < 1.5f) continue;
      pts.push_back(c);
    }
    const float width = r.selected ? 3.0f : 2.0f;
    if (pts.size() >= 2) {
      addPolylineChunked(dl, pts.data(), int(pts.size()), IM_COL32(0, 0, 0, 150), width + 2.5f);
      addPolylineChunked(dl, pts.data(), int(pts.size()), toU32(r.spec.color), width);
    }
    const ImVec2 s(px(r.spec.start.x()), py(r.spec.start.y()));
    dl->AddCircle(s, 5.0f, IM_COL32(0, 0, 0, 200), 0, 3.5f);
    dl->AddCircle(s, 5.0f, toU32(r.spec.color), 0, 2.0f);
    const Vec2 cur = r.traj->position();
    if (cur.allFinite()) {
      const ImVec2 c(px(cur.x()), py(cur.y()));
      dl->AddCircleFilled(c, 6.0f, IM_COL32(0, 0, 0, 220));
      dl->AddCircleFilled(c, 4.5f, toU32(r.spec.color));
    }
  }
  dl->PopClipRect();

  // Hover readout.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsWindowHovered() && m.x >= a.x && m.x <= b.x && m.y >= a.y && m.y <= b.y &&
      !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    const Vec2 p(view_.xmin + (m.x - a.x) / (b.x - a.x) * view_.width(),
                 view_.ymin + (b.y - m.y) / (b.y - a.y) * view_.height());
    Vec2 g;
    const double f = surface_->evaluate(p, &g);
    ImGui::BeginTooltip();
    ImGui::Text("x = %.4f   y = %.4f", p.x(), p.y());
    ImGui::Text("f = %.6g", f);
    ImGui::Text("|grad f| = %.4g", g.matrix().norm());
    ImGui::EndTooltip();
  }
}

void SurfaceExplorer::drawOverlay3D(ImDrawList* dl, ImVec2 a, ImVec2 b) {
  const Eigen::Matrix4f vp = camera_.viewProjection((b.x - a.x) / std::max(1.0f, b.y - a.y));
  auto project = [&](double x, double y, double f) -> std::optional<ImVec2> {
    const auto f_star = surface_->globalMinimumValue();
    const float t = std::clamp(scale_.normalise(f_star ? std::max(0.0, f - *f_star) : f), 0.0f, 1.0f);
    const Eigen::Vector4f p(float(-1 + 2 * (x - view_.xmin) / view_.width()),
                            float(-1 + 2 * (y - view_.ymin) / view_.height()),
                            SurfaceRenderer::meshHeight(t) + 0.012f, 1.0f);
    const Eigen::Vector4f c = vp * p;
    if (c.w() <= 1e-4f) return std::nullopt;
    return ImVec2(a.x + (c.x() / c.w() * 0.5f + 0.5f) * (b.x - a.x),
                  a.y + (0.5f - c.y() / c.w() * 0.5f) * (b.y - a.y));
  };
  dl->PushClipRect(a, b, true);
  std::vector<ImVec2> pts;
  for (int i = 0; i < int(runs_.size()); ++i) {
    const RunSlot& r = runs_[i];
    pts.clear();
    const auto& path = r.traj->path();
    for (size_t k = 0, step = trailStride(path.size()); k < path.size(); k = nextTrailIndex(k, step, path.size())) {
      const TrajectoryPoint& p = path[k];
      if (!view_.contains(Vec2(p.x, p.y))) continue;
      if (auto q = project(p.x, p.y, p.f)) {
        if (!pts.empty() && std::abs(q->x - pts.back().x) < 1.5f && std::abs(q->y - pts.back().y) < 1.5f) continue;
        pts.push_back(*q);
      }
    }
    if (pts.size() >= 2) {
      addPolylineChunked(dl, pts.data(), int(pts.size()), IM_COL32(0, 0, 0, 150), 4.5f);
      addPolylineChunked(dl, pts.data(), int(pts.size()), toU32(r.spec.color), 2.5f);
    }
    if (!pts.empty()) {
      dl->AddCircleFilled(pts.back(), 6.0f, IM_COL32(0, 0, 0, 220));
      dl->AddCircleFilled(pts.back(), 4.5f, toU32(r.spec.color));
    }
  }
  dl->PopClipRect();
  dl->AddText(ImVec2(a.x + 8, b.y - 22), IM_COL32(170, 176, 186, 255),
              "drag: orbit   wheel: zoom   height: log-compressed f - f*");
}

void SurfaceExplorer::drawColorBar(ImDrawList* dl, ImVec2 a, ImVec2 b) {
  const Lut& lut = colormapLut(scene_.colormap);
  const int n = 64;
  for (int i = 0; i < n; ++i) {
    const float t0 = float(i) / n, t1 = float(i + 1) / n;
    const auto& c = lut[std::min(255, int(t0 * 255 + 0.5f))];
    dl->AddRectFilled(ImVec2(a.x, b.y - t1 * (b.y - a.y)), ImVec2(b.x, b.y - t0 * (b.y - a.y) + 0.5f),
                      ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], 1)));
  }
  dl->AddRect(a, b, IM_COL32(90, 96, 106, 255));
  const ImU32 text = IM_COL32(210, 214, 220, 255);
  if (basin_) {
    // Basin legend: the shader maps steps s to t = 1 - 0.95 log(1+s)/log(1+max).
    const double max = double(basin_->maxSteps());
    dl->AddText(ImVec2(a.x - 6, a.y - 18), text, "steps");
    for (double s : {1.0, 10.0, 100.0, 1000.0, 10000.0}) {
      if (s > max) break;
      const float t = float(1.0 - 0.95 * std::log1p(s) / std::log1p(max));
      const float y = b.y - t * (b.y - a.y);
      dl->AddLine(ImVec2(b.x, y), ImVec2(b.x + 4, y), text);
      dl->AddText(ImVec2(b.x + 7, y - 7), text, tickLabel(s, s).c_str());
    }
    const ImVec2 k(a.x - 6, b.y + 4);
    dl->AddRectFilled(k, ImVec2(k.x + 10, k.y + 10), IM_COL32(115, 115, 115, 255));
    dl->AddText(ImVec2(k.x + 14, k.y - 2), text, "not reached");
    dl->AddRectFilled(ImVec2(k.x, k.y + 16), ImVec2(k.x + 10, k.y + 26), IM_COL32(140, 13, 20, 255));
    dl->AddText(ImVec2(k.x + 14, k.y + 14), text, "diverged");
    return;
  }
  const bool shifted = grid_.shifted;
  dl->AddText(ImVec2(a.x - 6, a.y - 18), text, shifted ? "f - f*" : "f");
  auto place = [&](double v, const std::string& l) {
    const float t = scale_.normalise(v);
    if (t < -0.001f || t > 1.001f) return;
    const float y = b.y - t * (b.y - a.y);
    dl->AddLine(ImVec2(b.x, y), ImVec2(b.x + 4, y), text);
    dl->AddText(ImVec2(b.x + 7, y - 7), text, l.c_str());
  };
  if (scale_.log) {
    std::vector<double> ticks = logTicks(std::pow(10.0, scale_.lo), std::pow(10.0, scale_.hi));
    while (ticks.size() > 8) {
      std::vector<double> thin;
      for (size_t i = 0; i < ticks.size(); i += 2) thin.push_back(ticks[i]);
      ticks = thin;
    }
    for (double v : ticks) place(v, tickLabel(v, v));
  } else {
    const Ticks t = niceTicks(scale_.lo, scale_.hi, 6);
    for (double v : t.values) place(v, tickLabel(v, t.step));
  }
}

void SurfaceExplorer::handleViewInput(ImVec2 a, ImVec2 b) {
  ImGui::SetCursorScreenPos(a);
  ImGui::InvisibleButton("##view", ImVec2(std::max(1.0f, b.x - a.x), std::max(1.0f, b.y - a.y)));
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  if (scene_.three_d) {
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0)) {
      camera_.yaw -= io.MouseDelta.x * 0.01f;
      camera_.pitch = std::clamp(camera_.pitch + io.MouseDelta.y * 0.01f, 0.05f, 1.55f);
    }
    if (hovered && io.MouseWheel != 0) {
      camera_.distance = std::clamp(camera_.distance * std::pow(0.9f, io.MouseWheel), 0.8f, 12.0f);
    }
    return;
  }
  const double sx = view_.width() / (b.x - a.x), sy = view_.height() / (b.y - a.y);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
    view_.xmin -= io.MouseDelta.x * sx;
    view_.xmax -= io.MouseDelta.x * sx;
    view_.ymin += io.MouseDelta.y * sy;
    view_.ymax += io.MouseDelta.y * sy;
    grid_dirty_ = true;
  }
  const bool was_dragged = ImGui::IsItemDeactivated() &&
                           (std::abs(io.MousePos.x - io.MouseClickedPos[0].x) >= 3 ||
                            std::abs(io.MousePos.y - io.MouseClickedPos[0].y) >= 3);
  if (was_dragged && basin_) restartBasin();  // the map follows the view
  const Vec2 at(view_.xmin + (io.MousePos.x - a.x) * sx, view_.ymin + (b.y - io.MousePos.y) * sy);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    fitView();
    return;
  }
  if (hovered && io.MouseWheel != 0) {
    const double k = std::pow(0.85, io.MouseWheel);
    view_ = Window{at.x() + (view_.xmin - at.x()) * k, at.x() + (view_.xmax - at.x()) * k,
                   at.y() + (view_.ymin - at.y()) * k, at.y() + (view_.ymax - at.y()) * k};
    grid_dirty_ = true;
    if (basin_) restartBasin();
  }
  // A click (no drag) sets the selected run's start; with shift it adds a run there.
  const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
  if (ImGui::IsItemDeactivated() && moved.x * moved.x + moved.y * moved.y < 9.0f) {
    if (io.KeyShift || runs_.empty()) {
      SceneRun s = runs_.empty() ? SceneRun{} : runs_[std::max(0, selected_)].spec;
      s.start = at;
      s.color = paletteColor(int(runs_.size()));
      addRun(s);
      selectOnly(int(runs_.size()) - 1);
    } else {
      for (RunSlot& r : runs_) {
        if (!r.selected) continue;
        r.spec.start = at;
        resetRun(r);
      }
      if (basin_) restartBasin();
    }
  }
}

// [SECTION] Loss plot

void SurfaceExplorer::drawPlot(ImVec2 size) {
  std::vector<PlotSeries> series;
  for (const RunSlot& r : runs_) {
    series.push_back({runLabel(r.spec), toU32(r.spec.color), r.plot_x, r.plot_y});
  }
  const bool has_min = surface_->globalMinimumValue().has_value();
  drawLinePlot("loss", size, series,
               {"step", has_min ? "f - f*  (log scale)" : "f", has_min});
}

}  // namespace mulab::gui
