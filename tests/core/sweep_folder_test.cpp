// The sweep folder (resumability), loadSweep for the lab (curves with bands,
// heatmaps), and the pool that runs trainings side by side.
#include "sweep/sweep_folder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sweep/load_sweep.hpp"
#include "sweep/run_pool.hpp"
#include "test_data.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path scratch(const std::string& name) {
  const fs::path p =
      fs::path(::testing::TempDir()) / ("mulab_sweep_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(p);
  return p;
}

const char* kGrid = R"({"epochs": 2, "axes": {"rule": ["additive", "hybrid"],
                        "lr": [0.1, 0.2], "seed": [1, 2]}})";

struct Planned {
  SweepGrid grid;
  std::string json;
  std::vector<SweepRun> plan;
};

Planned planned(const std::string& text = kGrid) {
  Planned p;
  p.grid = parseGrid(text, "g.json", {}).value();
  p.json = gridJson(p.grid);
  p.plan = expandGrid(p.grid, "g.json").value();
  return p;
}

// Run i's metrics: test error falls from `start` at epoch 1 to `start` / 2 at epoch 2.
std::vector<MetricPoint> metrics(double start) {
  std::vector<MetricPoint> m(2);
  for (int e = 0; e < 2; ++e) {
    m[e].epoch = e + 1;
    m[e].step = 10 * (e + 1);
    m[e].samples = 100 * (e + 1);
    m[e].updates = m[e].step;
    m[e].wall_s = e + 1;
    m[e].train_loss = 1.0 / (e + 1);
    m[e].train_acc = 0.5;
    m[e].test_acc = 1 - start / (e + 1);
  }
  return m;
}

RunRecord finish(const Planned& p, const std::string& dir, size_t i, double start) {
  RunOutcome o;
  o.index = i;
  o.kind = RunOutcome::Kind::kFinished;
  o.metrics = metrics(start);
  const RunRecord r = makeRecord(p.plan[i], o);
  EXPECT_FALSE(writeRunResult(dir, r, o.metrics).has_value());
  return r;
}

TEST(SweepFolder, ANewFolderNeedsAnExistingParent) {
  const fs::path root = scratch("new");
  const Planned p = planned();
  EXPECT_EQ(*checkSweepFolder((root / "a/b").string(), p.json, false),
            (root / "a/b").string() + ": folder " + (root / "a").string() + " does not exist");
  fs::create_directories(root);
  EXPECT_FALSE(checkSweepFolder((root / "s").string(), p.json, false).has_value());
  EXPECT_FALSE(checkSweepFolder((root / "s/").string(), p.json, false).has_value());
  std::ofstream(root / "file") << "x";
  EXPECT_EQ(*checkSweepFolder((root / "file").string(), p.json, false),
            (root / "file").string() + ": is a regular file, not a folder");
  EXPECT_EQ(*checkSweepFolder(root.string(), p.json, false),
            root.string() +
                ": folder is not empty and holds no sweep (no grid.json); use a new or "
                "empty folder");
  EXPECT_FALSE(fs::exists(root / "s")) << "checking writes nothing";
  fs::remove_all(root);
}

TEST(SweepFolder, AChangedGridIsRefusedUnlessForced) {
  const fs::path dir = scratch("changed");
  const Planned p = planned();
  ASSERT_FALSE(prepareSweepFolder(dir.string(), p.json).has_value());
  EXPECT_TRUE(fs::is_directory(dir / "runs"));
  EXPECT_FALSE(checkSweepFolder(dir.string(), p.json, false).has_value()) << "same grid";
  const Planned more = planned(R"({"epochs": 2, "axes": {"rule": ["additive", "hybrid"],
                                   "lr": [0.1, 0.2], "seed": [1, 2, 3]}})");
  const auto err = checkSweepFolder(dir.string(), more.json, false);
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->rfind(dir.string() + ": holds a sweep of a different grid (" + dir.string() +
                           "/grid.json); use another --out, or --force",
                       0),
            0u)
      << *err;
  EXPECT_FALSE(checkSweepFolder(dir.string(), more.json, true).has_value());
  fs::remove_all(dir);
}

