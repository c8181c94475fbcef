// `mulab-cli sweep` end to end on small generated data: the runs and their
// numbers, resuming, a changed grid, errors naming the grid key, the gamma
// schedule flag; and, when MPI was found, the same sweep under mpirun.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "../core/test_data.hpp"
#include "cli_run.hpp"

namespace {

namespace fs = std::filesystem;

using mulab::testing_cli::CliRun;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun run(const std::string& args, const std::string& prefix = "") {
  return mulab::testing_cli::runCli(args, prefix);
}

int lines(const std::string& s) { return mulab::testing_cli::countLines(s); }

fs::path scratch(const std::string& name) {
  const fs::path p =
      fs::path(testing::TempDir()) / ("mulab_sweepcli_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

const std::string& dataDir() {
  static const std::string dir = [] {
    const fs::path d = scratch("data");
    mulab::testing_data::writeSyntheticMnist(d, 1200, 200);
    return d.string();
  }();
  return dir;
}

fs::path writeGrid(const fs::path& dir, const std::string& text) {
  std::ofstream(dir / "grid.json") << text;
  return dir / "grid.json";
}

const char* kGrid = R"({"hidden": [16], "epochs": 1, "batch": 100, "optimizer": "sgd",
  "axes": {"rule": ["additive", "hybrid"], "lr": [0.05, 0.2], "seed": [1, 2]}})";

std::vector<std::string> csvCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

using Row = std::map<std::string, std::string>;

// summary.csv as rows by run name, each a map from column name to cell.
std::map<std::string, Row> summaryRows(const fs::path& csv) {
  std::map<std::string, Row> rows;
  std::istringstream in(slurp(csv));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = csvCells(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = csvCells(line);
    Row row;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows[row["name"]] = row;
  }
  return rows;
}

TEST(CliSweep, RunsEveryCombinationWithTheNumbersTrainGives) {
  const fs::path dir = scratch("basic");
  const fs::path grid = writeGrid(dir, kGrid);
  const std::string out = (dir / "out").string();
  const CliRun r =
      run("sweep --quiet --grid " + grid.string() + " --out " + out + " --data-dir " + dataDir());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_NE(
      r.out.find("sweep: 8 of 8 runs done in " + out + ": 0 finished before (skipped), 8 now"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("best: rule=additive lr="), std::string::npos) << r.out;
  const auto rows = summaryRows(fs::path(out) / "summary.csv");
  ASSERT_EQ(rows.size(), 8u);
  int records = 0;
  for (const auto& e : fs::directory_iterator(fs::path(out) / "runs"))
    records += e.path().extension() == ".json";
  EXPECT_EQ(records, 8);
  EXPECT_NE(slurp(fs::path(out) / "summary.md").find("**best**"), std::string::npos);

  // A run's test error is the one `train` reports for the same options.
  const CliRun t =
      run("train --quiet --data-dir " + dataDir() +
          " --hidden 16 --epochs 1 --batch 100 --optimizer sgd --rule hybrid --lr 0.2 --seed 2");
  ASSERT_EQ(t.status, 0) << t.err;
  const size_t at = t.out.find("test_error=");
  ASSERT_NE(at, std::string::npos);
  const double train_error = std::stod(t.out.substr(at + 11));
  Row row = rows.at("rule=hybrid lr=0.2 seed=2");
  EXPECT_EQ(row["rule"], "hybrid");
  EXPECT_EQ(row["lr"], "0.2");
  EXPECT_EQ(row["hidden"], "16");
  EXPECT_EQ(row["status"], "finished");
  const double sweep_error = std::stod(row["final_test_error_pct"]);
  EXPECT_NEAR(sweep_error, train_error, 0.005)
      << "summary " << sweep_error << "% vs train " << train_error;
  EXPECT_LT(sweep_error, 50.0);
  fs::remove_all(dir);
}

TEST(CliSweep, ReRunningSkipsFinishedRunsAndAChangedGridNeedsForce) {
  const fs::path dir = scratch("resume");
  const fs::path grid = writeGrid(dir, kGrid);
  const std::string out = (dir / "out").string();
  const std::string args =
      "sweep --grid " + grid.string() + " --out " + out + " --data-dir " + dataDir();
  const CliRun dry = run(args + " --dry-run");
  ASSERT_EQ(dry.status, 0) << dry.err;
  EXPECT_EQ(lines(dry.out), 9) << dry.out;
  EXPECT_NE(dry.out.find(" rule=hybrid lr=0.2 seed=2\n"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("sweep: 8 runs, 0 finished in " + out), std::string::npos) << dry.out;
  EXPECT_FALSE(fs::exists(out)) << "a dry run writes nothing";
  ASSERT_EQ(run(args + " --quiet").status, 0);
  EXPECT_NE(run(args + " --dry-run").out.find("sweep: 8 runs, 8 finished in"), std::string::npos);
  const std::string first_summary = slurp(fs::path(out) / "summary.csv");

  const CliRun again = run(args);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("sweep: 8 of 8 runs already finished in " + out + "; skipping them"),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.out.find("8 finished before (skipped), 0 now"), std::string::npos) << again.out;
  EXPECT_EQ(slurp(fs::path(out) / "summary.csv"), first_summary);

  // One more seed: refused as it stands, then only the 4 new runs with --force.
  std::string more = kGrid;
  more.replace(more.find("[1, 2]"), 6, "[1, 2, 3]");
  writeGrid(dir, more);
  const CliRun changed = run(args);
  EXPECT_EQ(changed.status, 2);
  EXPECT_EQ(lines(changed.err), 1) << changed.err;
  EXPECT_NE(changed.err.find("--out: " + out + ": holds a sweep of a different grid"),
            std::string::npos)
      << changed.err;
  const CliRun forced = run(args + " --force --quiet");
  ASSERT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(
      forced.out.find("12 of 12 runs done in " + out + ": 8 finished before (skipped), 4 now"),
      std::string::npos)
      << forced.out;
  const auto rows = summaryRows(fs::path(out) / "summary.csv");
  EXPECT_EQ(rows.size(), 12u);
  // The first 8 rows are unchanged.
  std::istringstream a(first_summary);
  std::string line;
  while (std::getline(a, line)) {
    EXPECT_NE(slurp(fs::path(out) / "summary.csv").find(line), std::string::npos) << line;
  }
  fs::remove_all(dir);
}

TEST(CliSweep, AGridMistakeNamesItsKeyAndRunsNothing) {
  const fs::path dir = scratch("bad");
  const std::string out = (dir / "out").string();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"axes": {"lr": [0.1, 0.2, "x"]}})", "grid.json: axes.lr[2]: --lr: 'x' is not a number"},
      {R"({"hidden": "0"})", "grid.json: hidden: --hidden: widths must lie in 1..16384, got 0"},
      {R"({"rule": "hybrid", "axes": {"gamma": [0.5, 2]}})",
       "grid.json: axes.gamma[1]: --gamma: must lie in [0, 1], got 2"},
      {R"({"axes": {"method": ["bp", "er"], "hidden": ["none"]}})",
       "grid.json: axes.hidden[0]: --hidden: bp needs at least one hidden layer"},
      {R"({"axes": {"rule": ["additive", "hybrid"], "gamma_patience": [2]}})",
       "grid.json: axes.gamma_patience[0]: --gamma-patience: the gamma schedule needs --rule "
       "hybrid"},
      {R"({"csv": "x.csv"})",
       "grid.json: csv: unknown option --csv (valid keys: dataset, "
       "method,"},
      {R"({"lr": ""})", "grid.json: lr: --lr: expected a value, got an empty string"},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    const fs::path grid = writeGrid(dir, text);
    const CliRun r =
        run("sweep --grid " + grid.string() + " --out " + out + " --data-dir " + dataDir());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(fs::exists(out)) << "nothing may be written before every run checks out";
  }
  const fs::path grid = writeGrid(dir, kGrid);
  const CliRun cores = run("sweep --grid " + grid.string() + " --out " + out + " --workers 100000");
  EXPECT_EQ(cores.status, 2);
  EXPECT_NE(cores.err.find("--workers: 100000 runs at once on"), std::string::npos) << cores.err;
  EXPECT_NE(cores.err.find("would oversubscribe them"), std::string::npos) << cores.err;
  const CliRun nodata = run("sweep --grid " + grid.string() + " --out " + out + " --data-dir " +
                            (dir / "none").string());
  EXPECT_EQ(nodata.status, 2);
  EXPECT_NE(nodata.err.find((dir / "none").string() + "/mnist/train-images-idx3-ubyte: not found"),
            std::string::npos)
      << nodata.err;
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(dir);
}

