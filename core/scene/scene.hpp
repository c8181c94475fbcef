// Scene files: everything the surface explorer shows, as JSON: the surface,
// the view, the colour map, the runs and the playback state. The GUI opens and
// saves them, the shipped teaching scenes in assets/scenes/ use them, and the
// screenshot regression tests render them. Parsing validates every field and
// names the file and the field in its error.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "optim/optimizer_config.hpp"
#include "surfaces/surface.hpp"
#include "train/run.hpp"
#include "trajectory/trajectory.hpp"
#include "util/colormap.hpp"
#include "util/result.hpp"

namespace mulab {

using Color = std::array<float, 3>;

struct SceneRun {
  OptimizerConfig optimizer;
  Vec2 start = Vec2(0, 0);
  Color color{0.9f, 0.3f, 0.2f};
};

// A training-lab run: trained live, or replayed from a recorded metrics CSV
// (mulab-cli train --csv), which makes lab screenshots deterministic.
struct LabRun {
  RunConfig config;
  std::string replay;  // CSV path, resolved against the scene file's folder; empty: train
  Color color{0.9f, 0.62f, 0.0f};
};

struct LabPlot {
  std::string x_axis = "epoch";  // epoch | updates | time
  double smoothing = 0.0;        // EMA weight of the previous value, in [0, 0.99]
  bool log_loss = true;
  bool log_x = false;
};

// Which explanations the explorer draws at each run's marker.
struct VectorToggles {
  bool gradient = true;   // -grad f
  bool momentum = false;  // m_t
  bool step = true;       // the step actually taken next
  bool trust = true;      // multiplicative share's bound gamma * eta_out * |theta|
  bool rate = false;      // adaptive rate l_t
  bool all_runs = false;  // every visible run, not only the focused one
};

// The explorer's sensitivity view (final f - f* or steps to tolerance against
// step size, quartiles over seeded starts; trajectory/sensitivity.hpp).
struct SensitivitySettings {
  bool shown = false;         // the view is open (instead of the convergence plot)
  bool steps = false;         // steps to tolerance instead of final f - f*
  int starts = 16;            // seeded start points in the surface's window
  uint64_t seed = 1;
  bool operator==(const SensitivitySettings&) const = default;
};

// A network loss landscape the explorer shows (docs/landscape.md): checkpoint folders
// written by `mulab-cli train --checkpoints DIR` (resolved against the scene
// file's folder), the plane, the finest grid and the evaluation subset, as
// `mulab-cli landscape` takes them. Scene JSON:
//   "landscape": {"checkpoints": ["DIR", ...], "directions": "pca",
//                 "grid": 21, "samples": 500, "seed": 1, "data_dir": "DIR"}
// data_dir (optional, resolved likewise) replaces the app's data folder for
// the evaluation subset, so a test can ship a small dataset beside its folders.
struct SceneLandscape {
  std::vector<std::string> checkpoints;
  std::string data_dir;
  bool pca = true;
  int grid = 41;
  long samples = 1000;
  uint64_t seed = 1;
  bool operator==(const SceneLandscape&) const = default;
};

struct Scene {
  std::string title;
  std::string description;  // a paragraph for the audience, shown under the title
  std::string surface = "rosenbrock";  // a catalogue name, or "custom" for a formula
  SurfaceParams surface_params;
  // When surface == "custom": f(x, y) as typed (formula_surface.hpp) and the
  // surface's window. Scene JSON: "surface": {"formula": "...", "window": [x0, x1, y0, y1]}.
  std::string formula;
  Window formula_window{-5, 5, -5, 5};
  // The formula surface's minima searched for (findMinima over its window),
  // so f - f* is known: "surface": {..., "find_minima": true}. Set by the
  // explorer's "Find minima" button, so a saved scene comes back with its f*.
  bool formula_minima = false;
  std::optional<Window> view;  // default: the surface's window
  bool three_d = false;
  std::optional<bool> equal_scale;  // same units per pixel on both axes; default: when the window is square
  float yaw = -0.7f, pitch = 0.65f, distance = 2.8f;  // 3D orbit camera (radians, units)
  std::string colormap = "viridis";                    // one of colormapChoices()
  bool log_scale = true;
  int contours = 16;
  VectorToggles vectors;
  std::vector<SceneRun> runs;
  StopCriteria stop{5000, 1e-6, 0.0, 10.0};
  bool playing = true;
  double steps_per_second = 60;
  long advance_steps = 0;  // step every run this far on load (for screenshots)
  bool basin_map = false;
  int basin_run = 0;
  int basin_resolution = 64;
  SensitivitySettings sensitivity;
  std::string tab = "explorer";  // explorer | lab
  std::vector<LabRun> lab_runs;
  LabPlot lab_plot;
  // A sweep folder the lab shows (mulab-cli sweep --out DIR), resolved
  // against the scene file's folder; empty: none.
  std::string lab_sweep;
  std::optional<SceneLandscape> landscape;
};

// Largest scene file accepted.
inline constexpr uint64_t kMaxSceneBytes = uint64_t{8} << 20;
inline constexpr size_t kMaxSceneTitle = 200;
inline constexpr size_t kMaxSceneDescription = 2000;

// `name` (a path, usually) prefixes every error.
Result<Scene> parseScene(const std::string& json_text, const std::string& name);
Result<Scene> loadScene(const std::string& path);
std::string sceneToJson(const Scene& scene);
// Writes to a temporary file and renames it over `path`; error text on failure.
std::optional<std::string> saveScene(const Scene& scene, const std::string& path);

// The scene's surface: the catalogue's, or its formula over its window. A
// formula surface has no minima listed unless the scene asks for them to be
// searched (formula_minima: findMinima over the window, then withMinima).
Result<std::shared_ptr<const Surface>> makeSceneSurface(const Scene& scene);

// Distinct run colours for new runs.
Color paletteColor(int index);

}  // namespace mulab
