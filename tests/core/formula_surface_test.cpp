// Formula surfaces: values and central-difference gradients against the
// catalogue's analytic ones, errors that name what and where, trajectories
// equal to the built-ins', concurrent evaluation, and the minima search.
#include "surfaces/formula_surface.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "builtin_formulas.hpp"
#include "trajectory/trajectory.hpp"

namespace mulab {
namespace {

using testing_formulas::builtinFormulas;

std::shared_ptr<const Surface> formulaTwin(const std::string& name) {
  for (const auto& [n, formula] : builtinFormulas()) {
    if (n == name)
      return makeFormulaSurface(formula, makeSurface(n).value()->info().window).value();
  }
  return nullptr;
}

std::string formulaError(const std::string& formula, Window w = {-2, 2, -2, 2}) {
  auto s = makeFormulaSurface(formula, w);
  return s ? "(accepted)" : s.error();
}

class EveryBuiltin : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryBuiltin, FormulaValuesAndGradientsMatchTheAnalyticOnes) {
  const auto builtin = makeSurface(GetParam()).value();
  const auto formula = formulaTwin(GetParam());
  ASSERT_TRUE(formula);
  const Window w = builtin->info().window;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> ux(w.xmin, w.xmax), uy(w.ymin, w.ymax);
  double worst = 0;
  for (int i = 0; i < 300; ++i) {
    const Vec2 p(ux(rng), uy(rng));
    Vec2 ga, gf;
    const double fa = builtin->evaluate(p, &ga);
    const double ff = formula->evaluate(p, &gf);
    EXPECT_NEAR(ff, fa, 1e-12 * std::max(1.0, std::abs(fa))) << GetParam();
    // Relative to the gradient's and the value's scale: the rounding part of
    // the error grows with |f| (eps |f| / h).
    const double scale = std::max({1.0, ga.abs().maxCoeff(), std::abs(fa)});
    worst = std::max(worst, (gf - ga).abs().maxCoeff() / scale);
  }
  // eps^(2/3) = 4e-11 is the design figure; allow the f''' / f factor of
  // the steepest surfaces (Styblinski-Tang's x^4 at |x| = 5).
  EXPECT_LT(worst, 2e-8) << GetParam();
  RecordProperty("worst_relative_gradient_error", std::to_string(worst));
}

TEST_P(EveryBuiltin, FiftyAdamStepsFollowTheBuiltinWithin1e5Relative) {
  const auto builtin = makeSurface(GetParam()).value();
  const auto formula = formulaTwin(GetParam());
  StopCriteria stop;
  stop.max_steps = 50;
  stop.f_tol = 0;
  for (UpdateRule rule :
       {UpdateRule::kAdditive, UpdateRule::kMultiplicative, UpdateRule::kHybrid}) {
    OptimizerConfig c;  // Adam, lr = lr_out = 0.01
    c.rule = rule;
    const Vec2 start = builtin->info().standard_start;
    Trajectory a(builtin, c, start, stop), b(formula, c, start, stop);
    a.run();
    b.run();
    ASSERT_EQ(a.path().size(), b.path().size());
    for (size_t k = 0; k < a.path().size(); ++k) {
      const TrajectoryPoint &pa = a.path()[k], &pb = b.path()[k];
      EXPECT_NEAR(pb.x, pa.x, 1e-5 * std::max(1.0, std::abs(pa.x))) << GetParam() << " step " << k;
      EXPECT_NEAR(pb.y, pa.y, 1e-5 * std::max(1.0, std::abs(pa.y))) << GetParam() << " step " << k;
    }
  }
}

TEST_P(EveryBuiltin, FindMinimaFindsTheListedMinima) {
  const auto builtin = makeSurface(GetParam()).value();
  const SurfaceInfo& info = builtin->info();
  const std::vector<Minimum> found = findMinima(*builtin, info.window);
  int found_global = 0;
  for (const Minimum& m : found) found_global += m.global;
  int listed_global = 0;
  for (const Minimum& listed : info.minima) {
    listed_global += listed.global;
    const Minimum* match = nullptr;
    for (const Minimum& m : found) {
      if ((m.point - listed.point).abs().maxCoeff() < 1e-6) match = &m;
    }
    ASSERT_TRUE(match) << GetParam() << ": no minimum found at (" << listed.point.x() << ", "
                       << listed.point.y() << ")";
    EXPECT_NEAR(match->value, listed.value, 1e-9 * std::max(1.0, std::abs(listed.value)));
    EXPECT_EQ(match->global, listed.global) << GetParam();
  }
  EXPECT_EQ(found_global, listed_global) << GetParam();
  if (GetParam() == "saddle") {
    EXPECT_TRUE(found.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EveryBuiltin, ::testing::ValuesIn(surfaceNames()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

TEST(FormulaSurface, HimmelblausFourMinimaFromTheFormulaAndThenFStar) {
  const auto formula = formulaTwin("himmelblau");
  EXPECT_FALSE(formula->globalMinimumValue().has_value());
  const auto minima = findMinima(*formula, formula->info().window);
  ASSERT_EQ(minima.size(), 4u);
  const auto listed = makeSurface("himmelblau").value()->info().minima;
  for (const Minimum& l : listed) {
    bool hit = false;
    for (const Minimum& m : minima) hit |= (m.point - l.point).abs().maxCoeff() < 1e-6 && m.global;
    EXPECT_TRUE(hit) << l.point.transpose();
  }
  const auto with = withMinima(formula, minima);
  ASSERT_TRUE(with->globalMinimumValue().has_value());
  EXPECT_NEAR(*with->globalMinimumValue(), 0.0, 1e-12);
  EXPECT_EQ(with->value(Vec2(1, 2)), formula->value(Vec2(1, 2)));
  EXPECT_EQ(with->info().formula, formula->info().formula);
}

TEST(FormulaSurface, InfoDescribesTheFormula) {
  const auto s = makeFormulaSurface("x^2 + 3*y^2", {-1, 3, -2, 2}).value();
  EXPECT_EQ(s->name(), "custom");
  EXPECT_EQ(s->info().formula, "x^2 + 3*y^2");
  EXPECT_EQ(s->info().window.xmax, 3);
  EXPECT_TRUE(s->info().minima.empty());
  EXPECT_DOUBLE_EQ(s->info().standard_start.x(), 1 + 0.35 * 2);
  EXPECT_DOUBLE_EQ(s->info().standard_start.y(), 0 + 0.45 * 2);
  EXPECT_DOUBLE_EQ(s->value(Vec2(2, 1)), 7);
  // Constants at full precision (muparser's own _pi has 13 digits).
  EXPECT_EQ(makeFormulaSurface("pi + 0*x", {-1, 1, -1, 1}).value()->value(Vec2(0, 0)),
            std::numbers::pi);
  EXPECT_EQ(makeFormulaSurface("_pi", {-1, 1, -1, 1}).value()->value(Vec2(0, 0)), std::numbers::pi);
  EXPECT_EQ(makeFormulaSurface("e", {-1, 1, -1, 1}).value()->value(Vec2(0, 0)), std::numbers::e);
  // ^ binds tighter than unary minus.
  EXPECT_EQ(makeFormulaSurface("-x^2", {-1, 1, -1, 1}).value()->value(Vec2(3, 0)), -9);
}

TEST(FormulaSurface, ErrorsNameWhatAndWhere) {
  EXPECT_EQ(formulaError(""), "the formula is empty");
  EXPECT_EQ(formulaError("   "), "the formula is empty");
  EXPECT_EQ(formulaError(std::string(1001, 'x')), "the formula has 1001 characters; at most 1000");
  EXPECT_EQ(formulaError(std::string(33, '(') + "x" + std::string(33, ')')),
            "brackets nest deeper than 32 (at character 33)");
  EXPECT_EQ(formulaError("x + \x01"), "unexpected byte 0x01 at character 5");
  EXPECT_EQ(formulaError("x \xc3\xa9"), "unexpected byte 0xc3 at character 3");
  EXPECT_EQ(formulaError("x = 3"),
            "assignments are not allowed (at character 3; for equality use ==)");
  EXPECT_EQ(formulaError("x += 3"),
            "assignments are not allowed (at character 4; for equality use ==)");
  EXPECT_EQ(formulaError("x, y"),
            "a comma outside a function's arguments (at character 2): f must be one value");
  EXPECT_EQ(formulaError("\"abc\""), "strings are not allowed (at character 1)");
  EXPECT_EQ(formulaError("sin(x"), "syntax error at the end of the formula: missing parenthesis");
  EXPECT_EQ(formulaError("x y"), "syntax error at character 3: unexpected variable \"y\"");
  EXPECT_EQ(formulaError("x +"),
            "syntax error at the end of the formula: unexpected end of expression");
  EXPECT_EQ(formulaError("sin(x, y)"),
            "syntax error at character 9: too many parameters for function \"sin\"");
  EXPECT_EQ(formulaError("x ? y"), "syntax error: if-then-else operator is missing an else clause");
  EXPECT_EQ(formulaError("x#y"), "unexpected '#y' at character 2");
  // muparser's "Internal error" for a dangling operator (found by fuzzing).
  EXPECT_EQ(formulaError("2-+"), "syntax error at the end of the formula: incomplete expression");
  EXPECT_EQ(formulaError("-"), "syntax error at the end of the formula: incomplete expression");
  const std::string unknown = formulaError("x + foo(y)");
  EXPECT_EQ(
      unknown.rfind(
          "unknown name 'foo' at character 5 (variables x, y; constants pi, e; functions ", 0),
      0u)
      << unknown;
  EXPECT_NE(unknown.find(" sqrt "), std::string::npos);
  EXPECT_EQ(formulaError("Z * 2").rfind("unknown name 'Z' at character 1", 0), 0u);
  EXPECT_EQ(formulaError("sqrt(-1 - x^2)"),
            "f is not finite on 100% of the window [-2, 2] x [-2, 2] (sampled 64 x 64)");
  EXPECT_EQ(formulaError("log(x)"), "(accepted)") << "not finite on exactly half: accepted";
  EXPECT_EQ(formulaError("log(x - 0.1)"),  // 34 of 64 columns have x < 0.1
            "f is not finite on 53% of the window [-2, 2] x [-2, 2] (sampled 64 x 64)");
  EXPECT_EQ(formulaError("x", {1, 1, 0, 1}), "window needs x0 < x1 and y0 < y1, got [1, 1, 0, 1]");
  EXPECT_EQ(formulaError("x", {0, 1, 0, 2e6}), "window 2e+06 is outside [-1e6, 1e6]");
  EXPECT_EQ(formulaError("x", {0, 1, NAN, 1}), "window nan is outside [-1e6, 1e6]");
  // Comparisons are not assignments.
  EXPECT_EQ(formulaError("(x <= y) + (x >= y) + (x != y) + (x == y)"), "(accepted)");
}

TEST(FormulaSurface, ConcurrentEvaluationMatchesSequential) {
  const auto s = formulaTwin("two-wells");
  Eigen::Array2Xd points(2, 500);
  for (int i = 0; i < 500; ++i) points.col(i) = Vec2(-2 + 0.008 * i, 1.5 - 0.006 * i);
  Eigen::ArrayXd expected_f;
  Eigen::Array2Xd expected_g;
  s->evaluateBatch(points, expected_f, expected_g);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 20; ++rep) {
        Eigen::ArrayXd f;
        Eigen::Array2Xd g;
        if (t % 2) {
          s->evaluateBatch(points, f, g);
        } else {
          f.resize(500);
          g.resize(2, 500);
          for (int i = 0; i < 500; ++i) {
            Vec2 gi;
            f[i] = s->evaluate(points.col(i), &gi);
            g.col(i) = gi;
          }
        }
        if (!(f == expected_f).all() || !(g == expected_g).all()) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace mulab