// Runs at once must fit in memory together: --workers N is checked, and
// without it the sweep takes as many workers as fit.
TEST(CliSweep, ConcurrentRunsMustFitInMemoryTogether) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "needs two cores for two workers";
  const fs::path dir = scratch("memory");
  // One default BP run is estimated at about 306 MiB (train/memory_budget.hpp).
  const fs::path grid = writeGrid(dir, R"({"memory_limit": "400M", "axes": {"seed": [1, 2]}})");
  const std::string args = "sweep --dry-run --grid " + grid.string() + " --out " +
                           (dir / "out").string() + " --data-dir " + dataDir();
  const CliRun two = run(args + " --workers 2");
  EXPECT_EQ(two.status, 2);
  EXPECT_NE(two.err.find("--workers: 2 runs at once need about 611.8 MiB (the largest: seed="),
            std::string::npos)
      << two.err;
  EXPECT_NE(two.err.find("more than the memory limit of 400 MiB; use fewer workers"),
            std::string::npos);
  const CliRun fitted = run(args);
  ASSERT_EQ(fitted.status, 0) << fitted.err;
  EXPECT_NE(
      fitted.out.find("sweep: 2 runs, 0 finished in " + (dir / "out").string() + ", 1 worker x "),
      std::string::npos)
      << fitted.out;
  fs::remove_all(dir);
}

