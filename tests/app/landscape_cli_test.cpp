// mulab-cli train --checkpoints, landscape and interpolate end to end on a
// small generated dataset: the folders numpy would read, the JSON the issue
// asks for (seed, range, grid, subset, direction hash), and its numbers.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../core/test_data.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
  int status;
  std::string out;
};

CliRun runCli(const std::string& args) {
  CliRun r;
  FILE* p = popen((std::string(MULAB_CLI) + " " + args + " 2>/dev/null").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

json readJson(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

// Two runs from one seed (additive and multiplicative), checkpoints every 5 steps.
struct Runs {
  fs::path dir, data;
};

const Runs& runs() {
  static const Runs r = [] {
    Runs r;
    r.dir = fs::path(testing::TempDir()) / ("mulab_landscape_cli_" + std::to_string(getpid()));
    fs::remove_all(r.dir);
    fs::create_directories(r.dir);
    r.data = r.dir / "data";
    mulab::testing_data::writeSyntheticMnist(r.data, 1000, 200);
    for (const char* rule : {"additive", "multiplicative"}) {
      const CliRun t =
          runCli("train --data-dir " + r.data.string() + " --hidden 16 --epochs 1 --rule " + rule +
                 " --lr-out 0.1 --checkpoints " + (r.dir / rule).string() +
                 " --checkpoint-every 5 --quiet");
      EXPECT_EQ(t.status, 0) << t.out;
    }
    return r;
  }();
  return r;
}

TEST(CliLandscape, TrainWritesAFolderOfCheckpoints) {
  const json m = readJson(runs().dir / "additive" / "manifest.json");
  EXPECT_EQ(m["format"], "mulab-checkpoints");
  EXPECT_EQ(m["architecture"]["sizes"], json({784, 16, 10}));
  EXPECT_EQ(m["rule"], "additive");
  EXPECT_EQ(m["seed"], 1);
  ASSERT_EQ(m["checkpoints"].size(), 2u);  // steps 0 and 5: 1000 samples / batch 200
  EXPECT_EQ(m["checkpoints"][0]["step"], 0);
  EXPECT_EQ(m["checkpoints"].back()["step"], 5);
  EXPECT_TRUE(
      fs::exists(runs().dir / "additive" / m["checkpoints"][1]["files"]["W1"].get<std::string>()));
}

// The manifest says how the run was trained: every option, the ones given
// on the command line among them.
TEST(CliLandscape, TheManifestHoldsEveryOptionOfTheRun) {
  const fs::path dir = runs().dir / "options";
  const CliRun t = runCli("train --data-dir " + runs().data.string() +
                          " --hidden 16 --epochs 1 --rule hybrid --beta1 0.8 --momentum 0.5"
                          " --gamma-patience 2 --er-step 0.25 --checkpoints " +
                          dir.string() + " --checkpoint-max 7 --quiet");
  ASSERT_EQ(t.status, 0) << t.out;
  const json o = readJson(dir / "manifest.json")["options"];
  EXPECT_EQ(o["beta1"], 0.8);
  EXPECT_EQ(o["momentum"], 0.5);
  EXPECT_EQ(o["gamma_patience"], 2);
  EXPECT_EQ(o["rule"], "hybrid");
  EXPECT_EQ(o["er_step"], 0.25);
  EXPECT_EQ(o["hidden"], json({16}));
  EXPECT_EQ(o["checkpoint_every"], 10);  // the CLI's default with --checkpoints
  EXPECT_EQ(o["checkpoint_max"], 7);
  EXPECT_EQ(o["dtp_noise"], 0.3);  // options not given are recorded with their defaults
  EXPECT_FALSE(o.contains("data_dir")) << "where a run read is the machine's, not the run's";
}

TEST(CliLandscape, RandomPlaneJsonRecordsWhatMadeIt) {
  const fs::path json_path = runs().dir / "random.json", csv = runs().dir / "random.csv";
  const std::string base = "landscape --checkpoints " + (runs().dir / "additive").string() +
                           " --data-dir " + runs().data.string() +
                           " --samples 200 --grid 11 --range -0.5:0.5 --quiet";
  const CliRun r =
      runCli(base + " --seed 3 --json " + json_path.string() + " --csv " + csv.string());
  ASSERT_EQ(r.status, 0) << r.out;
  const json j = readJson(json_path);
  EXPECT_EQ(j["directions"], "random");
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["grid"], 11);
  EXPECT_EQ(j["range"]["x"], json({-0.5, 0.5}));
  EXPECT_EQ(j["subset"]["samples"], 200);
  EXPECT_EQ(j["subset"]["split"], "train");
  EXPECT_EQ(j["direction_hash"].get<std::string>().substr(0, 8), "fnv1a64:");
  // The centre node is the final checkpoint's own loss, which is also its
  // projected path point (residual 0).
  const double centre = j["centre"]["loss"];
  EXPECT_NEAR(j["surface"]["loss"][5][5].get<double>(), centre, 1e-6);
  const json last = j["runs"][0]["checkpoints"].back();
  EXPECT_EQ(last["residual"], 0.0);
  EXPECT_NEAR(last["loss"].get<double>(), centre, 1e-6);
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "x,y,loss,error");
  // The same seed again: the same hash and surface; another seed: another hash.
  const fs::path again = runs().dir / "again.json", other = runs().dir / "other.json";
  ASSERT_EQ(runCli(base + " --seed 3 --json " + again.string()).status, 0);
  ASSERT_EQ(runCli(base + " --seed 4 --json " + other.string()).status, 0);
  EXPECT_EQ(readJson(again)["direction_hash"], j["direction_hash"]);
  EXPECT_EQ(readJson(again)["surface"], j["surface"]);
  EXPECT_NE(readJson(other)["direction_hash"], j["direction_hash"]);
}

TEST(CliLandscape, JointPcaPlaneOfTwoRulesFromOneSeed) {
  const fs::path json_path = runs().dir / "pca.json";
  const CliRun r = runCli("landscape --checkpoints " + (runs().dir / "additive").string() + " " +
                          (runs().dir / "multiplicative").string() +
                          " --directions pca --data-dir " + runs().data.string() +
                          " --samples 200 --grid 11 --quiet --json " + json_path.string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("axes: x = PC1, "), std::string::npos) << r.out;
  const json j = readJson(json_path);
  const double e1 = j["axes"][0]["explained_variance"], e2 = j["axes"][1]["explained_variance"];
  EXPECT_GE(e1, e2);
  EXPECT_GT(e2, 0.0);
  EXPECT_LE(e1 + e2, 1.0 + 1e-9);
  ASSERT_EQ(j["runs"].size(), 2u);
  // Both runs start from one point: the same coordinates for step 0.
  const json a0 = j["runs"][0]["checkpoints"][0], b0 = j["runs"][1]["checkpoints"][0];
  EXPECT_EQ(a0["step"], 0);
  EXPECT_DOUBLE_EQ(a0["x"].get<double>(), b0["x"].get<double>());
  EXPECT_DOUBLE_EQ(a0["y"].get<double>(), b0["y"].get<double>());
  for (const json& run : j["runs"]) {
    for (const json& c : run["checkpoints"]) {
      EXPECT_GE(c["residual"].get<double>(), 0.0);
      EXPECT_LE(c["residual"].get<double>(), 1.0);
    }
  }
}

TEST(CliLandscape, InterpolationEndsAreTheEndpointLosses) {
  const fs::path csv = runs().dir / "line.csv", json_path = runs().dir / "line.json";
  const std::string dir = (runs().dir / "additive").string();
  const CliRun r = runCli("interpolate --from " + dir + "@0 --to " + dir + " --data-dir " +
                          runs().data.string() + " --samples 200 --csv " + csv.string() +
                          " --json " + json_path.string());
  ASSERT_EQ(r.status, 0) << r.out;
  const json j = readJson(json_path);
  ASSERT_EQ(j["line"].size(), 41u);
  EXPECT_EQ(j["line"][10]["alpha"], 0.0);
  EXPECT_EQ(j["line"][30]["alpha"], 1.0);
  EXPECT_NEAR(j["line"][10]["loss"].get<double>(), j["from"]["loss"].get<double>(), 1e-6);
  EXPECT_NEAR(j["line"][30]["loss"].get<double>(), j["to"]["loss"].get<double>(), 1e-6);
  EXPECT_EQ(j["from"]["step"], 0);
  EXPECT_NE(r.out.find("barrier="), std::string::npos);
}

}  // namespace
