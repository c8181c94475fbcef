// Scene files: shipped scenes load, a scene round-trips through JSON, and
// every broken field gets an error naming the file and the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scene/scene.hpp"

namespace mulab {
namespace {

TEST(Scene, EveryShippedSceneLoads) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(MULAB_SOURCE_DIR "/assets/scenes")) {
    if (e.path().extension() != ".json") continue;
    auto s = loadScene(e.path().string());
    EXPECT_TRUE(s.ok()) << s.error();
    if (s.ok()) {
      EXPECT_FALSE(s->title.empty()) << e.path();
      EXPECT_TRUE(!s->runs.empty() || !s->lab_runs.empty()) << e.path();
      for (const LabRun& r : s->lab_runs) {
        if (!r.replay.empty()) {
          EXPECT_TRUE(readMetricsCsv(r.replay).ok()) << r.replay;
        }
      }
    }
    ++count;
  }
  EXPECT_GE(count, 4);
}

TEST(Scene, RoundTripsThroughJson) {
  Scene s;
  s.title = "t";
  s.surface = "quadratic";
  s.surface_params.condition = 10;
  s.surface_params.rotation_deg = 30;
  s.view = Window{-1, 2, -3, 4};
  s.three_d = true;
  s.colormap = "magma";
  s.log_scale = false;
  s.contours = 7;
  SceneRun r;
  r.optimizer.base = BaseOptimizer::kNesterov;
  r.optimizer.rule = UpdateRule::kHybrid;
  r.optimizer.gamma = 0.25;
  r.optimizer.lr = 0.125;
  r.start = Vec2(0.5, -0.75);
  r.color = {0.25f, 0.5f, 1.0f};
  s.runs = {r, r};
  s.stop.max_steps = 1234;
  s.basin_map = true;
  s.basin_run = 1;
  s.basin_resolution = 32;
  auto back = parseScene(sceneToJson(s), "mem");
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->surface, "quadratic");
  EXPECT_EQ(back->surface_params.condition, 10);
  EXPECT_EQ(back->view->xmax, 2);
  EXPECT_TRUE(back->three_d);
  EXPECT_EQ(back->colormap, "magma");
  EXPECT_FALSE(back->log_scale);
  EXPECT_EQ(back->contours, 7);
  ASSERT_EQ(back->runs.size(), 2u);
  EXPECT_EQ(back->runs[1].optimizer.base, BaseOptimizer::kNesterov);
  EXPECT_EQ(back->runs[1].optimizer.rule, UpdateRule::kHybrid);
  EXPECT_EQ(back->runs[1].optimizer.gamma, 0.25);
  EXPECT_EQ(back->runs[1].start.y(), -0.75);
  EXPECT_EQ(back->runs[1].color[2], 1.0f);
  EXPECT_EQ(back->stop.max_steps, 1234);
  EXPECT_TRUE(back->basin_map);
  EXPECT_EQ(back->basin_run, 1);
}

TEST(Scene, BrokenScenesNameTheFileAndTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "x.json: not valid JSON"},
      {"{\"surface\": \"rosenbrock\",", "x.json: not valid JSON (parse error at line 1"},
      {"[]", "x.json: scene: expected an object"},
      // Found by fuzzing: an out-of-range number threw past the parser.
      {"5877e4294{n){48", "x.json: not valid JSON (number overflow"},
      {"{\"surface\": \"booth\", \"runs\": [{\"lr\": 1e999, \"start\": [0, 0]}]}", "x.json: not valid JSON (number overflow"},
      {"{}", "x.json: surface: missing"},
      {"{\"surface\": \"rosenbrok\"}", "x.json: surface: unknown surface 'rosenbrok' (valid: quadratic"},
      {"{\"surface\": {\"name\": \"quadratic\", \"condition\": 0.5}}", "surface.condition: 0.5 is outside [1, 1e+06]"},
      {"{\"surface\": \"booth\", \"view\": {\"mode\": \"4d\"}}", "view.mode: unknown mode '4d' (valid: 2d, 3d)"},
      {"{\"surface\": \"booth\", \"view\": {\"colormap\": \"jet\"}}", "view.colormap: unknown colour map 'jet' (valid: viridis, magma, coolwarm)"},
      {"{\"surface\": \"booth\", \"view\": {\"window\": [1, 0, 0, 1]}}", "view.window: needs xmin < xmax"},
      {"{\"surface\": \"booth\", \"runs\": {}}", "runs: expected a list"},
      {"{\"surface\": \"booth\", \"runs\": [{\"rule\": \"add\", \"start\": [0, 0]}]}", "runs[0].rule: unknown rule 'add'"},
      {"{\"surface\": \"booth\", \"runs\": [{\"optimizer\": \"adamw\", \"start\": [0, 0]}]}", "runs[0].optimizer: unknown optimizer 'adamw'"},
      {"{\"surface\": \"booth\", \"runs\": [{\"gamma\": 2, \"start\": [0, 0]}]}", "runs[0].gamma: must lie in [0, 1], got 2"},
      {"{\"surface\": \"booth\", \"runs\": [{\"lr\": -1, \"start\": [0, 0]}]}", "runs[0].lr: must not be negative, got -1"},
      {"{\"surface\": \"booth\", \"runs\": [{\"lr\": \"fast\", \"start\": [0, 0]}]}", "runs[0].lr: expected a number"},
      {"{\"surface\": \"booth\", \"runs\": [{}]}", "runs[0].start: missing"},
      {"{\"surface\": \"booth\", \"runs\": [{\"start\": [0]}]}", "runs[0].start: expected [x, y]"},
      {"{\"surface\": \"booth\", \"runs\": [{\"start\": [0, 0], \"color\": [2, 0, 0]}]}", "runs[0].color: 2 is outside [0, 1]"},
      {"{\"surface\": \"booth\", \"playback\": {\"playing\": 1}}", "playback.playing: expected true or false"},
      {"{\"surface\": \"booth\", \"basin_map\": {\"enabled\": true, \"run\": 3}}", "basin_map.run: refers to run 3 but the scene has 0 runs"},
  };
  for (const auto& [text, expected] : cases) {
    auto s = parseScene(text, "x.json");
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.error().find(expected), std::string::npos) << "got: " << s.error();
    EXPECT_EQ(s.error().rfind("x.json: ", 0), 0u) << s.error();
  }
}

