// Scene files read: every field checked and named in its error (a section
// at a time: surface, view, runs, playback, basin map, sensitivity, lab).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "landscape/plane.hpp"
#include "scene/scene.hpp"
#include "surfaces/formula_surface.hpp"
#include "train/memory_budget.hpp"
#include "train/run_options.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

using nlohmann::json;

// Thrown inside the parser and turned into an Error at its edge.
struct SceneError {
  std::string message;
};

[[noreturn]] void fail(const std::string& field, const std::string& what) {
  throw SceneError{field + ": " + what};
}

double number(const json& j, const std::string& field, double lo, double hi) {
  if (!j.is_number()) fail(field, "expected a number");
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%g is outside [%g, %g]", v, lo, hi);
    fail(field, buf);
  }
  return v;
}

template <class T>
void readNumber(const json& obj, const char* key, const std::string& path, T& target, double lo,
                double hi) {
  if (obj.contains(key)) target = static_cast<T>(number(obj[key], path + "." + key, lo, hi));
}

void readBool(const json& obj, const char* key, const std::string& path, bool& target) {
  if (!obj.contains(key)) return;
  if (!obj[key].is_boolean()) fail(path + "." + key, "expected true or false");
  target = obj[key].get<bool>();
}

std::string readString(const json& obj, const char* key, const std::string& path,
                       const std::string& fallback) {
  if (!obj.contains(key)) return fallback;
  if (!obj[key].is_string()) fail(path + "." + key, "expected a string");
  return obj[key].get<std::string>();
}

Vec2 readPoint(const json& j, const std::string& field) {
  if (!j.is_array() || j.size() != 2) fail(field, "expected [x, y]");
  return Vec2(number(j[0], field + "[0]", -1e6, 1e6), number(j[1], field + "[1]", -1e6, 1e6));
}

Color readColor(const json& j, const std::string& field) {
  if (!j.is_array() || j.size() != 3) fail(field, "expected [r, g, b] with values in [0, 1]");
  Color c;
  for (int i = 0; i < 3; ++i) c[i] = static_cast<float>(number(j[i], field, 0, 1));
  return c;
}

void requireObject(const json& j, const std::string& field) {
  if (!j.is_object()) fail(field, "expected an object");
}

// One of `names` (core's one choice parser), as its index.
int readChoice(const json& obj, const char* key, const std::string& path, const ChoiceNames& names,
               const std::string& fallback) {
  auto i = names.parse(readString(obj, key, path, fallback));
  if (!i) fail(path.empty() ? key : path + "." + key, i.error());
  return *i;
}

