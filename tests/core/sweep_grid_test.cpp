// Sweep grids (core/sweep/grid.hpp): parsing, expansion order, run ids, the
// canonical form a sweep folder stores, and one clear error per mistake.
#include <gtest/gtest.h>

#include "sweep/grid.hpp"

namespace mulab {
namespace {

const std::vector<std::string> kKnown = {"rule",     "lr",          "lr_out", "gamma",
                                         "seed",     "epochs",      "hidden", "optimizer",
                                         "data_dir", "memory_limit"};

SweepGrid grid(const std::string& text) {
  auto g = parseGrid(text, "g.json", kKnown);
  EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error());
  return g.ok() ? *g : SweepGrid{};
}

std::vector<SweepRun> runs(const std::string& text) {
  auto r = expandGrid(grid(text), "g.json");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  return r.ok() ? *r : std::vector<SweepRun>{};
}

std::string error(const std::string& text, size_t max_runs = kMaxSweepRuns) {
  auto g = parseGrid(text, "g.json", kKnown);
  if (!g) return g.error();
  auto r = expandGrid(*g, "g.json", max_runs);
  return r ? "" : r.error();
}

TEST(SweepGrid, ExpandsTheCrossProductAsNestedLoopsLastAxisFastest) {
  const auto r = runs(R"({"epochs": 2, "hidden": [64, 32],
      "axes": {"rule": ["additive", "hybrid"], "lr": [0.1, 1e-3], "seed": [1, 2]}})");
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[0].name, "rule=additive lr=0.1 seed=1");
  EXPECT_EQ(r[1].name, "rule=additive lr=0.1 seed=2");
  EXPECT_EQ(r[2].name, "rule=additive lr=0.001 seed=1");
  EXPECT_EQ(r[7].name, "rule=hybrid lr=0.001 seed=2");
  for (size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r[i].index, i);
  // Base options first (sorted), then the axis values, each with its place in the file.
  ASSERT_EQ(r[2].settings.size(), 5u);
  EXPECT_EQ(r[2].settings[0].key, "epochs");
  EXPECT_EQ(r[2].find("hidden")->value, "64,32");
  EXPECT_EQ(r[2].find("hidden")->where, "hidden");
  EXPECT_EQ(r[2].find("lr")->value, "0.001");
  EXPECT_EQ(r[2].find("lr")->where, "axes.lr[1]");
  EXPECT_EQ(r[7].find("rule")->where, "axes.rule[1]");
}

TEST(SweepGrid, ValuesBecomeFlagText) {
  const auto r = runs(R"({"epochs": 10, "lr": 0.5, "optimizer": "sgd", "gamma": 1.0,
                          "seed": 18446744073709551615, "hidden": [500, 500]})");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "base");
  EXPECT_EQ(r[0].find("epochs")->value, "10");
  EXPECT_EQ(r[0].find("lr")->value, "0.5");
  EXPECT_EQ(r[0].find("gamma")->value, "1.0");
  EXPECT_EQ(r[0].find("seed")->value, "18446744073709551615");
  EXPECT_EQ(r[0].find("optimizer")->value, "sgd");
  EXPECT_EQ(r[0].find("hidden")->value, "500,500");
}

