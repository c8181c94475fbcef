// GOFAU optimizer: hand-computed steps, multiplicative properties, hybrid
// limits, and the same template stepping a weight matrix.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "optim/optimizer_options.hpp"
#include "optim/gofau_optimizer.hpp"

namespace mulab {
namespace {

struct Expected {
  const char* base;
  const char* rule;
  double one[2];
  double three[2];
};

// Produced by tests/tools/gofau_reference.py (an independent scalar
// implementation of docs/algorithms.md, §1) for the fixed gradients below.
const Expected kExpected[] = {
    {"sgd", "additive", {0.46999999999999997, -1.1199999999999999}, {0.40999999999999998, -1.1899999999999999}},
    {"sgd", "multiplicative", {0.47314752165009821, -1.0893997734712233}, {0.43976928315463226, -1.2169118173633813}},
    {"sgd", "hybrid", {0.47094425649502947, -1.110819932041367}, {0.41896431133889456, -1.198549634998924}},
    {"momentum", "additive", {0.46999999999999997, -1.1199999999999999}, {0.36769999999999997, -1.0981999999999998}},
    {"momentum", "multiplicative", {0.47314752165009821, -1.0893997734712233}, {0.41480959751539653, -1.0447550900246121}},
    {"momentum", "hybrid", {0.47094425649502947, -1.110819932041367}, {0.38194539163322211, -1.0819051928620134}},
    {"nesterov", "additive", {0.443, -1.048}, {0.29092999999999997, -1.0983800000000001}},
    {"nesterov", "multiplicative", {0.45927929531171569, -1.0805479086848406}, {0.40924181109522756, -1.1825077537255999}},
    {"nesterov", "hybrid", {0.44788378859351469, -1.0577643726054522}, {0.32680790351166167, -1.1227569418243757}},
    {"adagrad", "additive", {0.40000000333333319, -1.10000000125}, {0.34049054243488097, -1.173738928368075}},
    {"adagrad", "multiplicative", {0.45179862123171188, -1.0843166906028545}, {0.43180717288383907, -1.2154134597708133}},
    {"adagrad", "hybrid", {0.4155395887028468, -1.0952950080558563}, {0.36820016411595152, -1.1863670206717107}},
    {"rmsprop", "additive", {-0.49999966666677731, -0.20000012499998465}, {-1.0951255091553849, -0.94102525853389618}},
    {"rmsprop", "multiplicative", {0.45000000000000001, -1.0800000000000001}, {0.44549975443984258, -1.3067446486257226}},
    {"rmsprop", "hybrid", {-0.21499976666674414, -0.46400008749998922}, {-0.6255522758630423, -1.022133613275322}},
    {"adam", "additive", {0.40000000333333319, -1.10000000125}, {0.28902575033909889, -1.0827731155923408}},
    {"adam", "multiplicative", {0.45179862123171188, -1.0843166906028545}, {0.38427279727371944, -1.0483913867312817}},
    {"adam", "hybrid", {0.4155395887028468, -1.0952950080558563}, {0.31945758944624258, -1.0723505474908774}},
};

const Vec2 kGrads[] = {Vec2(0.3, -0.8), Vec2(-0.1, 0.5), Vec2(0.7, 0.2)};

OptimizerConfig referenceConfig(const char* base, const char* rule) {
  OptimizerConfig c;
  c.base = parseBaseOptimizer(base).value();
  c.rule = parseUpdateRule(rule).value();
  c.lr = 0.1;
  c.lr_in = 2.0;
  c.lr_out = 0.1;
  c.gamma = 0.3;
  return c;
}

TEST(GofauOptimizer, MatchesHandComputedStepsForEveryBaseAndRule) {
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(std::string(e.base) + " + " + e.rule);
    Optimizer2d opt(referenceConfig(e.base, e.rule));
    Vec2 theta(0.5, -1.2);
    opt.step(theta, kGrads[0]);
    EXPECT_NEAR(theta.x(), e.one[0], 1e-14);
    EXPECT_NEAR(theta.y(), e.one[1], 1e-14);
    opt.step(theta, kGrads[1]);
    opt.step(theta, kGrads[2]);
    EXPECT_NEAR(theta.x(), e.three[0], 1e-14);
    EXPECT_NEAR(theta.y(), e.three[1], 1e-14);
    EXPECT_EQ(opt.steps(), 3);
  }
}

TEST(GofauOptimizer, AdditiveSgdStepIsExactlyLrTimesGradient) {
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 0.25;
  Optimizer2d opt(c);
  Vec2 theta(1.0, -2.0);
  opt.step(theta, Vec2(2.0, 4.0));
  EXPECT_EQ(theta.x(), 0.5);
  EXPECT_EQ(theta.y(), -3.0);
}

TEST(GofauOptimizer, ResetForgetsMomentum) {
  OptimizerConfig c = referenceConfig("momentum", "additive");
  Optimizer2d a(c), b(c);
  Vec2 ta(0.5, -1.2), tb(0.5, -1.2);
  a.step(ta, kGrads[0]);
  a.step(ta, kGrads[1]);
  a.reset();
  ta = Vec2(0.5, -1.2);
  a.step(ta, kGrads[2]);
  b.step(tb, kGrads[2]);
  EXPECT_EQ(ta.x(), tb.x());
  EXPECT_EQ(ta.y(), tb.y());
}

class MultiplicativeProperties : public ::testing::TestWithParam<BaseOptimizer> {};

TEST_P(MultiplicativeProperties, NeverFlipsSignAndStepIsBoundedEvenForHugeGradients) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> pos(-3, 3);
  std::uniform_real_distribution<double> expo(-6, 300);
  std::bernoulli_distribution sign(0.5);
  OptimizerConfig c;
  c.base = GetParam();
  c.rule = UpdateRule::kMultiplicative;
  c.lr_out = 0.5;  // large but < 1
  c.lr_in = 5.0;
  Optimizer2d opt(c);
  Vec2 theta(pos(rng), pos(rng));
  for (int step = 0; step < 1000; ++step) {
    Vec2 g;
    for (int i = 0; i < 2; ++i) g[i] = (sign(rng) ? 1 : -1) * std::pow(10.0, expo(rng) / 10);
    if (step % 97 == 0) g = Vec2(1e300, -1e300);
    const Vec2 before = theta;
    opt.step(theta, g);
    ASSERT_TRUE(theta.allFinite()) << "step " << step;
    for (int i = 0; i < 2; ++i) {
      ASSERT_LE(std::abs(theta[i] - before[i]), c.lr_out * std::abs(before[i]) * (1 + 1e-15))
          << "step " << step;
      ASSERT_EQ(std::signbit(theta[i]), std::signbit(before[i])) << "step " << step;
      ASSERT_NE(theta[i], 0.0) << "a non-zero coordinate cannot reach 0 with lr_out < 1";
    }
  }
}

