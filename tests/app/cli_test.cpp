// mulab-cli end to end: real process, real output, exit status 2 and one
// clear line for every kind of bad input.
#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "../core/test_data.hpp"
#include "cli_run.hpp"

namespace {

using mulab::testing_cli::CliRun;
using mulab::testing_cli::countLines;
using mulab::testing_cli::runCli;

TEST(Cli, SurfacesListsTheCatalogue) {
  const CliRun r = runCli("surfaces");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* name : {"quadratic", "booth", "matyas", "rosenbrock", "beale", "himmelblau",
                           "rastrigin", "ackley", "six-hump-camel", "styblinski-tang", "saddle",
                           "two-wells"}) {
    EXPECT_NE(r.out.find(std::string(name) + "  ("), std::string::npos) << name;
  }
  EXPECT_NE(r.out.find("f(x, y) = (1 - x)^2 + 100 (y - x^2)^2"), std::string::npos);
  EXPECT_NE(r.out.find("minimum global f = -78.33233141"), std::string::npos);
}

TEST(Cli, TrajectoryCsvRowsAndStatus) {
  const CliRun r = runCli(
      "trajectory --surface quadratic --optimizer sgd --rule additive --lr 0.1 --start 1.5,1.5 "
      "--steps 100");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("step,x,y,f\n0,1.5,1.5,4.5\n1,1.2,1.2,2.88\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("# SGD + additive: converged at step 35 (f - f* < 1e-06)"),
            std::string::npos);
  EXPECT_EQ(countLines(r.out), 1 + 36 + 1);
}

TEST(Cli, TrajectoryAcceptsNegativeStartAndJson) {
  const CliRun r = runCli(
      "trajectory --surface rosenbrock --optimizer adam --rule hybrid --gamma 0.5 --start -2,2 "
      "--steps 5 --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["surface"], "rosenbrock");
  EXPECT_EQ(j["rule"], "hybrid");
  ASSERT_EQ(j["points"].size(), 6u);
  EXPECT_EQ(j["points"][0][1], -2.0);
  EXPECT_EQ(j["points"][0][3], 409.0);
  EXPECT_EQ(j["status"], "budget");
  EXPECT_EQ(j["stop_step"], 5);
}

TEST(Cli, RacePrintsMarkdownTables) {
  const CliRun r = runCli("race --surfaces quadratic,booth --optimizers sgd,adam --steps 2000");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("| surface | optimizer | additive | multiplicative | hybrid |"),
            std::string::npos);
  EXPECT_NE(r.out.find("| quadratic | SGD | 266 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| booth | Adam |"), std::string::npos);
  EXPECT_NE(r.out.find("Tally over 4 (surface, optimizer) groups"), std::string::npos);
}

struct BadInput {
  const char* args;
  const char* must_mention;
};

