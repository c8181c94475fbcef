// The run options table (train/run_options.hpp): every option survives
// every place a run is written, and the checks name what they refuse.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "scene/scene.hpp"
#include "sweep/grid.hpp"
#include "train/checkpoint_files.hpp"
#include "train/run_options.hpp"
#include "util/atomic_file.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A value of `o` other than `now`, within its bounds.
OptionValue otherValue(const RunOption& o, const OptionValue& now) {
  const OptionSpec& s = o.spec;
  switch (s.kind) {
    case OptionKind::kNumber: {
      const double v = std::get<double>(now), half = v / 2;
      if (!checkOptionValue(s, half, "") && half != v) return half;
      return (s.lo + s.hi) / 2;
    }
    case OptionKind::kCount: {
      const double v = std::get<double>(now);
      return v + 1 <= s.hi ? v + 1 : v - 1;
    }
    case OptionKind::kChoice: return double((int(std::get<double>(now)) + 1) % s.choices->size());
    case OptionKind::kWidths: return std::vector<int>{17, 9};
    case OptionKind::kPath: return std::string("/some/where");
    case OptionKind::kBytes: return double(uint64_t{3} << 30);
  }
  return now;
}

// Every option away from its default: FA with the hybrid rule, so that the
// gamma schedule (bp and fa, hybrid only) holds too.
RunConfig everyOptionChanged() {
  RunConfig c = defaultRunConfig(Method::kFa);
  const RunConfig defaults = c;
  for (const RunOption& o : runOptions()) {
    if (o.spec.key == "method") continue;
    o.set(c, otherValue(o, o.get(defaults)));
  }
  c.optimizer.rule = UpdateRule::kHybrid;
  return c;
}

void expectSameOptions(const RunConfig& a, const RunConfig& b, OptionStore where) {
  for (const RunOption& o : runOptions()) {
    if (!(o.spec.stored & where)) continue;
    EXPECT_EQ(optionText(o, a), optionText(o, b)) << o.spec.key;
    EXPECT_TRUE(o.get(a) == o.get(b)) << o.spec.key;
  }
}

TEST(RunOptions, TheTestConfigChangesEveryOption) {
  const RunConfig c = everyOptionChanged();
  const RunConfig defaults = defaultRunConfig(Method::kBp);
  ASSERT_FALSE(validate(c).has_value()) << *validate(c);
  for (const RunOption& o : runOptions()) EXPECT_FALSE(o.get(c) == o.get(defaults)) << o.spec.key;
}

TEST(RunOptions, KeysAndFlagsAreUnique) {
  std::set<std::string> keys;
  for (const RunOption& o : runOptions()) {
    EXPECT_TRUE(keys.insert(o.spec.key).second) << o.spec.key;
    EXPECT_EQ(findRunOption(o.spec.flag().substr(2)), &o);
    EXPECT_NE(o.methods, 0u) << o.spec.key;
  }
}

TEST(RunOptions, RoundTripThroughCommandLineText) {
  const RunConfig c = everyOptionChanged();
  OptionList options;
  for (const RunOption& o : runOptions()) options.emplace_back(o.spec.key, optionText(o, c));
  auto back = runConfigFromOptions(options);
  ASSERT_TRUE(back.ok()) << back.error();
  expectSameOptions(c, *back, kStoreAll);
}

TEST(RunOptions, RoundTripThroughSceneJson) {
  Scene s;
  s.surface = "booth";
  s.lab_runs.push_back(LabRun{everyOptionChanged(), "", {0.1f, 0.2f, 0.3f}});
  auto back = parseScene(sceneToJson(s), "x.json");
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->lab_runs.size(), 1u);
  expectSameOptions(s.lab_runs[0].config, back->lab_runs[0].config, kStoreScene);
  // The settings the first scene format lost are there.
  const RunConfig& r = back->lab_runs[0].config;
  EXPECT_EQ(r.optimizer.momentum, s.lab_runs[0].config.optimizer.momentum);
  EXPECT_EQ(r.optimizer.beta1, s.lab_runs[0].config.optimizer.beta1);
  EXPECT_EQ(r.gamma_patience, s.lab_runs[0].config.gamma_patience);
}

TEST(RunOptions, RoundTripThroughTheCheckpointManifest) {
  const RunConfig c = everyOptionChanged();
  CheckpointSnapshot snap;
  snap.shape.sizes = {784, 17, 9, 10};
  auto first = std::make_shared<Checkpoint>();
  first->theta = Vector::Zero(snap.shape.parameterCount());
  snap.items.push_back(first);
  const fs::path dir = fs::temp_directory_path() / "mulab_run_options_manifest";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_FALSE(writeFileAtomically((dir / kManifestName).string(), checkpointManifestJson(c, "test", snap)));
  auto m = readCheckpointManifest(dir.string());
  ASSERT_TRUE(m.ok()) << m.error();
  ASSERT_TRUE(m->options.has_value());
  expectSameOptions(c, *m->options, kStoreManifest);
  fs::remove_all(dir);
}