TEST_P(MultiplicativeProperties, ZeroStaysZero) {
  OptimizerConfig c;
  c.base = GetParam();
  c.rule = UpdateRule::kMultiplicative;
  Optimizer2d opt(c);
  Vec2 theta(0.0, 1.0);
  for (int step = 0; step < 100; ++step) opt.step(theta, Vec2(1e6, 3.0));
  EXPECT_EQ(theta.x(), 0.0);
  EXPECT_LT(theta.y(), 1.0);
}

TEST_P(MultiplicativeProperties, HybridGammaZeroIsAdditiveAndOneIsMultiplicativeBitForBit) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> n(0, 1);
  for (auto [gamma, pure] : {std::pair{0.0, UpdateRule::kAdditive},
                             std::pair{1.0, UpdateRule::kMultiplicative}}) {
    OptimizerConfig hc = referenceConfig("sgd", "hybrid");
    hc.base = GetParam();
    hc.gamma = gamma;
    OptimizerConfig pc = hc;
    pc.rule = pure;
    Optimizer2d hybrid(hc), reference(pc);
    Vec2 th(1.3, -0.4), tp = th;
    for (int step = 0; step < 200; ++step) {
      const Vec2 g(n(rng) * 10, n(rng));
      hybrid.step(th, g);
      reference.step(tp, g);
      ASSERT_EQ(th.x(), tp.x()) << "gamma " << gamma << " step " << step;
      ASSERT_EQ(th.y(), tp.y()) << "gamma " << gamma << " step " << step;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllBases, MultiplicativeProperties,
                         ::testing::Values(BaseOptimizer::kSgd, BaseOptimizer::kMomentum,
                                           BaseOptimizer::kNesterov, BaseOptimizer::kAdagrad,
                                           BaseOptimizer::kRmsProp, BaseOptimizer::kAdam),
                         [](const auto& info) { return std::string(toString(info.param)); });

TEST(GofauOptimizer, OnlyTheAdditiveShareCrossesZero) {
  OptimizerConfig c;
  c.base = BaseOptimizer::kSgd;
  c.lr = 1.0;
  c.lr_out = 0.5;
  Vec2 g(5.0, 5.0);
  for (auto rule : {UpdateRule::kAdditive, UpdateRule::kHybrid}) {
    c.rule = rule;
    Optimizer2d opt(c);
    Vec2 theta(1.0, 1.0);
    opt.step(theta, g);
    EXPECT_LT(theta.x(), 0.0) << toString(rule);
  }
}

TEST(GofauOptimizer, SameTemplateStepsAWeightMatrixLikeIndependentScalars) {
  // A 3x4 float matrix stepped at once must match 12 independent 1-element runs.
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(std::string(e.base) + " + " + e.rule);
    OptimizerConfig c = referenceConfig(e.base, e.rule);
    Eigen::MatrixXf w(3, 4), g(3, 4);
    for (int i = 0; i < 12; ++i) w(i) = -1.5f + 0.3f * i;
    OptimizerXf opt(c);
    using Scalar1 = GofauOptimizer<Eigen::Array<float, 1, 1>>;
    std::vector<Scalar1> singles(12, Scalar1(c));
    Eigen::MatrixXf w_single = w;
    for (int step = 0; step < 5; ++step) {
      for (int i = 0; i < 12; ++i) g(i) = std::sin(0.7f * i + 1.3f * step);
      opt.step(w, g);
      for (int i = 0; i < 12; ++i) {
        Eigen::Array<float, 1, 1> th, gi;
        th << w_single(i);
        gi << g(i);
        singles[i].step(th, gi);
        w_single(i) = th(0);
      }
    }
    for (int i = 0; i < 12; ++i) EXPECT_FLOAT_EQ(w(i), w_single(i)) << "element " << i;
  }
}

