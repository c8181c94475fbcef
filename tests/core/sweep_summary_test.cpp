// What a sweep computes from its runs: records from metrics, statistics over
// seeds, the best group per block, and the summary CSV and Markdown.
#include <gtest/gtest.h>

#include "sweep/groups.hpp"
#include "sweep/run_record.hpp"
#include "sweep/summary.hpp"

namespace mulab {
namespace {

MetricPoint point(double epoch, double test_acc) {
  MetricPoint p;
  p.epoch = epoch;
  p.step = long(epoch * 100);
  p.samples = p.step * 10;
  p.updates = p.step;
  p.wall_s = epoch;
  p.train_loss = 0.5;
  p.train_acc = 0.9;
  p.test_acc = test_acc;
  return p;
}

struct Fixture {
  SweepGrid grid;
  std::vector<SweepRun> plan;
  std::vector<RunRecord> storage;
};

// rule x lr x seed; final test errors chosen per run.
Fixture makeSweep() {
  Fixture f;
  f.grid = parseGrid(R"({"epochs": 3, "hidden": [64, 32],
      "axes": {"rule": ["additive", "hybrid"], "lr": [0.1, 0.2], "seed": [1, 2, 3]}})",
                     "g.json", {})
               .value();
  f.plan = expandGrid(f.grid, "g.json").value();
  // additive 0.1: 2%,3%,4%; additive 0.2: 1%,1%,4% (mean 2%, best by a hair? no: 2.0 vs 3.0)
  const double finals[12] = {0.02, 0.03, 0.04, 0.01,  0.01,  0.04,
                             0.05, 0.05, 0.05, 0.005, 0.005, 0.005};
  for (size_t i = 0; i < f.plan.size(); ++i) {
    RunOutcome o;
    o.index = i;
    o.kind = RunOutcome::Kind::kFinished;
    o.description = "BP";
    o.wall_s = 10;
    o.samples_per_s = 1000 * double(i + 1);
    o.metrics = {point(1, 0.9), point(2, 1 - finals[i] / 2), point(3, 1 - finals[i])};
    if (i == 11) {  // hybrid 0.2 seed 3 diverges: its group cannot be best
      o.kind = RunOutcome::Kind::kDiverged;
      o.error = "training loss became NaN";
      o.metrics.pop_back();
    }
    f.storage.push_back(makeRecord(f.plan[i], o));
  }
  return f;
}

std::vector<const RunRecord*> all(const Fixture& f) {
  std::vector<const RunRecord*> out;
  for (const RunRecord& r : f.storage) out.push_back(&r);
  return out;
}

TEST(SweepRecord, FinalBestAndFirstEpochErrorsComeFromTheTestPoints) {
  const Fixture f = makeSweep();
  const RunRecord& r = f.storage[0];
  EXPECT_NEAR(r.final_test_error, 0.02, 1e-15);
  EXPECT_NEAR(r.best_test_error, 0.01, 1e-15) << "the epoch-2 evaluation was the best";
  EXPECT_NEAR(r.first_epoch_test_error, 0.1, 1e-15);
  EXPECT_EQ(r.epochs, 3);
  EXPECT_EQ(r.updates, 300);
  EXPECT_EQ(r.train_s, 3);
  const RunRecord& d = f.storage[11];
  EXPECT_EQ(d.status, RunStatus::kDiverged);
  EXPECT_TRUE(std::isnan(d.final_test_error));
  EXPECT_NEAR(d.best_test_error, 0.0025, 1e-15);
  EXPECT_EQ(d.error, "training loss became NaN");
}

TEST(SweepRecord, RoundTripsThroughJson) {
  const Fixture f = makeSweep();
  for (const RunRecord& r : {f.storage[0], f.storage[11]}) {
    auto back = parseRecord(recordJson(r), "r.json");
    ASSERT_TRUE(back.ok()) << back.error();
    EXPECT_EQ(back->id, r.id);
    EXPECT_EQ(back->name, r.name);
    EXPECT_EQ(back->status, r.status);
    EXPECT_EQ(back->settings.size(), r.settings.size());
    EXPECT_EQ(back->find("hidden")->value, "64,32");
    EXPECT_EQ(std::isnan(back->final_test_error), std::isnan(r.final_test_error));
    if (!std::isnan(r.final_test_error)) {
      EXPECT_EQ(back->final_test_error, r.final_test_error) << "doubles survive the JSON text";
    }
    EXPECT_EQ(runId(back->settings), r.id);
  }
  EXPECT_EQ(parseRecord(R"({"id": "xyz"})", "r.json").error(),
            "r.json: id: expected 16 hex digits");
  EXPECT_EQ(parseRecord("{", "r.json").error().rfind("r.json: parse error", 0), 0u);
}

TEST(SweepRecord, OutcomesRoundTripAsMessages) {
  RunOutcome o;
  o.index = 7;
  o.kind = RunOutcome::Kind::kDiverged;
  o.error = "training loss became NaN";
  o.where = "rank 1 on node7";
  o.metrics = {point(1, 0.5), point(2, 0.75)};
  auto back = parseOutcome(outcomeText(o));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->index, 7u);
  EXPECT_EQ(back->kind, RunOutcome::Kind::kDiverged);
  EXPECT_EQ(back->where, "rank 1 on node7");
  ASSERT_EQ(back->metrics.size(), 2u);
  EXPECT_EQ(back->metrics[1].test_acc, 0.75);
  EXPECT_FALSE(parseOutcome("{}").ok());
}