void PrintTo(const BadInput& b, std::ostream* os) { *os << "mulab-cli " << b.args; }

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ExitsWithStatus2AndOneClearLine) {
  const CliRun r = runCli(GetParam().args);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(countLines(r.err), 1) << r.err;
  EXPECT_EQ(r.err.rfind("mulab-cli: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(GetParam().must_mention), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

const std::string kTraj = "trajectory --surface rosenbrock ";

INSTANTIATE_TEST_SUITE_P(
    Flags, CliBadInput,
    ::testing::Values(
        BadInput{"trajectory --surface rosenbrok", "--surface: unknown surface 'rosenbrok' (valid: quadratic, booth"},
        BadInput{"trajectory --surface rosenbrock --optimizer adamw", "--optimizer: unknown optimizer 'adamw' (valid: sgd, momentum"},
        BadInput{"trajectory --surface rosenbrock --rule additve", "--rule: unknown rule 'additve' (valid: additive, multiplicative, hybrid)"},
        BadInput{"trajectory --surface rosenbrock --lr abc", "--lr: 'abc' is not a number"},
        BadInput{"trajectory --surface rosenbrock --lr -0.1", "--lr: must not be negative"},
        BadInput{"trajectory --surface rosenbrock --lr 1e999", "--lr: '1e999' is not a finite number"},
        BadInput{"trajectory --surface rosenbrock --lr nan", "--lr: 'nan' is not a finite number"},
        BadInput{"trajectory --surface rosenbrock --gamma 2", "--gamma: must lie in [0, 1], got 2"},
        BadInput{"trajectory --surface rosenbrock --gamma -0.5", "--gamma: must not be negative"},
        BadInput{"trajectory --surface rosenbrock --beta1 1", "--beta1: must lie in [0, 1)"},
        BadInput{"trajectory --surface rosenbrock --start nan,1", "--start: 'nan' is not a finite number"},
        BadInput{"trajectory --surface rosenbrock --start 1,inf", "--start: 'inf' is not a finite number"},
        BadInput{"trajectory --surface rosenbrock --start 1", "--start: expected two numbers as X,Y"},
        BadInput{"trajectory --surface rosenbrock --steps 0", "--steps: must be at least 1"},
        BadInput{"trajectory --surface rosenbrock --steps -5", "--steps: must not be negative"},
        BadInput{"trajectory --surface rosenbrock --steps 2.5", "--steps: '2.5' is not a whole number"},
        BadInput{"trajectory --surface rosenbrock --format xml", "--format: unknown format 'xml' (valid: csv, json)"},
        BadInput{"trajectory --surface quadratic --condition 0.5", "--condition must lie in [1, 1e6]"},
        BadInput{"trajectory --surface rosenbrock --bogus 1", "--bogus"},
        BadInput{"trajectory", "--surface is required"},
        BadInput{"fly", "unknown command 'fly' (valid: surfaces, trajectory, race, train"},
        BadInput{"race --surfaces quadratic,nope", "--surfaces: unknown surface 'nope'"},
        BadInput{"race --optimizers sgd,lion", "--optimizers: unknown optimizer 'lion'"},
        BadInput{"race --rules hybrid,x", "--rules: unknown rule 'x'"},
        BadInput{"race --tol 0", "--tol: must be positive"},
        BadInput{"race --steps 0", "--steps: must be at least 1"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

std::string trainDataDir() {
  static const std::string dir = [] {
    const auto d = std::filesystem::path(testing::TempDir()) /
                   ("mulab_cli_data_" + std::to_string(getpid()));
    mulab::testing_data::writeSyntheticMnist(d, 1000, 200);
    return d.string();
  }();
  return dir;
}

TEST(CliTrain, EveryMethodPrintsThroughputAndTestErrorAndWritesTheCsv) {
  const std::string csv = testing::TempDir() + "/train_metrics.csv";
  std::filesystem::remove(csv);
  for (const char* method : {"bp --hidden 32 --rule hybrid", "er", "altmin --hidden 32,32",
                             "er --hidden 32 --er-mode incremental --batch 250",
                             "fa --hidden 32 --lr 0.003 --batch 50"}) {
    SCOPED_TRACE(method);
    const CliRun r = runCli(std::string("train --data-dir ") + trainDataDir() + " --method " +
                            method + " --epochs 2 --csv " + csv);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("train_samples_per_s="), std::string::npos) << r.out;
    const size_t at = r.out.find("test_error=");
    ASSERT_NE(at, std::string::npos) << r.out;
    const double err = std::stod(r.out.substr(at + 11));
    EXPECT_LT(err, 20.0) << r.out;  // the synthetic digits are easy
    std::ifstream in(csv);
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, "epoch,step,samples,updates,wall_s,train_loss,train_acc,test_acc");
    EXPECT_FALSE(std::filesystem::exists(csv + ".part"));
  }
}

TEST(CliTrain, MissingDataIsAClearErrorAndNoCsvIsLeft) {
  const std::string csv = testing::TempDir() + "/never.csv";
  const CliRun r = runCli("train --data-dir /nonexistent/dir --csv " + csv);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/nonexistent/dir/mnist/train-images-idx3-ubyte: not found"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(csv));
  EXPECT_FALSE(std::filesystem::exists(csv + ".part"));
}

// Copies the synthetic data folder and damages one file of it.
std::string damagedDataDir(const std::string& name, const std::string& file,
                           const std::function<void(std::vector<uint8_t>&)>& damage) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::TempDir()) / (name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(trainDataDir(), dir, fs::copy_options::recursive);
  std::ifstream in(dir / file, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  in.close();
  damage(bytes);
  mulab::testing_data::writeFile((dir / file).string(), bytes);
  return dir.string();
}

TEST(CliTrain, DamagedDataFilesAreNamedAndLeaveNoCsv) {
  struct Case {
    const char* name;
    const char* file;
    std::function<void(std::vector<uint8_t>&)> damage;
    const char* fault;
  };
  const std::vector<Case> cases = {
      {"truncated", "mnist/train-images-idx3-ubyte", [](auto& b) { b.resize(b.size() / 2); },
       "mnist/train-images-idx3-ubyte: truncated: dimensions need"},
      {"bad_magic", "mnist/t10k-images-idx3-ubyte", [](auto& b) { b[0] = 0x42; }, "wrong magic"},
      {"bad_label", "mnist/train-labels-idx1-ubyte", [](auto& b) { b[20] = 12; },
       "label 12 at index 12 is outside 0-9"},
      {"wrong_count", "mnist/t10k-labels-idx1-ubyte", [](auto& b) { b[7] = 150; b.resize(8 + 150); },
       "150 labels for 200 images"},
      {"empty", "mnist/train-labels-idx1-ubyte", [](auto& b) { b.clear(); }, "file is empty"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string dir = damagedDataDir(c.name, c.file, c.damage);
    const std::string csv = dir + "/out.csv";
    const CliRun r = runCli("train --hidden 16 --epochs 1 --data-dir " + dir + " --csv " + csv);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find(c.fault), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(dir), std::string::npos) << "the message names the file: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(csv));
    EXPECT_FALSE(std::filesystem::exists(csv + ".part"));
  }
}

TEST(CliTrain, DivergenceEndsTheRunWithAReason) {
  const CliRun r = runCli("train --data-dir " + trainDataDir() +
                          " --hidden 16 --optimizer sgd --lr 1e30 --epochs 1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("training loss became"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    TrainFlags, CliBadInput,
    ::testing::Values(
        BadInput{"train --method sgd", "--method: unknown method 'sgd' (valid: bp, er, altmin, fa, dtp)"},
        BadInput{"train --dataset cifar", "--dataset: unknown dataset 'cifar' (valid: mnist, fashion)"},
        BadInput{"train --method er --er-output logistic",
                 "--er-output: unknown value 'logistic' (valid: tanh, softmax)"},
        BadInput{"train --method er --er-input zscore",
                 "--er-input: unknown value 'zscore' (valid: pixel, global, raw)"},
        BadInput{"train --method er --er-hidden-update bp",
                 "--er-hidden-update: unknown value 'bp' (valid: pinv, none)"},
        BadInput{"train --method er --er-step -1", "--er-step: must not be negative"},
        BadInput{"train --activation gelu", "--activation: unknown activation 'gelu'"},
        BadInput{"train --hidden 0", "--hidden: widths must lie in 1..16384, got 0"},
        BadInput{"train --hidden 500,x", "--hidden: 'x' is not a whole number"},
        BadInput{"train --method bp --hidden none", "--hidden: bp needs at least one hidden layer"},
        BadInput{"train --batch 0", "--batch: must lie in 1..60000"},
        BadInput{"train --epochs 0", "--epochs: must lie in 1..10000"},
        BadInput{"train --lr nan", "--lr: 'nan' is not a finite number"},
        BadInput{"train --gamma 2", "--gamma: must lie in [0, 1], got 2"},
        BadInput{"train --ridge -1", "--ridge: must be positive"},
        BadInput{"train --method er --er-mode sgd", "--er-mode: unknown mode 'sgd' (valid: full, incremental)"},
        BadInput{"train --csv /nonexistent/dir/out.csv", "--csv: /nonexistent/dir/out.csv: folder /nonexistent/dir does not exist"}),
    [](const auto& info) { return "train" + std::to_string(info.index); });

TEST(Cli, NoCommandIsAUsageError) {
  const CliRun r = runCli("");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(countLines(r.err), 1) << r.err;
}

TEST(Cli, HelpExitsZero) {
  const CliRun r = runCli("trajectory --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--lr-out"), std::string::npos);
}

}  // namespace