TEST(SweepFolder, FinishedRunsAreReadBackAndTamperedOnesNamed) {
  const fs::path dir = scratch("resume");
  const Planned p = planned();
  ASSERT_FALSE(prepareSweepFolder(dir.string(), p.json).has_value());
  finish(p, dir.string(), 1, 0.1);
  finish(p, dir.string(), 6, 0.2);
  auto done = readFinishedRuns(dir.string(), p.plan);
  ASSERT_TRUE(done.ok()) << done.error();
  ASSERT_EQ(done->size(), 8u);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ((*done)[i].has_value(), i == 1 || i == 6) << i;
  EXPECT_DOUBLE_EQ((*done)[6]->final_test_error, 0.1);
  EXPECT_TRUE(fs::exists(SweepFolder{dir.string()}.runCsv(p.plan[1].id)));

  // A record whose settings are another run's is refused, naming the file.
  fs::copy_file(SweepFolder{dir.string()}.runRecord(p.plan[1].id),
                SweepFolder{dir.string()}.runRecord(p.plan[2].id));
  fs::copy_file(SweepFolder{dir.string()}.runCsv(p.plan[1].id),
                SweepFolder{dir.string()}.runCsv(p.plan[2].id));
  auto bad = readFinishedRuns(dir.string(), p.plan);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), SweepFolder{dir.string()}.runRecord(p.plan[2].id) +
                             ": its settings are not those of run rule=additive lr=0.2 seed=1 "
                             "(delete it to run that run again)");
  fs::remove_all(dir);
}

TEST(LoadSweep, ReadsRunsGroupsAndCurvesWhileTheSweepRuns) {
  const fs::path dir = scratch("load");
  const Planned p = planned();
  ASSERT_FALSE(prepareSweepFolder(dir.string(), p.json).has_value());
  finish(p, dir.string(), 0, 0.10);  // additive lr=0.1 seed=1
  finish(p, dir.string(), 1, 0.20);  // additive lr=0.1 seed=2
  finish(p, dir.string(), 4, 0.08);  // hybrid lr=0.1 seed=1
  auto s = loadSweep(dir.string());
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s->runs.size(), 8u);
  EXPECT_EQ(s->finished, 3u);
  EXPECT_FALSE(s->done());
  ASSERT_EQ(s->axes.size(), 3u);
  EXPECT_EQ(s->axes[1].key, "lr");
  EXPECT_EQ(s->runs[1].metrics.size(), 2u);
  EXPECT_TRUE(s->runs[2].metrics.empty());
  ASSERT_EQ(s->groups.size(), 4u);
  EXPECT_EQ(s->groups[0].finished, 2u);
  EXPECT_NEAR(s->groups[0].final_error.mean, 0.075, 1e-12);

  // Mean and sample std of the two seeds at each epoch.
  const auto curve = groupCurve(*s, s->groups[0], CurveMetric::kTestError);
  ASSERT_EQ(curve.size(), 2u);
  EXPECT_EQ(curve[0].epoch, 1);
  EXPECT_NEAR(curve[0].mean, 0.15, 1e-12);
  EXPECT_NEAR(curve[0].std, std::sqrt(0.005), 1e-12);
  EXPECT_EQ(curve[0].n, 2u);
  EXPECT_NEAR(curve[1].mean, 0.075, 1e-12);
  const auto loss = groupCurve(*s, s->groups[2], CurveMetric::kTrainLoss);
  ASSERT_EQ(loss.size(), 2u);
  EXPECT_EQ(loss[1].mean, 0.5);
  EXPECT_EQ(loss[1].std, 0.0);

  // A refresh after another run finished reuses what was read.
  finish(p, dir.string(), 2, 0.30);
  auto again = loadSweep(dir.string(), &*s);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->finished, 4u);
  EXPECT_EQ(again->runs[0].metrics.size(), 2u);

  EXPECT_EQ(loadSweep((dir / "runs").string()).error(),
            (dir / "runs").string() + ": not a sweep folder (no grid.json)");
  fs::remove_all(dir);
}