TEST(CliSweep, ADivergedRunIsAResultAndTheGammaScheduleIsAnAxis) {
  const fs::path dir = scratch("diverge");
  const fs::path grid = writeGrid(dir, R"({"hidden": [16], "epochs": 3, "batch": 100,
      "optimizer": "sgd", "rule": "hybrid", "lr_in": 100, "lr_out": 0.05, "gamma": 0.5,
      "axes": [{"lr": [1e30], "gamma_patience": ["off"]}, {"lr": [0.1], "gamma_patience": ["off", 1]}]})");
  const std::string out = (dir / "out").string();
  const CliRun r =
      run("sweep --quiet --grid " + grid.string() + " --out " + out + " --data-dir " + dataDir());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("3 of 3 runs done"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 1 diverged"), std::string::npos) << r.out;
  const auto rows = summaryRows(fs::path(out) / "summary.csv");
  ASSERT_EQ(rows.size(), 3u);
  Row diverged = rows.at("lr=1e+30 gamma_patience=off");
  EXPECT_EQ(diverged["status"], "diverged");
  EXPECT_EQ(diverged["final_test_error_pct"], "");
  EXPECT_EQ(rows.at("lr=0.1 gamma_patience=1").at("status"), "finished");
  // The schedule shows in the run's description.
  std::string record;
  for (const auto& e : fs::directory_iterator(fs::path(out) / "runs")) {
    const std::string text = slurp(e.path());
    if (text.find("\"gamma_patience\": \"1\"") != std::string::npos) record = text;
  }
  EXPECT_NE(record.find("(gamma 1 for 1 epochs, then gamma^k)"), std::string::npos) << record;
  fs::remove_all(dir);
}