TEST(RunOptions, RoundTripThroughASweepGrid) {
  const RunConfig c = everyOptionChanged();
  json grid = json::object();
  for (const RunOption& o : runOptions()) {
    if (o.spec.stored & kStoreGrid) grid[o.spec.key] = optionValueJson(o.spec, o.get(c));
  }
  // A grid value is flag text: widths as a list of numbers, the rest as JSON prints them.
  auto parsed = parseGrid(grid.dump(), "g.json", runOptionKeys(kStoreGrid));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  auto runs = expandGrid(*parsed, "g.json");
  ASSERT_TRUE(runs.ok()) << runs.error();
  ASSERT_EQ(runs->size(), 1u);
  OptionList options;
  for (const Setting& s : runs->front().settings) options.emplace_back(s.key, s.value);
  auto back = runConfigFromOptions(options, kStoreGrid);
  ASSERT_TRUE(back.ok()) << back.error();
  expectSameOptions(c, *back, kStoreGrid);
}

TEST(RunOptions, ErrorsNameTheFlagOrTheField) {
  auto bad = runConfigFromOptions({{"batch", "0"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "--batch: must lie in 1..60000, got 0");
  bad = runConfigFromOptions({{"lr-outt", "1"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().rfind("unknown option --lr-outt (valid: --dataset, --method,", 0), 0u) << bad.error();
  bad = runConfigFromOptions({{"checkpoint_every", "5"}}, kStoreGrid);
  ASSERT_FALSE(bad.ok()) << "a grid cannot keep checkpoints";
  auto scene = runConfigFromJson(json::parse(R"({"batch": 0})"), kStoreScene, "lab.runs[0]");
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.error(), "lab.runs[0].batch: must lie in 1..60000, got 0");
  scene = runConfigFromJson(json::parse(R"({"batch": 2.5})"), kStoreScene, "lab.runs[0]");
  EXPECT_EQ(scene.error(), "lab.runs[0].batch: expected a whole number, got a number");
  scene = runConfigFromJson(json::parse(R"({"learning_rate": 0.1})"), kStoreScene, "lab.runs[0]");
  EXPECT_EQ(scene.error().rfind("lab.runs[0].learning_rate: unknown field (valid: dataset, method,", 0), 0u)
      << scene.error();
  scene = runConfigFromJson(json::parse(R"({"rule": "additive", "gamma_patience": 2})"), kStoreScene, "r");
  EXPECT_EQ(scene.error(), "r.gamma_patience: the gamma schedule needs r.rule hybrid");
  scene = runConfigFromJson(json::parse(R"({"optimizer": "adamw"})"), kStoreScene, "r");
  EXPECT_EQ(scene.error().rfind("r.optimizer: unknown optimizer 'adamw' (valid: sgd,", 0), 0u) << scene.error();
}

TEST(RunOptions, EachMethodStartsFromItsOwnDefaults) {
  auto altmin = runConfigFromOptions({{"method", "altmin"}});
  ASSERT_TRUE(altmin.ok());
  EXPECT_EQ(altmin->optimizer.lr, defaultRunConfig(Method::kAltMin).optimizer.lr);
  EXPECT_NE(altmin->optimizer.lr, defaultRunConfig(Method::kBp).optimizer.lr);
  auto scene = runConfigFromJson(json::parse(R"({"method": "er"})"), kStoreScene, "r");
  ASSERT_TRUE(scene.ok());
  EXPECT_EQ(scene->hidden, defaultRunConfig(Method::kEr).hidden);
}

TEST(RunOptions, SwitchingMethodKeepsWhatBothShare) {
  RunConfig bp = defaultRunConfig(Method::kBp);
  bp.seed = 7;
  bp.dataset = DatasetKind::kFashionMnist;
  keepCheckpointsEvery(bp, 20);
  bp.hidden = {64};
  const RunConfig er = switchMethod(bp, Method::kEr);
  EXPECT_EQ(er.method, Method::kEr);
  EXPECT_EQ(er.seed, 7u);
  EXPECT_EQ(er.dataset, DatasetKind::kFashionMnist);
  EXPECT_TRUE(keepsCheckpoints(er));
  // Defaults that differ between the methods are the new method's.
  EXPECT_EQ(er.hidden, defaultRunConfig(Method::kEr).hidden);
  EXPECT_EQ(er.batch, defaultRunConfig(Method::kEr).batch);
  const RunConfig altmin = switchMethod(bp, Method::kAltMin);
  EXPECT_EQ(altmin.optimizer.lr, defaultRunConfig(Method::kAltMin).optimizer.lr);
  EXPECT_EQ(altmin.hidden, std::vector<int>{64});
}

TEST(RunOptions, HelpShowsEachMethodsDefault) {
  EXPECT_EQ(defaultsText(*findRunOption("lr")), "(default 0.001; altmin: 0.008)");
  EXPECT_EQ(defaultsText(*findRunOption("ridge")), "(default 1)");
  EXPECT_EQ(defaultsText(*findRunOption("gamma_patience")), "(default off)");
}

}  // namespace
}  // namespace mulab