// A path in a scene is relative to the scene file's folder.
std::string resolveAgainst(const std::string& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

// "surface": {"formula": "...", "window": [x0, x1, y0, y1]} (window optional).
void readFormulaSurface(const json& sj, Scene& s) {
  const std::string name = readString(sj, "name", "surface", "custom");
  if (name != "custom")
    fail("surface.name", "a formula surface is named 'custom', got '" + name + "'");
  s.surface = "custom";
  s.formula = readString(sj, "formula", "surface", "");
  if (sj.contains("window")) {
    const json& w = sj["window"];
    if (!w.is_array() || w.size() != 4) fail("surface.window", "expected [x0, x1, y0, y1]");
    const double lim = kMaxFormulaWindowExtent;
    s.formula_window = {
        number(w[0], "surface.window[0]", -lim, lim), number(w[1], "surface.window[1]", -lim, lim),
        number(w[2], "surface.window[2]", -lim, lim), number(w[3], "surface.window[3]", -lim, lim)};
    if (auto err = validateFormulaWindow(s.formula_window)) fail("surface.window", *err);
  }
  readBool(sj, "find_minima", "surface", s.formula_minima);
}

SceneRun readRun(const json& j, const std::string& path, int index) {
  requireObject(j, path);
  SceneRun run;
  auto optimizer = optimizerFromJson(j, path, {"start", "color"});
  if (!optimizer) throw SceneError{optimizer.error()};
  run.optimizer = *optimizer;
  if (!j.contains("start")) fail(path + ".start", "missing");
  run.start = readPoint(j["start"], path + ".start");
  run.color = j.contains("color") ? readColor(j["color"], path + ".color") : paletteColor(index);
  return run;
}

// Every option of the run (train/run_options.hpp), the recorded curves to
// replay and the colour.
LabRun readLabRun(const json& j, const std::string& path, int index, const std::string& base_dir) {
  requireObject(j, path);
  LabRun run;
  auto config = runConfigFromJson(j, kStoreScene, path, {"replay", "color"});
  if (!config) throw SceneError{config.error()};
  run.config = std::move(*config);
  if (auto over = checkMemoryBudget(run.config)) fail(path + "." + over->option, over->message);
  const std::string replay = readString(j, "replay", path, "");
  if (!replay.empty()) run.replay = resolveAgainst(base_dir, replay);
  run.color = j.contains("color") ? readColor(j["color"], path + ".color") : paletteColor(index);
  return run;
}

SceneLandscape readLandscape(const json& j, const std::string& base_dir) {
  requireObject(j, "landscape");
  SceneLandscape l;
  if (!j.contains("checkpoints")) fail("landscape.checkpoints", "expected a list of checkpoint folders");
  const json& dirs = j["checkpoints"];
  if (!dirs.is_array() || dirs.empty()) fail("landscape.checkpoints", "expected a list of checkpoint folders");
  if (dirs.size() > 16) fail("landscape.checkpoints", "at most 16 folders");
  for (size_t i = 0; i < dirs.size(); ++i) {
    const std::string field = "landscape.checkpoints[" + std::to_string(i) + "]";
    if (!dirs[i].is_string() || dirs[i].get<std::string>().empty()) fail(field, "expected a folder path");
    l.checkpoints.push_back(resolveAgainst(base_dir, dirs[i].get<std::string>()));
  }
  l.pca = readChoice(j, "directions", "landscape", planeKindChoices(), "pca") == int(PlaneKind::kPca);
  const std::string data = readString(j, "data_dir", "landscape", "");
  if (!data.empty()) l.data_dir = resolveAgainst(base_dir, data);
  // The bounds are mulab-cli landscape's (landscape/nested_grid.hpp, landscape_budget.hpp).
  readNumber(j, "grid", "landscape", l.grid, 2, 401);
  readNumber(j, "samples", "landscape", l.samples, 1, 60000);
  readNumber(j, "seed", "landscape", l.seed, 0, 9007199254740992.0);
  return l;
}

// [SECTION] The scene's sections

void readSurfaceSection(const json& root, Scene& s) {
  // A landscape scene needs no toy surface: the default stands until the
  // landscape's first level replaces it.
  if (!root.contains("surface") && !root.contains("landscape")) fail("surface", "missing");
  static const json kDefaultSurface = "rosenbrock";
  const json& sj = root.contains("surface") ? root["surface"] : kDefaultSurface;
  if (sj.is_string()) {
    s.surface = sj.get<std::string>();
  } else if (sj.is_object() && sj.contains("formula")) {
    readFormulaSurface(sj, s);
  } else {
    requireObject(sj, "surface");
    s.surface = readString(sj, "name", "surface", "");
    readNumber(sj, "condition", "surface", s.surface_params.condition, 1, 1e6);
    readNumber(sj, "rotation", "surface", s.surface_params.rotation_deg, -360, 360);
    if (auto err = validate(s.surface_params)) fail("surface", *err);
  }
  auto surface = makeSceneSurface(s);
  if (!surface) fail(s.surface == "custom" ? "surface.formula" : "surface", surface.error());
}

void readViewSection(const json& v, Scene& s) {
  requireObject(v, "view");
  if (v.contains("window")) {
    const json& w = v["window"];
    if (!w.is_array() || w.size() != 4) fail("view.window", "expected [xmin, xmax, ymin, ymax]");
    Window win{number(w[0], "view.window[0]", -1e6, 1e6), number(w[1], "view.window[1]", -1e6, 1e6),
               number(w[2], "view.window[2]", -1e6, 1e6), number(w[3], "view.window[3]", -1e6, 1e6)};
    if (!(win.xmax > win.xmin) || !(win.ymax > win.ymin)) {
      fail("view.window", "needs xmin < xmax and ymin < ymax");
    }
    s.view = win;
  }
  static const ChoiceNames kModes{"mode", {"2d", "3d"}};
  s.three_d = readChoice(v, "mode", "view", kModes, "2d") == 1;
  readNumber(v, "yaw", "view", s.yaw, -10, 10);
  readNumber(v, "pitch", "view", s.pitch, 0.05, 1.55);
  readNumber(v, "distance", "view", s.distance, 0.5, 20);
  s.colormap = colormapChoices().name(readChoice(v, "colormap", "view", colormapChoices(), s.colormap));
  readBool(v, "log_scale", "view", s.log_scale);
  if (v.contains("equal_scale")) {
    bool equal = false;
    readBool(v, "equal_scale", "view", equal);
    s.equal_scale = equal;
  }
  readNumber(v, "contours", "view", s.contours, 0, 64);
  if (v.contains("vectors")) {
    const json& vj = v["vectors"];
    requireObject(vj, "view.vectors");
    for (const auto& [key, value] : vj.items()) {
      static const char* kKeys[] = {"gradient", "momentum", "step", "trust", "rate", "all_runs"};
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
        fail("view.vectors." + key, "unknown vector (valid: gradient, momentum, step, trust, rate, all_runs)");
      }
      (void)value;
    }
    VectorToggles& t = s.vectors;
    readBool(vj, "gradient", "view.vectors", t.gradient);
    readBool(vj, "momentum", "view.vectors", t.momentum);
    readBool(vj, "step", "view.vectors", t.step);
    readBool(vj, "trust", "view.vectors", t.trust);
    readBool(vj, "rate", "view.vectors", t.rate);
    readBool(vj, "all_runs", "view.vectors", t.all_runs);
  }
}