TEST(SweepGrid, RunIdsHashTheSortedSettingsAndIgnoreWhereDataLives) {
  // FNV-1a 64 test vectors.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(runId({{"lr", "0.1", ""}}), runId({{"lr", "0.1", "axes.lr[3]"}}))
      << "where is no setting";
  char expected[17];
  std::snprintf(expected, sizeof expected, "%016llx",
                static_cast<unsigned long long>(fnv1a64("epochs=2\nlr=0.1\n")));
  EXPECT_EQ(runId({{"lr", "0.1", ""}, {"epochs", "2", ""}}), expected);
  EXPECT_EQ(runId({{"epochs", "2", ""}, {"lr", "0.1", ""}}), expected) << "order must not matter";
  EXPECT_EQ(runId({{"epochs", "2", ""}, {"lr", "0.1", ""}, {"data_dir", "/a", ""}}), expected);
  EXPECT_EQ(runId({{"epochs", "2", ""}, {"lr", "0.1", ""}, {"memory_limit", "4G", ""}}), expected);
  EXPECT_NE(runId({{"epochs", "2", ""}, {"lr", "0.2", ""}}), expected);

  // The same run in a reordered file keeps its id; another data folder too.
  const auto a = runs(R"({"epochs": 2, "axes": {"lr": [0.1, 0.2], "seed": [1, 2]}})");
  const auto b =
      runs(R"({"data_dir": "/x", "axes": {"seed": [2, 1], "lr": [0.2, 0.1]}, "epochs": 2})");
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(a[0].id, b[3].id);  // lr=0.1 seed=1
  EXPECT_EQ(a[3].id, b[0].id);  // lr=0.2 seed=2
  EXPECT_NE(a[0].id, a[1].id);
}

TEST(SweepGrid, DashesAndUnderscoresNameTheSameOption) {
  EXPECT_EQ(error(R"({"lr-out": 0.1, "axes": {"lr_out": [0.2]}})"),
            "g.json: axes.lr_out: also set in the base run (lr-out); give it in one place");
  const auto ok = runs(R"({"axes": {"lr-out": [0.2]}})");
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].settings[0].key, "lr_out");
  EXPECT_EQ(ok[0].settings[0].where, "axes.lr-out[0]");
}

TEST(SweepGrid, AListOfAxisObjectsIsTheUnionOfTheirProducts) {
  const auto r = runs(R"({"axes": [{"rule": ["additive"], "lr": [0.1, 0.2]},
                                   {"rule": ["hybrid"], "lr": [0.1], "gamma": [0.25, 0.75]},
                                   {"rule": ["additive"], "lr": [0.2]}]})");
  ASSERT_EQ(r.size(), 4u) << "the repeated additive lr=0.2 run counts once";
  EXPECT_EQ(r[2].name, "rule=hybrid lr=0.1 gamma=0.25");
  EXPECT_EQ(r[2].find("gamma")->where, "axes[1].gamma[0]");
  EXPECT_EQ(r[0].find("gamma"), nullptr);
  const auto axes = gridAxes(grid(R"({"axes": [{"rule": ["additive"], "lr": [0.1, 0.2]},
                                   {"rule": ["hybrid"], "lr": [0.1], "gamma": [0.25]}]})"));
  ASSERT_EQ(axes.size(), 3u);
  EXPECT_EQ(axes[0].key, "rule");
  EXPECT_EQ(axes[0].values, (std::vector<std::string>{"additive", "hybrid"}));
  EXPECT_FALSE(axes[0].numeric);
  EXPECT_EQ(axes[1].values, (std::vector<std::string>{"0.1", "0.2"}));
  EXPECT_TRUE(axes[1].numeric);
}

TEST(SweepGrid, TheCanonicalFormIgnoresLayoutButNotContent) {
  const std::string a = gridJson(grid(R"({"epochs": 2, "lr-out": 0.1, "hidden": [64],
                                          "axes": {"seed": [1, 2], "rule": ["hybrid"]}})"));
  const std::string b = gridJson(grid(R"({ "hidden":[64],"lr_out":0.10,
      "epochs":2, "axes":{"seed":[1,2],"rule":["hybrid"]}})"));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, gridJson(grid(R"({"epochs": 2, "lr_out": 0.1, "hidden": [64],
                                 "axes": {"seed": [1, 2, 3], "rule": ["hybrid"]}})")));
  // It parses back to itself, value kinds included.
  const SweepGrid again = grid(a);
  EXPECT_EQ(gridJson(again), a);
  EXPECT_EQ(again.base[1].key, "hidden");
  EXPECT_EQ(again.base[1].value.kind, GridValueKind::kNumberList);
  EXPECT_NE(a.find("\"axes\""), std::string::npos);
  EXPECT_LT(a.find("\"seed\""), a.find("\"rule\"")) << "axes keep their order";
}