TEST(SweepStats, MeanAndSampleStandardDeviation) {
  const Stat s = statOf({0.02, 0.03, 0.04, NAN});
  EXPECT_EQ(s.n, 3u);
  EXPECT_NEAR(s.mean, 0.03, 1e-15);
  EXPECT_NEAR(s.std, 0.01, 1e-15);  // n - 1 in the denominator
  const Stat one = statOf({0.5});
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.mean, 0.5);
  EXPECT_TRUE(std::isnan(one.std));
  EXPECT_EQ(statOf({}).n, 0u);
}

TEST(SweepGroups, GroupOverSeedsAndMarkTheBestPerBlock) {
  const Fixture f = makeSweep();
  const auto groups = groupOverSeeds(f.plan, all(f), gridAxes(f.grid));
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].label, "rule=additive lr=0.1");
  EXPECT_EQ(groups[0].block, "rule=additive");
  EXPECT_EQ(groups[0].runs, (std::vector<size_t>{0, 1, 2}));
  EXPECT_NEAR(groups[0].final_error.mean, 0.03, 1e-12);
  EXPECT_NEAR(groups[0].final_error.std, 0.01, 1e-12);
  EXPECT_NEAR(groups[1].final_error.mean, 0.02, 1e-12);
  EXPECT_NEAR(groups[1].final_error.std, std::sqrt(0.0003), 1e-12);
  EXPECT_NEAR(groups[0].samples_per_s.mean, 2000, 1e-9);
  EXPECT_FALSE(groups[0].best);
  EXPECT_TRUE(groups[1].best);
  // hybrid 0.2 has the lowest mean (0.5%) but one diverged seed: hybrid 0.1 is best.
  EXPECT_EQ(groups[3].finished, 2u);
  EXPECT_EQ(groups[3].diverged, 1u);
  EXPECT_NEAR(groups[3].final_error.mean, 0.005, 1e-12);
  EXPECT_FALSE(groups[3].best);
  EXPECT_TRUE(groups[2].best);
  // Settings of a group: everything but the seed.
  for (const Setting& s : groups[0].settings) EXPECT_NE(s.key, "seed");
}

TEST(SweepGroups, UnfinishedRunsAreLeftOutOfTheStatistics) {
  const Fixture f = makeSweep();
  auto records = all(f);
  records[2] = nullptr;  // additive 0.1 seed 3 still running
  const auto groups = groupOverSeeds(f.plan, records, gridAxes(f.grid));
  EXPECT_EQ(groups[0].finished, 2u);
  EXPECT_NEAR(groups[0].final_error.mean, 0.025, 1e-12);
}

TEST(SweepSummary, CsvHasOneRowPerFinishedRunWithQuotedLists) {
  const Fixture f = makeSweep();
  auto records = all(f);
  records[1] = nullptr;
  const std::string csv = summaryCsv(f.plan, records, gridAxes(f.grid));
  const std::string header =
      "id,name,rule,lr,seed,epochs,hidden,status,final_test_error_pct,best_test_error_pct,"
      "first_epoch_test_error_pct,epochs_trained,wall_s,train_s,samples_per_s\n";
  EXPECT_EQ(csv.substr(0, header.size()), header);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 12);  // header + 11 runs
  const std::string first = f.plan[0].id +
                            ",rule=additive lr=0.1 seed=1,additive,0.1,1,3,\"64,32\",finished,"
                            "2.0000,1.0000,10.0000,3,10.00,3.00,1000\n";
  EXPECT_NE(csv.find(first), std::string::npos) << csv;
  EXPECT_EQ(csv.find(f.plan[1].id), std::string::npos);
  EXPECT_NE(csv.find(",diverged,,0.2500,10.0000,2,"), std::string::npos) << csv;
  EXPECT_EQ(csvCell("plain text"), "plain text");
  EXPECT_EQ(csvCell("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(csvCell("a,\"b\""), "\"a,\"\"b\"\"\"");
}

TEST(SweepSummary, MarkdownTabulatesGroupsAndTheBestPerBlock) {
  const Fixture f = makeSweep();
  const std::string md = summaryMarkdown(f.grid, f.plan, all(f));
  EXPECT_NE(md.find("12 of 12 runs done (1 diverged)"), std::string::npos) << md;
  EXPECT_NE(md.find("Fixed settings: epochs=3, hidden=64,32."), std::string::npos) << md;
  EXPECT_NE(md.find("| rule | lr | n | final test error % |"), std::string::npos) << md;
  EXPECT_NE(md.find("| additive | 0.1 | 3 | 3.00 ± 1.00 | 1.50 ± 0.50 | 10.00 ± 0.00 | 2000 | |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| additive | 0.2 | 3 | 2.00 ± 1.73 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| hybrid | 0.2 | 2 (1 diverged) | 0.50 ± 0.00 |"), std::string::npos) << md;
  EXPECT_NE(md.find("## Best per rule"), std::string::npos);
  const std::string best = md.substr(md.find("## Best per rule"));
  EXPECT_NE(best.find("| additive | 0.2 | 3 |"), std::string::npos) << best;
  EXPECT_NE(best.find("| hybrid | 0.1 | 3 | 5.00 ± 0.00 |"), std::string::npos) << best;
  EXPECT_EQ(best.find("| hybrid | 0.2 |"), std::string::npos) << best;
  EXPECT_EQ(percentCell(Stat{}), "–");
}

}  // namespace
}  // namespace mulab