void readRunsSection(const json& runs, Scene& s) {
  if (!runs.is_array()) fail("runs", "expected a list");
  if (runs.size() > 64) fail("runs", "at most 64 runs");
  for (size_t i = 0; i < runs.size(); ++i) s.runs.push_back(readRun(runs[i], "runs[" + std::to_string(i) + "]", int(i)));
}

void readPlaybackSection(const json& p, Scene& s) {
  requireObject(p, "playback");
  readBool(p, "playing", "playback", s.playing);
  readNumber(p, "steps_per_second", "playback", s.steps_per_second, 0.1, 100000);
  readNumber(p, "advance_steps", "playback", s.advance_steps, 0, 1e6);
  readNumber(p, "max_steps", "playback", s.stop.max_steps, 1, 1e7);
  readNumber(p, "tol", "playback", s.stop.f_tol, 0, 1e6);
  readNumber(p, "grad_tol", "playback", s.stop.grad_tol, 0, 1e6);
}

void readBasinSection(const json& b, Scene& s) {
  requireObject(b, "basin_map");
  readBool(b, "enabled", "basin_map", s.basin_map);
  readNumber(b, "run", "basin_map", s.basin_run, 0, 63);
  readNumber(b, "resolution", "basin_map", s.basin_resolution, 8, 512);
  if (s.basin_map && s.basin_run >= static_cast<int>(s.runs.size())) {
    fail("basin_map.run", "refers to run " + std::to_string(s.basin_run) + " but the scene has " +
                              std::to_string(s.runs.size()) + " runs");
  }
}

