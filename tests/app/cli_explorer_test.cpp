// mulab-cli for the surface explorer's headless side: formula surfaces in
// trajectory / race / basin, the basin map's outputs, and race --tune.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace {

using mulab::testing_cli::CliRun;
using mulab::testing_cli::countLines;
using mulab::testing_cli::runCli;

struct Row {
  double x, y, f;
};

std::vector<Row> csvRows(const std::string& out) {
  std::vector<Row> rows;
  std::istringstream in(out);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line) && line[0] != '#') {
    Row r;
    long step;
    std::sscanf(line.c_str(), "%ld,%lf,%lf,%lf", &step, &r.x, &r.y, &r.f);
    rows.push_back(r);
  }
  return rows;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CliFormula, FiftyAdamStepsOnAFormulaFollowTheBuiltin) {
  const std::string common = " --optimizer adam --rule hybrid --steps 50 --tol 0";
  const CliRun builtin = runCli("trajectory --surface himmelblau" + common);
  const CliRun formula = runCli(
      "trajectory --surface custom --formula '(x^2 + y - 11)^2 + (x + y^2 - 7)^2' "
      "--window -5,5,-5,5 --start 0.5,4.5" + common);
  ASSERT_EQ(builtin.status, 0) << builtin.err;
  ASSERT_EQ(formula.status, 0) << formula.err;
  const auto a = csvRows(builtin.out), b = csvRows(formula.out);
  ASSERT_EQ(a.size(), 51u);
  ASSERT_EQ(b.size(), 51u);
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_NEAR(b[k].x, a[k].x, 1e-5 * std::max(1.0, std::abs(a[k].x))) << "step " << k;
    EXPECT_NEAR(b[k].y, a[k].y, 1e-5 * std::max(1.0, std::abs(a[k].y))) << "step " << k;
  }
}

TEST(CliFormula, TrajectoryStopsAtTheFoundMinimumAndJsonNamesTheFormula) {
  // SGD lr 0.1 on x^2 + y^2 from (1.5, 1.5) converges at step 35 on the
  // built-in bowl; the formula's f* is found numerically (0 to rounding).
  const CliRun r = runCli(
      "trajectory --surface custom --formula 'x^2 + y^2' --window -2,2,-2,2 --optimizer sgd "
      "--lr 0.1 --start 1.5,1.5 --steps 100");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# SGD + additive: converged at step 35 (f - f* < 1e-06)"),
            std::string::npos)
      << r.out;
  const CliRun j = runCli(
      "trajectory --surface custom --formula 'x^2 + y^2' --steps 2 --format json");
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("\"formula\":\"x^2 + y^2\""), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"surface\":\"custom\""), std::string::npos) << j.out;
}

TEST(CliFormula, RaceRacesTheFormulaBesideBuiltins) {
  const CliRun r = runCli(
      "race --surfaces booth,custom --formula '(x - 1)^2 + 2*(y + 0.5)^2' --window -3,3,-3,3 "
      "--optimizers adam --steps 2000");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("| booth | Adam |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| custom | Adam |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Tally over 2 (surface, optimizer) groups"), std::string::npos);
}

TEST(CliBasin, PrintsTimingAndWritesAPngAndACsvThatAgreeWithTrajectory) {
  const std::string dir = ::testing::TempDir() + "/cli_basin";
  std::filesystem::create_directories(dir);
  const std::string png = dir + "/map.png", csv = dir + "/map.csv";
  std::filesystem::remove(png);
  std::filesystem::remove(csv);
  const CliRun r = runCli("basin --surface two-wells --optimizer adam --rule hybrid "
                          "--resolution 12 --steps 2000 --png " + png + " --csv " + csv);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("basin two-wells 12x12, Adam + hybrid(gamma=0.5), 2000 steps", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("wall_s="), std::string::npos);
  EXPECT_NE(r.out.find(" steps_per_s="), std::string::npos);
  EXPECT_NE(r.out.find("converged "), std::string::npos);

  // PNG: signature, then IHDR with width and height 12.
  const std::string p = readFile(png);
  ASSERT_GT(p.size(), 24u);
  EXPECT_EQ(p.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(p.substr(12, 4), "IHDR");
  EXPECT_EQ(uint8_t(p[19]), 12);
  EXPECT_EQ(uint8_t(p[23]), 12);

  std::istringstream in(readFile(csv));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "i,j,x,y,steps,status");
  int rows = 0, checked = 0;
  while (std::getline(in, line)) {
    ++rows;
    int i, j;
    double x, y;
    char rest[64] = {};
    ASSERT_EQ(std::sscanf(line.c_str(), "%d,%d,%lf,%lf,%63s", &i, &j, &x, &y, rest), 5) << line;
    const std::string tail = rest;
    if (checked < 3 && tail.find(",converged") != std::string::npos) {
      // The same start run alone stops at the same step.
      const long steps = std::stol(tail);
      char start[96];
      std::snprintf(start, sizeof start, "%.17g,%.17g", x, y);
      const CliRun t = runCli(std::string("trajectory --surface two-wells --rule hybrid --tol 1e-6 "
                                          "--steps 2000 --start ") + start);
      EXPECT_NE(t.out.find("converged at step " + std::to_string(steps) + " "), std::string::npos)
          << line << "\n" << t.out.substr(t.out.rfind('#'));
      ++checked;
    }
  }
  EXPECT_EQ(rows, 144);
  EXPECT_EQ(checked, 3);
}