TEST(LoadSweep, HeatmapOfFinalErrorOverTwoAxes) {
  const fs::path dir = scratch("heat");
  const Planned p = planned(R"({"axes": {"rule": ["additive", "hybrid"], "lr": [0.1, 0.2],
                                         "gamma": [0.25, 0.5, 0.75]}})");
  ASSERT_FALSE(prepareSweepFolder(dir.string(), p.json).has_value());
  // Final error of run i: (i + 1) / 100, but run 9 (hybrid lr=0.2 gamma=0.25) is left unfinished.
  for (size_t i = 0; i < p.plan.size(); ++i) {
    if (i != 9) finish(p, dir.string(), i, 2.0 * double(i + 1) / 100);
  }
  auto s = loadSweep(dir.string());
  ASSERT_TRUE(s.ok()) << s.error();
  auto h = sweepHeatmap(*s, "lr", "gamma", {{"rule", "hybrid"}});
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->x_values, (std::vector<std::string>{"0.1", "0.2"}));
  EXPECT_EQ(h->y_values, (std::vector<std::string>{"0.25", "0.5", "0.75"}));
  // hybrid runs are 6..11: lr=0.1 gamma 0.25/0.5/0.75 are runs 6, 7, 8.
  EXPECT_NEAR(h->mean[0 * 2 + 0], 0.07, 1e-12);
  EXPECT_NEAR(h->mean[1 * 2 + 0], 0.08, 1e-12);
  EXPECT_TRUE(std::isnan(h->mean[0 * 2 + 1])) << "run 9 has not finished";
  EXPECT_EQ(h->group[0 * 2 + 1], -1);
  EXPECT_NEAR(h->mean[2 * 2 + 1], 0.12, 1e-12);
  EXPECT_EQ(h->n[2 * 2 + 1], 1u);
  // Not fixing the rule: each cell shows the better of additive and hybrid.
  auto both = sweepHeatmap(*s, "lr", "gamma");
  ASSERT_TRUE(both.ok());
  EXPECT_NEAR(both->mean[0], 0.01, 1e-12);
  EXPECT_EQ(s->groups[both->group[0]].label, "rule=additive lr=0.1 gamma=0.25");
  EXPECT_EQ(sweepHeatmap(*s, "eta", "gamma").error(),
            "no axis 'eta' in this sweep (axes: rule, lr, gamma)");
  fs::remove_all(dir);
}

const std::string& syntheticData() {
  static const std::string dir = [] {
    const fs::path d = scratch("data");
    testing_data::writeSyntheticMnist(d, 600, 100);
    return d.string();
  }();
  return dir;
}

TEST(RunPool, RunsSideBySideAndTellsDivergedFromFailed) {
  RunPool pool(2, 1);
  RunConfig c;
  c.data_dir = syntheticData();
  c.hidden = {16};
  c.epochs = 1;
  c.batch = 100;
  RunConfig diverging = c;
  diverging.optimizer.base = BaseOptimizer::kSgd;
  diverging.optimizer.lr = 1e30;
  RunConfig missing = c;
  missing.data_dir = syntheticData() + "/nowhere";
  EXPECT_EQ(pool.freeSlots(), 2);
  pool.start(5, c);
  pool.start(9, diverging);
  EXPECT_EQ(pool.freeSlots(), 0);
  std::vector<RunOutcome> got;
  for (int i = 0; i < 600 && got.size() < 2; ++i) {
    for (RunOutcome& o : pool.collect(100ms)) got.push_back(std::move(o));
  }
  pool.start(11, missing);
  for (int i = 0; i < 600 && got.size() < 3; ++i) {
    for (RunOutcome& o : pool.collect(100ms)) got.push_back(std::move(o));
  }
  ASSERT_EQ(got.size(), 3u);
  std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  EXPECT_EQ(got[0].kind, RunOutcome::Kind::kFinished);
  ASSERT_EQ(got[0].metrics.size() >= 1, true);
  EXPECT_FALSE(std::isnan(got[0].metrics.back().test_acc));
  EXPECT_GT(got[0].wall_s, 0);
  EXPECT_EQ(got[1].kind, RunOutcome::Kind::kDiverged);
  EXPECT_NE(got[1].error.find("training loss became"), std::string::npos) << got[1].error;
  EXPECT_EQ(got[2].kind, RunOutcome::Kind::kFailed);
  EXPECT_NE(got[2].error.find("nowhere"), std::string::npos) << got[2].error;
  EXPECT_EQ(pool.running(), 0u);
}

}  // namespace
}  // namespace mulab