TEST(Scene, FormulaSurfacesRoundTripAndBuildTheirSurface) {
  const std::string text = R"j({"surface": {"formula": "(x - 1)^2 + 2*(y + 0.5)^2",
                                          "window": [-3, 4, -2, 1.5]},
                               "runs": [{"optimizer": "sgd", "lr": 0.1, "start": [2, 1]}]})j";
  auto s = parseScene(text, "f.json");
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->surface, "custom");
  EXPECT_EQ(s->formula, "(x - 1)^2 + 2*(y + 0.5)^2");
  EXPECT_EQ(s->formula_window.xmin, -3);
  EXPECT_EQ(s->formula_window.xmax, 4);
  EXPECT_EQ(s->formula_window.ymin, -2);
  EXPECT_EQ(s->formula_window.ymax, 1.5);
  auto surface = makeSceneSurface(*s);
  ASSERT_TRUE(surface.ok()) << surface.error();
  EXPECT_EQ((*surface)->name(), "custom");
  EXPECT_DOUBLE_EQ((*surface)->value(Vec2(2, 1)), 1 + 2 * 2.25);
  EXPECT_EQ((*surface)->info().window.xmax, 4);

  auto again = parseScene(sceneToJson(*s), "f.json");
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->surface, "custom");
  EXPECT_EQ(again->formula, s->formula);
  EXPECT_EQ(again->formula_window.ymax, 1.5);
  EXPECT_EQ(sceneToJson(*again), sceneToJson(*s));

  // The window is optional; a built-in scene still builds the built-in.
  auto plain = parseScene(R"j({"surface": {"formula": "x^2 + y^2"}})j", "p.json");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ(plain->formula_window.xmin, -5);
  const Scene booth = parseScene(R"j({"surface": "booth"})j", "b.json").value();
  EXPECT_EQ(makeSceneSurface(booth).value()->name(), "booth");

  const std::vector<std::pair<std::string, std::string>> broken = {
      {R"j({"surface": {"formula": "x +"}})j",
       "b.json: surface.formula: syntax error at the end of the formula: unexpected end of "
       "expression"},
      {R"j({"surface": {"formula": "x * q"}})j",
       "b.json: surface.formula: unknown name 'q' at character 5"},
      {R"j({"surface": {"formula": ""}})j", "b.json: surface.formula: the formula is empty"},
      {R"j({"surface": {"formula": 3}})j", "b.json: surface.formula: expected a string"},
      {R"j({"surface": {"formula": "sqrt(-1-x^2)"}})j",
       "b.json: surface.formula: f is not finite on 100%"},
      {R"j({"surface": {"formula": "x", "window": [1, 0, 0, 1]}})j",
       "b.json: surface.window: needs x0 < x1 and y0 < y1"},
      {R"j({"surface": {"formula": "x", "window": [0, 1, 0]}})j",
       "b.json: surface.window: expected [x0, x1, y0, y1]"},
      {R"j({"surface": {"formula": "x", "window": [0, 1, 0, 1e9]}})j",
       "b.json: surface.window[3]: 1e+09 is outside [-1e+06, 1e+06]"},
      {R"j({"surface": {"formula": "x", "name": "booth"}})j",
       "b.json: surface.name: a formula surface is named 'custom', got 'booth'"},
      {R"j({"surface": "custom"})j", "b.json: surface.formula: the formula is empty"},
  };
  for (const auto& [json, expected] : broken) {
    auto r = parseScene(json, "b.json");
    ASSERT_FALSE(r.ok()) << json;
    EXPECT_EQ(r.error().rfind(expected, 0), 0u) << "got: " << r.error();
  }
}