TEST(OptimizerConfig, ParsesNamesAndRejectsUnknownOnesListingTheChoices) {
  EXPECT_EQ(parseBaseOptimizer("RMSProp").value(), BaseOptimizer::kRmsProp);
  EXPECT_EQ(parseUpdateRule("hybrid").value(), UpdateRule::kHybrid);
  auto bad = parseBaseOptimizer("adamw");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("adamw"), std::string::npos);
  EXPECT_NE(bad.error().find("sgd, momentum, nesterov, adagrad, rmsprop, adam"), std::string::npos);
}

TEST(OptimizerConfig, ValidationNamesTheOffendingField) {
  OptimizerConfig c;
  EXPECT_FALSE(validate(c).has_value());
  c.gamma = 1.5;
  EXPECT_EQ(validate(c).value(), "gamma: must lie in [0, 1], got 1.5");
  c = {};
  c.lr = -0.1;
  EXPECT_EQ(validate(c).value(), "lr: must not be negative, got -0.1");
  c = {};
  c.beta2 = 1.0;
  EXPECT_EQ(validate(c).value(), "beta2: must lie in [0, 1), got 1");
  c = {};
  c.lr_out = std::nan("");
  EXPECT_EQ(validate(c).value(), "lr_out: must be a finite number");
}

}  // namespace
}  // namespace mulab

namespace mulab {
namespace {

TEST(GofauTanh, DoubleMatchesStdTanhWithinAFewUlp) {
  Eigen::ArrayXd x(20001);
  for (int i = 0; i < x.size(); ++i) x[i] = -25.0 + 50.0 * i / (x.size() - 1);
  Eigen::ArrayXd extra(10);
  extra << 0.0, -0.0, 1e-300, -1e-12, 0.6249999, 0.625, 700, -800,
      std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity();
  for (const Eigen::ArrayXd& xs : {x, extra}) {
    const Eigen::ArrayXd t = gofauTanh(xs);
    for (int i = 0; i < xs.size(); ++i) {
      const double ref = std::tanh(xs[i]);
      EXPECT_NEAR(t[i], ref, 4 * std::numeric_limits<double>::epsilon() * std::abs(ref))
          << "x = " << xs[i];
    }
  }
  EXPECT_TRUE(std::isnan(gofauTanh(Eigen::Array2d(std::nan(""), 0.0))[0]));
}

}  // namespace
}  // namespace mulab
