#include "scene/scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "landscape/plane.hpp"
#include "surfaces/formula_surface.hpp"
#include "train/memory_budget.hpp"
#include "train/run_options.hpp"
#include "util/atomic_file.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

using nlohmann::json;

json labRunToJson(const LabRun& r) {
  json j = runConfigJson(r.config, kStoreScene);
  j["color"] = {r.color[0], r.color[1], r.color[2]};
  if (!r.replay.empty()) j["replay"] = r.replay;
  return j;
}

json runToJson(const SceneRun& r) {
  json j = optimizerJson(r.optimizer);
  j["start"] = {r.start.x(), r.start.y()};
  j["color"] = {r.color[0], r.color[1], r.color[2]};
  return j;
}

}  // namespace

Color paletteColor(int index) {
  // Okabe-Ito colours: distinguishable with colour-blindness, on dark and light maps.
  static const Color kPalette[] = {{0.90f, 0.62f, 0.00f}, {0.34f, 0.71f, 0.91f},
                                   {0.00f, 0.62f, 0.45f}, {0.94f, 0.89f, 0.26f},
                                   {0.00f, 0.45f, 0.70f}, {0.84f, 0.37f, 0.00f},
                                   {0.80f, 0.47f, 0.65f}, {1.00f, 1.00f, 1.00f}};
  return kPalette[index % 8];
}

std::string sceneToJson(const Scene& s) {
  json root;
  if (!s.title.empty()) root["title"] = s.title;
  if (!s.description.empty()) root["description"] = s.description;
  if (s.surface == "custom") {
    const Window& w = s.formula_window;
    root["surface"] = {{"formula", s.formula}, {"window", {w.xmin, w.xmax, w.ymin, w.ymax}}};
    if (s.formula_minima) root["surface"]["find_minima"] = true;
  } else if (s.surface == "quadratic") {
    root["surface"] = {{"name", s.surface},
                       {"condition", s.surface_params.condition},
                       {"rotation", s.surface_params.rotation_deg}};
  } else {
    root["surface"] = s.surface;
  }
  json view = {{"mode", s.three_d ? "3d" : "2d"}, {"yaw", s.yaw},           {"pitch", s.pitch},
               {"distance", s.distance},           {"colormap", s.colormap}, {"log_scale", s.log_scale},
               {"contours", s.contours}};
  if (s.view) view["window"] = {s.view->xmin, s.view->xmax, s.view->ymin, s.view->ymax};
  if (s.equal_scale) view["equal_scale"] = *s.equal_scale;
  const VectorToggles& t = s.vectors;
  view["vectors"] = {{"gradient", t.gradient}, {"momentum", t.momentum}, {"step", t.step},
                     {"trust", t.trust},       {"rate", t.rate},         {"all_runs", t.all_runs}};
  root["view"] = view;
  root["runs"] = json::array();
  for (const auto& r : s.runs) root["runs"].push_back(runToJson(r));
  root["playback"] = {{"playing", s.playing},          {"steps_per_second", s.steps_per_second},
                      {"advance_steps", s.advance_steps}, {"max_steps", s.stop.max_steps},
                      {"tol", s.stop.f_tol},            {"grad_tol", s.stop.grad_tol}};
  root["basin_map"] = {{"enabled", s.basin_map}, {"run", s.basin_run},
                       {"resolution", s.basin_resolution}};
  root["sensitivity"] = {{"shown", s.sensitivity.shown},
                         {"measure", s.sensitivity.steps ? "steps" : "final_gap"},
                         {"starts", s.sensitivity.starts},
                         {"seed", s.sensitivity.seed}};
  root["tab"] = s.tab;
  json lab_runs = json::array();
  for (const auto& r : s.lab_runs) lab_runs.push_back(labRunToJson(r));
  root["lab"] = {{"runs", lab_runs},
                 {"plot", {{"x_axis", s.lab_plot.x_axis}, {"smoothing", s.lab_plot.smoothing},
                           {"log_loss", s.lab_plot.log_loss}, {"log_x", s.lab_plot.log_x}}}};
  if (!s.lab_sweep.empty()) root["lab"]["sweep"] = s.lab_sweep;
  if (s.landscape) {
    root["landscape"] = {{"checkpoints", s.landscape->checkpoints},
                         {"directions", std::string(toString(s.landscape->pca ? PlaneKind::kPca : PlaneKind::kRandom))},
                         {"grid", s.landscape->grid},
                         {"samples", s.landscape->samples},
                         {"seed", s.landscape->seed}};
    if (!s.landscape->data_dir.empty()) root["landscape"]["data_dir"] = s.landscape->data_dir;
  }
  return root.dump(2) + "\n";
}

Result<std::shared_ptr<const Surface>> makeSceneSurface(const Scene& scene) {
  if (scene.surface == "custom") {
    auto surface = makeFormulaSurface(scene.formula, scene.formula_window);
    if (!surface || !scene.formula_minima) return surface;
    auto minima = findMinima(**surface, scene.formula_window);
    if (minima.empty()) return *surface;  // f* stays unknown, as before the search
    return withMinima(*surface, std::move(minima));
  }
  return makeSurface(scene.surface, scene.surface_params);
}

std::optional<std::string> saveScene(const Scene& scene, const std::string& path) {
  return writeFileAtomically(path, sceneToJson(scene));
}

}  // namespace mulab