TEST(Scene, FormulaMinimaAndTheSensitivityViewRoundTrip) {
  // Two wells at x = +-1 (f = -1): the search finds both, so f* = -1.
  const std::string text = R"j({"surface": {"formula": "(x^2 - 1)^2 - 1 + y^2", "window": [-2, 2, -2, 2],
                                           "find_minima": true},
                               "sensitivity": {"shown": true, "measure": "steps", "starts": 8, "seed": 7}})j";
  auto s = parseScene(text, "m.json");
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_TRUE(s->formula_minima);
  auto surface = makeSceneSurface(*s);
  ASSERT_TRUE(surface.ok()) << surface.error();
  ASSERT_TRUE((*surface)->globalMinimumValue().has_value());
  EXPECT_NEAR(*(*surface)->globalMinimumValue(), -1.0, 1e-9);
  EXPECT_EQ((*surface)->info().minima.size(), 2u);
  EXPECT_TRUE(s->sensitivity.shown);
  EXPECT_TRUE(s->sensitivity.steps);
  EXPECT_EQ(s->sensitivity.starts, 8);
  EXPECT_EQ(s->sensitivity.seed, 7u);

  auto again = parseScene(sceneToJson(*s), "m.json");
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_TRUE(again->formula_minima);
  EXPECT_EQ(again->sensitivity, s->sensitivity);
  EXPECT_EQ(sceneToJson(*again), sceneToJson(*s));

  // Without the flag f* stays unknown; a formula with no interior minimum
  // keeps it unknown rather than failing the scene.
  s->formula_minima = false;
  EXPECT_FALSE(makeSceneSurface(*s).value()->globalMinimumValue().has_value());
  auto slope = parseScene(R"j({"surface": {"formula": "x + y", "find_minima": true}})j", "s.json");
  ASSERT_TRUE(slope.ok()) << slope.error();
  EXPECT_FALSE(makeSceneSurface(*slope).value()->globalMinimumValue().has_value());
  // Defaults: the convergence plot, final f - f*, 16 starts, seed 1.
  const Scene plain = parseScene(R"j({"surface": "booth"})j", "b.json").value();
  EXPECT_EQ(plain.sensitivity, SensitivitySettings{});
  EXPECT_FALSE(plain.sensitivity.shown);
  EXPECT_EQ(plain.sensitivity.starts, 16);
}

TEST(Scene, SaveWritesAtomicallyAndReportsUnwritablePaths) {
  const std::string path = ::testing::TempDir() + "/saved_scene.json";
  Scene s;
  s.runs.push_back(SceneRun{});
  ASSERT_FALSE(saveScene(s, path).has_value());
  for (const auto& e : std::filesystem::directory_iterator(::testing::TempDir())) {
    EXPECT_EQ(e.path().filename().string().rfind(".saved_scene.json.", 0), std::string::npos)
        << "temporary file left behind: " << e.path();
  }
  EXPECT_TRUE(loadScene(path).ok());
  auto err = saveScene(s, "/nonexistent/dir/scene.json");
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("/nonexistent/dir/scene.json: folder /nonexistent/dir does not exist"),
            std::string::npos)
      << *err;
  auto missing = loadScene("/nonexistent/scene.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("/nonexistent/scene.json: not found"), std::string::npos);
}

}  // namespace
}  // namespace mulab

#include "train/metrics.hpp"