void readSensitivitySection(const json& v, Scene& s) {
  requireObject(v, "sensitivity");
  SensitivitySettings& t = s.sensitivity;
  readBool(v, "shown", "sensitivity", t.shown);
  static const ChoiceNames kMeasures{"measure", {"final_gap", "steps"}};
  t.steps = readChoice(v, "measure", "sensitivity", kMeasures, "final_gap") == 1;
  // Each start is a batch column run for every rule and step size: 64 keeps
  // a full view within seconds.
  readNumber(v, "starts", "sensitivity", t.starts, 1, 64);
  readNumber(v, "seed", "sensitivity", t.seed, 0, 9007199254740992.0);
}

void readLabSection(const json& lab, const std::string& base_dir, Scene& s) {
  requireObject(lab, "lab");
  if (lab.contains("runs")) {
    if (!lab["runs"].is_array()) fail("lab.runs", "expected a list");
    if (lab["runs"].size() > 16) fail("lab.runs", "at most 16 runs");
    for (size_t i = 0; i < lab["runs"].size(); ++i) {
      s.lab_runs.push_back(
          readLabRun(lab["runs"][i], "lab.runs[" + std::to_string(i) + "]", int(i), base_dir));
    }
  }
  const std::string sweep = readString(lab, "sweep", "lab", "");
  if (!sweep.empty()) s.lab_sweep = resolveAgainst(base_dir, sweep);
  if (lab.contains("plot")) {
    const json& p = lab["plot"];
    requireObject(p, "lab.plot");
    static const ChoiceNames kAxes{"axis", {"epoch", "updates", "time"}};
    s.lab_plot.x_axis = kAxes.name(readChoice(p, "x_axis", "lab.plot", kAxes, "epoch"));
    readNumber(p, "smoothing", "lab.plot", s.lab_plot.smoothing, 0, 0.99);
    readBool(p, "log_loss", "lab.plot", s.lab_plot.log_loss);
    readBool(p, "log_x", "lab.plot", s.lab_plot.log_x);
  }
}

Scene readScene(const json& root, const std::string& base_dir) {
  requireObject(root, "scene");
  Scene s;
  s.title = readString(root, "title", "scene", "");
  if (s.title.size() > kMaxSceneTitle) {
    fail("title", "longer than " + std::to_string(kMaxSceneTitle) + " characters");
  }
  s.description = readString(root, "description", "scene", "");
  if (s.description.size() > kMaxSceneDescription) {
    fail("description", "longer than " + std::to_string(kMaxSceneDescription) + " characters");
  }
  readSurfaceSection(root, s);
  if (root.contains("view")) readViewSection(root["view"], s);
  if (root.contains("runs")) readRunsSection(root["runs"], s);
  if (root.contains("playback")) readPlaybackSection(root["playback"], s);
  if (root.contains("basin_map")) readBasinSection(root["basin_map"], s);
  if (root.contains("sensitivity")) readSensitivitySection(root["sensitivity"], s);
  if (root.contains("landscape")) s.landscape = readLandscape(root["landscape"], base_dir);
  static const ChoiceNames kTabs{"tab", {"explorer", "lab"}};
  s.tab = kTabs.name(readChoice(root, "tab", "", kTabs, "explorer"));
  if (root.contains("lab")) readLabSection(root["lab"], base_dir, s);
  return s;
}

}  // namespace

// [SECTION] Entry points

Result<Scene> parseScene(const std::string& text, const std::string& name) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    // parse_error for bad syntax, out_of_range for numbers like 1e999 (found
    // by the fuzzer: it used to escape and end the app). e.what() reads
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
    std::string what = e.what();
    const size_t at = what.find("] ");
    return Error{name + ": not valid JSON (" + (at == std::string::npos ? what : what.substr(at + 2)) +
                 ")"};
  }
  try {
    return readScene(root, std::filesystem::path(name).parent_path().string());
  } catch (const SceneError& e) {
    return Error{name + ": " + e.message};
  } catch (const json::exception& e) {
    return Error{name + ": " + e.what()};
  }
}

Result<Scene> loadScene(const std::string& path) {
  auto text = readTextFile(path, kMaxSceneBytes, "scene");
  if (!text) return Error{text.error()};
  return parseScene(*text, path);
}

}  // namespace mulab