TEST(CliTune, SgdOnTheBowlPicksTheBestGridStepSize) {
  const CliRun r = runCli("race --tune --surfaces quadratic --optimizers sgd --starts 3 --steps 500");
  ASSERT_EQ(r.status, 0) << r.err;
  // |1 - 2 eta| is smallest at eta = 10^(-1/3) = 0.464 on the grid (eta = 1 never converges).
  EXPECT_NE(r.out.find("| quadratic | SGD | additive | 0.464 | - | 2 |"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("| quadratic | SGD | multiplicative | - |"), std::string::npos);
  EXPECT_NE(r.out.find("| quadratic | SGD | hybrid |"), std::string::npos);
  EXPECT_NE(r.out.find("Tally over 1 (surface, optimizer) groups"), std::string::npos);
  EXPECT_NE(r.out.find("additive eta 0.0001 .. 1 (13 values)"), std::string::npos) << r.out;
}

struct BadInput {
  const char* args;
  const char* must_mention;
};

void PrintTo(const BadInput& b, std::ostream* os) { *os << "mulab-cli " << b.args; }

class CliExplorerBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliExplorerBadInput, ExitsWithStatus2AndOneClearLine) {
  const CliRun r = runCli(GetParam().args);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(countLines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(GetParam().must_mention), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Flags, CliExplorerBadInput,
    ::testing::Values(
        BadInput{"trajectory --surface custom", "--formula: required with --surface custom"},
        BadInput{"trajectory --surface booth --formula x", "--formula: only with --surface custom (got --surface booth)"},
        BadInput{"trajectory --surface booth --window 0,1,0,1", "--window: only with --surface custom"},
        BadInput{"trajectory --surface custom --formula 'x +'", "--formula: syntax error at the end of the formula: unexpected end of expression"},
        BadInput{"trajectory --surface custom --formula 'x * zz'", "--formula: unknown name 'zz' at character 5"},
        BadInput{"trajectory --surface custom --formula 'log(-1 - x^2)'", "--formula: f is not finite on 100% of the window [-5, 5] x [-5, 5]"},
        BadInput{"trajectory --surface custom --formula x --window 0,1,0", "--window: expected four numbers as x0,x1,y0,y1, got '0,1,0'"},
        BadInput{"trajectory --surface custom --formula x --window 0,1,2,1", "--window: needs x0 < x1 and y0 < y1, got [0, 1, 2, 1]"},
        BadInput{"trajectory --surface custom --formula x --window 0,1,0,nan", "--window: 'nan' is not a finite number"},
        BadInput{"race --surfaces booth --formula x", "--formula: add custom to --surfaces to race the formula"},
        BadInput{"race --surfaces custom", "--formula: required with --surfaces custom"},
        BadInput{"race --tune --lr 0.1", "--lr: not used with --tune (eta is searched)"},
        BadInput{"race --tune --surfaces saddle", "--surfaces: saddle has no minimum f*, so --tune cannot count steps"},
        BadInput{"race --tune --surface custom --formula 'x + y'", "--formula: no minimum was found in the window"},
        BadInput{"race --tune --starts 0", "--starts: must lie in 1..1000, got 0"},
        BadInput{"race --tune --threads 65", "--threads: must lie in 1..64, got 65"},
        BadInput{"basin", "--surface is required"},
        BadInput{"basin --surface booth --resolution 1", "--resolution: must lie in 2..1024, got 1"},
        BadInput{"basin --surface booth --resolution 1024 --steps 100000", "--steps: 1024x1024 starts x 100000 steps is 1.05e+11 optimizer steps; at most 2e+10"},
        BadInput{"basin --surface booth --colormap jet", "--colormap: unknown colour map 'jet'"},
        BadInput{"basin --surface booth --png /nonexistent/dir/a.png", "--png: /nonexistent/dir/a.png: folder /nonexistent/dir does not exist"},
        BadInput{"basin --surface booth --csv /tmp", "--csv: /tmp: is a directory"},
        BadInput{"basin --surface booth --png /tmp/same_mulab_basin --csv /tmp/same_mulab_basin", "--csv: the same file as --png"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

}  // namespace