namespace mulab {
namespace {

TEST(MetricsCsv, RoundTripsAndNamesTheBadLine) {
  const std::string path = ::testing::TempDir() + "/metrics_rt.csv";
  {
    std::ofstream out(path);
    out << metricsCsvHeader() << "\n";
    out << metricsCsvRow({0.5, 10, 2000, 10, 0.25, 0.7, 0.8, NAN}) << "\n";
    out << metricsCsvRow({1.0, 20, 4000, 20, 0.5, 0.4, 0.9, 0.91}) << "\n";
  }
  auto pts = readMetricsCsv(path);
  ASSERT_TRUE(pts.ok()) << pts.error();
  ASSERT_EQ(pts->size(), 2u);
  EXPECT_EQ((*pts)[1].step, 20);
  EXPECT_TRUE(std::isnan((*pts)[0].test_acc));
  EXPECT_DOUBLE_EQ((*pts)[1].test_acc, 0.91);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"epoch,step\n", "line 1: expected the header"},
      {metricsCsvHeader() + "\n1,2,3\n", "line 2: expected 8 fields, got 3"},
      {metricsCsvHeader() + "\n1,x,3,4,5,6,0.7,0.8\n", "line 2: step: 'x' is not a number"},
      {metricsCsvHeader() + "\n1,5,3,4,5,6,0.7,0.8\n1,5,3,4,5,6,0.7,0.8\n",
       "line 3: steps must increase"},
      {metricsCsvHeader() + "\n1,5,3,4,5,6,7,0.8\n", "line 2: train_acc must lie in [0, 1]"},
      {metricsCsvHeader() + "\n1,5.5,3,4,5,6,0.7,0.8\n", "line 2: step must be a whole number"},
      {metricsCsvHeader() + "\n1,2,3,4,5,6,0.7,0.8,9,10\n", "line 2: expected 8 fields, got more"},
      {metricsCsvHeader() + "\n" + std::string(2000, '1') + "\n", "line 2 is longer than 1024"},
  };
  for (const auto& [text, expected] : bad) {
    std::ofstream(path) << text;
    auto r = readMetricsCsv(path);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().find(path + ": " + expected), std::string::npos) << r.error();
  }
}

TEST(Scene, LabRunsRoundTripAndResolveReplaysAgainstTheSceneFolder) {
  const std::string text = R"({"surface": "booth", "tab": "lab", "lab": {
      "runs": [{"method": "altmin", "hidden": [64, 32], "rule": "hybrid", "gamma": 0.25,
                "epochs": 3, "replay": "runs/a.csv"},
               {"method": "er", "ridge": 100, "er_mode": "incremental", "batch": 1000}],
      "plot": {"x_axis": "updates", "smoothing": 0.5, "log_loss": false, "log_x": true}}})";
  auto s = parseScene(text, "/some/dir/scene.json");
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->tab, "lab");
  ASSERT_EQ(s->lab_runs.size(), 2u);
  EXPECT_EQ(s->lab_runs[0].config.method, Method::kAltMin);
  EXPECT_EQ(s->lab_runs[0].config.hidden, (std::vector<int>{64, 32}));
  EXPECT_EQ(s->lab_runs[0].config.optimizer.gamma, 0.25);
  EXPECT_EQ(s->lab_runs[0].replay, "/some/dir/runs/a.csv");
  // What a lab run leaves out is its method's default, as on the command line.
  EXPECT_EQ(s->lab_runs[1].config.hidden, defaultRunConfig(Method::kEr).hidden);
  EXPECT_TRUE(s->lab_runs[1].config.er_incremental);
  EXPECT_EQ(s->lab_plot.x_axis, "updates");
  EXPECT_TRUE(s->lab_plot.log_x);
  auto back = parseScene(sceneToJson(*s), "/other/scene.json");
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->lab_runs[0].replay, "/some/dir/runs/a.csv");  // absolute once resolved
  EXPECT_EQ(back->lab_runs[1].config.er_ridge, 100);
  EXPECT_EQ(back->lab_plot.smoothing, 0.5);
  for (const auto& [bad, expected] : std::vector<std::pair<std::string, std::string>>{
           {R"({"surface": "booth", "lab": {"runs": [{"method": "sgd"}]}})", "lab.runs[0].method: unknown method 'sgd'"},
           {R"({"surface": "booth", "lab": {"runs": [{"hidden": [0]}]}})", "lab.runs[0].hidden: widths must be whole numbers in 1..16384"},
           {R"({"surface": "booth", "lab": {"plot": {"x_axis": "steps"}}})", "lab.plot.x_axis: unknown axis 'steps'"},
           {R"({"surface": "booth", "tab": "lab2"})", "tab: unknown tab 'lab2'"}}) {
    auto r = parseScene(bad, "x.json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().find(expected), std::string::npos) << r.error();
  }
}

TEST(Scene, LabSweepFolderResolvesAgainstTheSceneAndRoundTrips) {
  const auto dir = std::filesystem::temp_directory_path() / "mulab_scene_sweep";
  std::filesystem::create_directories(dir);
  const auto path = dir / "s.json";
  {
    std::ofstream f(path);
    f << R"({"surface": "booth", "tab": "lab", "lab": {"sweep": "../runs/gofau"}})";
  }
  auto s = loadScene(path.string());
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(s->lab_sweep, (dir.parent_path() / "runs" / "gofau").string());
  auto back = parseScene(sceneToJson(*s), "mem");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->lab_sweep, s->lab_sweep);
  // No sweep: the key is left out, and a scene without it has none.
  s->lab_sweep.clear();
  EXPECT_EQ(sceneToJson(*s).find("\"sweep\""), std::string::npos);
  auto bad = parseScene(R"({"surface": "booth", "lab": {"sweep": ["a"]}})", "x.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("x.json: lab.sweep: expected a string"), std::string::npos) << bad.error();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mulab
