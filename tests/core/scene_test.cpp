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
        if (!r.replay.empty()) EXPECT_TRUE(readMetricsCsv(r.replay).ok()) << r.replay;
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
      {"{\"surface\": \"booth\", \"runs\": [{\"gamma\": 2, \"start\": [0, 0]}]}", "runs[0].gamma: 2 is outside [0, 1]"},
      {"{\"surface\": \"booth\", \"runs\": [{\"lr\": 1e30, \"start\": [0, 0]}]}", "runs[0].lr: 1e+30 is outside [0, 1e+06]"},
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

TEST(Scene, SaveWritesAtomicallyAndReportsUnwritablePaths) {
  const std::string path = ::testing::TempDir() + "/saved_scene.json";
  Scene s;
  s.runs.push_back(SceneRun{});
  ASSERT_FALSE(saveScene(s, path).has_value());
  EXPECT_FALSE(std::filesystem::exists(path + ".part"));
  EXPECT_TRUE(loadScene(path).ok());
  auto err = saveScene(s, "/nonexistent/dir/scene.json");
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("/nonexistent/dir/scene.json: cannot write"), std::string::npos);
  auto missing = loadScene("/nonexistent/scene.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("cannot open file"), std::string::npos);
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
      {metricsCsvHeader() + "\n1,x,3,4,5,6,7,8\n", "line 2: 'x' is not a number"},
      {metricsCsvHeader() + "\n1,5,3,4,5,6,7,8\n1,5,3,4,5,6,7,8\n", "line 3: steps must increase"},
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
  EXPECT_TRUE(s->lab_runs[1].config.hidden.empty());
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
           {R"({"surface": "booth", "lab": {"runs": [{"hidden": [0]}]}})", "lab.runs[0].hidden: 0 is outside [1, 16384]"},
           {R"({"surface": "booth", "lab": {"plot": {"x_axis": "steps"}}})", "lab.plot.x_axis: unknown axis 'steps'"},
           {R"({"surface": "booth", "tab": "lab2"})", "tab: unknown tab 'lab2'"}}) {
    auto r = parseScene(bad, "x.json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().find(expected), std::string::npos) << r.error();
  }
}

}  // namespace
}  // namespace mulab