TEST(SweepGrid, EachMistakeIsOneErrorNamingItsKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"axes": {"lrr": [0.1]}})",
       "g.json: axes.lrr: unknown option --lrr (valid keys: "},
      {R"({"lr_outt": 0.1})", "g.json: lr_outt: unknown option --lr-outt"},
      {R"({"axes": {"lr": []}})", "g.json: axes.lr: empty list; an axis needs at least one value"},
      {R"({"axes": {"lr": 0.1}})",
       "g.json: axes.lr: expected a list of values, got a number (write [0.1] for a single value)"},
      {R"({"axes": {"lr": [0.1], "lr": [0.2]}})", "g.json: axes: key 'lr' appears twice"},
      {R"({"lr": 1, "lr": 2})", "g.json: top level: key 'lr' appears twice"},
      {R"({"axes": {"lr-out": [0.1], "lr_out": [0.2]}})",
       "g.json: axes.lr_out: the same option as axes.lr-out; give each axis once"},
      {R"({"axes": {"seed": [1, 2, 1]}})", "g.json: axes.seed[2]: '1' repeats axes.seed[0]"},
      {R"({"lr": {"value": 1}})",
       "g.json: lr: expected a number, a string, true/false or a list of numbers, got an object"},
      {R"({"axes": {"lr": [null]}})", "g.json: axes.lr[0]: expected a number, a string, "},
      {R"({"hidden": [500, "x"]})",
       "g.json: hidden: expected a list of numbers, got a list holding a string"},
      {R"({"hidden": []})", "g.json: hidden: expected a list of numbers, got an empty list"},
      {R"({"axes": []})", "g.json: axes: empty list; give at least one object of axes"},
      {R"({"axes": [1]})", "g.json: axes[0]: expected an object of axes, got a number"},
      {R"({"description": 3})", "g.json: description: expected a string, got a number"},
      {R"([1, 2])", "g.json: grid: expected an object with train options and \"axes\""},
      {R"({"lr": 0.1,)", "g.json: not valid JSON (parse error at line 1, column 12"},
      {R"({"lr": 1e999})", "g.json: not valid JSON ("},
      {"", "g.json: not valid JSON ("},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(error(text).rfind(expected, 0), 0u) << text << "\n got: " << error(text);
  }
}

TEST(SweepGrid, CapsRunsAndAxisLengths) {
  EXPECT_EQ(error(R"({"axes": {"lr": [1, 2, 3], "seed": [1, 2, 3, 4]}})", 10),
            "g.json: axes: 12 runs (3 x 4), more than the 10 a sweep may have");
  EXPECT_EQ(error(R"({"axes": [{"lr": [1, 2, 3]}, {"seed": [1, 2, 3, 4, 5, 6, 7, 8]}]})", 10),
            "g.json: axes: 11 runs (8), more than the 10 a sweep may have");
  // A product far beyond any integer type is refused, not overflowed.
  std::string many = "[";
  for (int i = 0; i < 1000; ++i) many += (i ? "," : "") + std::to_string(i);
  many += "]";
  const std::string big = R"({"axes": {"lr": )" + many + R"(, "seed": )" + many + R"(, "gamma": )" +
                          many + R"(, "lr_out": )" + many + "}}";
  EXPECT_NE(error(big).find("1000000000000 runs (1000 x 1000 x 1000 x 1000), more than the 10000"),
            std::string::npos)
      << error(big);
  std::string too_long = "[";
  for (int i = 0; i < 1001; ++i) too_long += (i ? "," : "") + std::to_string(i);
  EXPECT_EQ(error(R"({"axes": {"seed": )" + too_long + "]}}"),
            "g.json: axes.seed: 1001 values, more than the 1000 an axis may have");
}

TEST(SweepGrid, WithoutAKnownListAnyKeyIsAccepted) {
  auto g = parseGrid(R"({"anything": 1, "axes": {"else": [1, 2]}})", "g.json", {});
  ASSERT_TRUE(g.ok()) << g.error();
  EXPECT_EQ(expandGrid(*g, "g.json")->size(), 2u);
}

}  // namespace
}  // namespace mulab