TEST(CliTrain, GammaPatienceIsCheckedLikeEveryFlag) {
  for (const auto& [args, expected] : std::vector<std::pair<std::string, std::string>>{
           {"train --gamma-patience 2", "--gamma-patience: the gamma schedule needs --rule hybrid"},
           {"train --rule hybrid --gamma-patience x",
            "--gamma-patience: 'x' is not a whole number"},
           {"train --rule hybrid --gamma-patience -1", "--gamma-patience: must not be negative"},
           {"train --rule hybrid --method altmin --gamma-patience 1",
            "--gamma-patience: the gamma schedule applies to bp and fa"}}) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << args << ": " << r.err;
  }
}

// The same sweep locally and as two MPI ranks: same runs, same numbers. Each
// run gets the same thread count either way (floor(cores / 2), at least 1),
// since Eigen's blocking, and so the last bits of a product, depend on it.
TEST(CliSweepMpi, TwoRanksGiveTheSameSummaryAsOneProcess) {
#if !MULAB_MPI
  GTEST_SKIP() << "MPI was not found when this build was configured: install libopenmpi-dev and "
                  "openmpi-bin (scripts/setup.sh does), then reconfigure";
#else
  const fs::path dir = scratch("mpi");
  mulab::testing_data::writeSyntheticMnist(dir / "data", 3000, 300);
  const fs::path grid = writeGrid(dir, R"({"hidden": [32], "epochs": 1, "batch": 100,
      "train_limit": 2000, "lr": 0.05, "lr_out": 0.05,
      "axes": {"optimizer": ["sgd", "adam"], "rule": ["additive", "multiplicative", "hybrid"],
               "seed": [1, 2]}})");
  const std::string common =
      " --grid " + grid.string() + " --data-dir " + (dir / "data").string() + " --quiet";
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  const CliRun local = run("sweep --workers " + std::to_string(std::min(2, cores)) + " --out " +
                           (dir / "local").string() + common);
  ASSERT_EQ(local.status, 0) << local.err;
  // As root in CI, OpenMPI wants both ALLOW variables; --bind-to none lets
  // each rank use its share of the cores, as the local workers do. Under
  // AddressSanitizer OpenMPI's allocator patcher must stay off and its own
  // allocations would read as leaks (open-mpi/ompi#12584, #13069).
  const std::string launcher =
      "env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_memory=^patcher "
      "ASAN_OPTIONS=detect_leaks=0 " +
      std::string(MULAB_MPIEXEC) + " -n 2 --oversubscribe --bind-to none ";
  const std::string verbose = " --grid " + grid.string() + " --data-dir " + (dir / "data").string();
  const CliRun mpi = run("sweep --out " + (dir / "mpi").string() + verbose, launcher);
  ASSERT_EQ(mpi.status, 0) << mpi.err;
  EXPECT_NE(mpi.err.find("per rank, 2 ranks"), std::string::npos) << mpi.err;
  EXPECT_NE(mpi.out.find("sweep: 12 of 12 runs done"), std::string::npos) << mpi.out;
  const auto a = summaryRows(dir / "local" / "summary.csv");
  const auto b = summaryRows(dir / "mpi" / "summary.csv");
  ASSERT_EQ(a.size(), 12u);
  ASSERT_EQ(b.size(), 12u);
  for (auto [name, row] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    Row other = b.at(name);
    // Every cell but the times: id, settings, status, test errors, epochs.
    for (const char* timing : {"wall_s", "train_s", "samples_per_s"}) {
      row.erase(timing);
      other.erase(timing);
    }
    EXPECT_EQ(row, other) << name;
    EXPECT_FALSE(row["final_test_error_pct"].empty()) << name;
  }
  fs::remove_all(dir);
#endif
}

}  // namespace
