// Networks and trainers on small generated problems: gradients against finite
// differences, loss going down for every method and rule, ER's reflection.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <cmath>
#include <filesystem>
#include <random>

#include "test_data.hpp"
#include "train/altmin_trainer.hpp"
#include "train/bp_trainer.hpp"
#include "train/evaluation.hpp"
#include "train/dtp_trainer.hpp"
#include "train/er_gram.hpp"
#include "train/er_reflection.hpp"
#include "train/er_trainer.hpp"
#include "train/run.hpp"

namespace mulab {
namespace {

using testing_data::digitLikeDataset;

// A 10-side image set is 100 inputs: small enough for fast tests.
const Dataset& smallTrain() {
  static const Dataset d = digitLikeDataset(1000, 3, 10);
  return d;
}
const Dataset& smallTest() {
  static const Dataset d = digitLikeDataset(500, 4, 10);
  return d;
}

double meanLoss(const Mlp& net, const Matrix& X, std::span<const uint8_t> y) {
  Matrix probs;
  long correct;
  return softmaxCrossEntropy(net.logits(X), y, probs, correct) / double(X.cols());
}

class GradientCheck : public ::testing::TestWithParam<std::pair<Activation, bool>> {};

TEST_P(GradientCheck, BackpropMatchesCentralDifferences) {
  const auto [act, fa] = GetParam();
  BpConfig c;
  c.sizes = {100, 7, 6, 10};
  c.activation = act;
  c.feedback_alignment = fa;
  BpTrainer trainer(c, smallTrain());
  // Finite differences are meaningless across a ReLU kink: use samples whose
  // hidden pre-activations all stay at least 1e-2 away from zero.
  Matrix X(100, 16);
  std::vector<uint8_t> labels;
  {
    Mlp::Cache cache;
    trainer.net().forward(smallTrain().images.leftCols(400), cache);
    for (long j = 0; j < 400 && labels.size() < 16; ++j) {
      bool clear = true;
      for (size_t l = 1; l + 1 < cache.h.size(); ++l) clear &= cache.h[l].col(j).cwiseAbs().minCoeff() > 1e-2f;
      if (!clear) continue;
      X.col(labels.size()) = smallTrain().images.col(j);
      labels.push_back(smallTrain().labels[j]);
    }
    ASSERT_EQ(labels.size(), 16u);
  }
  const std::span<const uint8_t> y(labels);
  std::vector<Matrix> dW;
  std::vector<Vector> db;
  trainer.lossAndGradients(X, y, dW, db);
  Mlp& net = trainer.net();
  const float h = 2e-3f;  // small enough to rarely straddle a ReLU kink
  int checked = 0, skipped = 0;
  for (size_t l = 0; l < net.layers().size(); ++l) {
    // FA's gradients differ from the true ones below the top layer by design.
    if (fa && l + 1 < net.layers().size()) continue;
    // Central differences at h and h/4 must agree, or the loss is not smooth
    // there (a ReLU kink within reach): such entries are skipped, and counted.
    auto check = [&](float& param, float analytic, const char* what) {
      const float keep = param;
      auto fdAt = [&](float step) {
        param = keep + step;
        const double up = meanLoss(net, X, y);
        param = keep - step;
        const double down = meanLoss(net, X, y);
        param = keep;
        return (up - down) / (2 * step);
      };
      const double fd = fdAt(h), fd_small = fdAt(h / 4);
      const double tol = 1e-3 + 2e-2 * std::abs(fd);
      if (std::abs(fd - fd_small) > tol) {
        ++skipped;
        return;
      }
      EXPECT_NEAR(analytic, fd, tol) << what << " layer " << l;
      ++checked;
    };
    Matrix& W = net.layers()[l].W;
    for (Eigen::Index i = 0; i < W.size(); i += 5) check(W.data()[i], dW[l].data()[i], "W");
    Vector& b = net.layers()[l].b;
    for (Eigen::Index i = 0; i < b.size(); ++i) check(b[i], db[l][i], "b");
  }
  EXPECT_GT(checked, 10);
  EXPECT_LE(skipped, checked / 10);
}

INSTANTIATE_TEST_SUITE_P(Activations, GradientCheck,
                         ::testing::Values(std::pair{Activation::kTanh, false},
                                           std::pair{Activation::kSigmoid, false},
                                           std::pair{Activation::kRelu, false},
                                           std::pair{Activation::kTanh, true}));

double trainEpochs(Trainer& t, int epochs, double* first_loss = nullptr) {
  double last = 0;
  for (int e = 0; e < epochs; ++e) {
    t.beginEpoch(e);
    double loss = 0;
    long n = 0;
    for (long i = 0; i < t.stepsPerEpoch(); ++i) {
      const StepStats s = t.step(i);
      loss += s.loss_sum;
      n += s.samples;
    }
    last = n ? loss / n : 0;
    if (e == 0 && first_loss) *first_loss = last;
  }
  return last;
}

class BpRules : public ::testing::TestWithParam<UpdateRule> {};

TEST_P(BpRules, EveryRuleLowersTheLossAndLearns) {
  BpConfig c;
  c.sizes = {100, 32, 10};
  c.batch = 50;
  c.optimizer.rule = GetParam();
  c.optimizer.lr = 3e-3;
  c.optimizer.lr_out = 3e-2;
  BpTrainer t(c, smallTrain());
  const double before = meanLoss(t.net(), smallTrain().images, smallTrain().labels);
  trainEpochs(t, 8);
  const double after = meanLoss(t.net(), smallTrain().images, smallTrain().labels);
  EXPECT_LT(after, 0.3 * before) << toString(GetParam());
  EXPECT_GT(accuracy(t, smallTest()), 0.9) << toString(GetParam());
  EXPECT_EQ(t.weightUpdates(), 8 * 20);
}

INSTANTIATE_TEST_SUITE_P(AllRules, BpRules,
                         ::testing::Values(UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                                           UpdateRule::kHybrid),
                         [](const auto& i) { return std::string(toString(i.param)); });

TEST(BpTrainer, SameSeedSameWeights) {
  BpConfig c;
  c.sizes = {100, 16, 10};
  BpTrainer a(c, smallTrain()), b(c, smallTrain());
  trainEpochs(a, 1);
  trainEpochs(b, 1);
  EXPECT_EQ(a.firstLayerWeights(), b.firstLayerWeights());
  c.seed = 2;
  BpTrainer other(c, smallTrain());
  trainEpochs(other, 1);
  EXPECT_NE(a.firstLayerWeights(), other.firstLayerWeights());
}

TEST(BpTrainer, BiasesStartNonZeroSoTheMultiplicativeRuleCanMoveThem) {
  Mlp net({100, 16, 10}, Activation::kRelu, 1);
  for (const auto& layer : net.layers()) {
    EXPECT_GT(layer.b.cwiseAbs().minCoeff(), 0.0f);
    EXPECT_LE(layer.b.cwiseAbs().maxCoeff(), 1.0f / std::sqrt(float(layer.W.cols())));
  }
}

TEST(Evaluate, ConfusionAndMisclassifiedAgreeWithThePredictions) {
  BpConfig c;
  c.sizes = {100, 16, 10};
  BpTrainer untrained(c, smallTrain());  // mostly wrong: plenty of misclassified digits
  const Evaluation e = evaluate(untrained, smallTest(), 3);
  const std::vector<int> pred = argmaxColumns(untrained.scores(smallTest().images));
  long correct = 0;
  std::array<std::array<long, 10>, 10> confusion{};
  for (long j = 0; j < smallTest().size(); ++j) {
    ++confusion[smallTest().labels[j]][pred[j]];
    correct += pred[j] == smallTest().labels[j];
  }
  EXPECT_EQ(e.confusion, confusion);
  EXPECT_DOUBLE_EQ(e.accuracy, double(correct) / double(smallTest().size()));
  // Every (true, predicted) pair keeps min(3, its count) examples, in data order.
  size_t expected = 0;
  for (int t = 0; t < 10; ++t) {
    for (int p = 0; p < 10; ++p) expected += t == p ? 0 : std::min(3L, confusion[t][p]);
  }
  ASSERT_EQ(e.misclassified.size(), expected);
  ASSERT_GT(expected, 10u);
  const Matrix scores = untrained.scores(smallTest().images);
  for (const Misclassified& m : e.misclassified) {
    EXPECT_EQ(m.predicted, pred[m.index]);
    EXPECT_EQ(m.truth, smallTest().labels[m.index]);
    EXPECT_NE(m.predicted, m.truth);
    // Confidence is the softmax probability of the predicted class.
    const auto col = scores.col(m.index).array().cast<double>();
    const double softmax = std::exp(col(m.predicted) - col.maxCoeff()) / (col - col.maxCoeff()).exp().sum();
    EXPECT_NEAR(m.confidence, softmax, 1e-5);
    EXPECT_GE(m.confidence, 0.1f);  // the largest of ten probabilities
  }
  EXPECT_DOUBLE_EQ(accuracy(untrained, smallTest()), e.accuracy);
}

TEST(FeedbackAlignment, LowersTheLoss) {
  BpConfig c;
  c.sizes = {100, 32, 10};
  c.batch = 50;
  c.feedback_alignment = true;
  c.optimizer.lr = 3e-3;
  BpTrainer t(c, smallTrain());
  double first = 0;
  const double last = trainEpochs(t, 8, &first);
  EXPECT_LT(last, 0.5 * first);
  EXPECT_GT(accuracy(t, smallTest()), 0.85);
}

TEST(AltMin, LowersTheLossAndLearns) {
  AltMinConfig c;
  c.sizes = {100, 32, 32, 10};
  c.batch = 50;
  AltMinTrainer t(c, smallTrain());
  double first = 0;
  const double last = trainEpochs(t, 6, &first);
  EXPECT_LT(last, 0.5 * first);
  EXPECT_GT(accuracy(t, smallTest()), 0.9);
}

TEST(ExpectationReflection, ReflectionHandlesZeroAndSaturatedFields) {
  Matrix h(1, 6), s(1, 6), target;
  h << 0.0f, -0.0f, 1e-9f, 2.0f, 200.0f, -200.0f;
  s << 1.0f, -1.0f, 1.0f, -1.0f, 1.0f, 1.0f;
  ErTrainer::reflect(h, s, target);
  EXPECT_TRUE(target.allFinite());
  EXPECT_FLOAT_EQ(target(0), 2.0f);   // h = 0: the limit 2s
  EXPECT_FLOAT_EQ(target(1), -2.0f);
  EXPECT_FLOAT_EQ(target(2), 2.0f);
  // Wrong sign: the field is reflected to the other side, scaled by 1/|s_hat|.
  EXPECT_FLOAT_EQ(target(3), -2.0f / std::tanh(1.0f));
  EXPECT_FLOAT_EQ(target(4), 200.0f);   // saturated and right: stays
  EXPECT_FLOAT_EQ(target(5), 200.0f);   // saturated and wrong: reflected
}

TEST(ExpectationReflection, SingleLayerSeparatesALinearlySeparableSetInAFewIterations) {
  ErConfig c;
  c.batch = 300;
  ErTrainer t(c, smallTrain());
  int epochs = 0;
  while (!t.done() && epochs < 10) {
    trainEpochs(t, 1);
    ++epochs;
  }
  EXPECT_GE(accuracy(t, smallTrain()), 0.99);
  EXPECT_GE(accuracy(t, smallTest()), 0.98);
  EXPECT_LE(t.weightUpdates(), 10);
}

TEST(ExpectationReflection, MultilayerLearnsWithFewSolvesAndKeepsItsBestIterate) {
  ErConfig c;
  c.hidden = {64};
  c.batch = 250;
  ErTrainer t(c, smallTrain());
  trainEpochs(t, 1);
  EXPECT_EQ(t.weightUpdates(), 3);  // top, hidden, then top again on the refreshed hidden layer
  EXPECT_GE(accuracy(t, smallTest()), 0.95);
  // Run to its stop rule: an iteration that raises the cost is undone, so the
  // result is never worse than the best iterate.
  for (int e = 1; e < 10 && !t.done(); ++e) trainEpochs(t, 1);
  EXPECT_TRUE(t.done());
  EXPECT_GE(accuracy(t, smallTest()), 0.95);
  EXPECT_TRUE(t.firstLayerWeights().allFinite());
}

TEST(ExpectationReflection, IncrementalMiniBatchVariantCountsEveryLayerSolve) {
  ErConfig c;
  c.hidden = {64};
  c.batch = 250;
  c.incremental = true;
  ErTrainer t(c, smallTrain());
  EXPECT_EQ(t.stepsPerEpoch(), 4);
  trainEpochs(t, 2);
  EXPECT_EQ(t.weightUpdates(), 2 * 4 * 2);  // epochs x chunks x layers
  EXPECT_GE(accuracy(t, smallTest()), 0.95);
}


TEST(ExpectationReflection, SoftmaxReflectionMatchesTheGroupsFormulaByHand) {
  // Two classes, h = (0, ln 3): p = (1/4, 3/4). Class 0 with s = -1:
  // hh = -ln 3, tanh(hh/2) = -1/2, h* = ln(3/4) - 2 ln 3. Class 1 with s = +1:
  // hh = ln 3, h* = ln(1/4) + 2 ln 3.
  Matrix h(2, 1), s(2, 1), target;
  h << 0.0f, std::log(3.0f);
  s << -1.0f, 1.0f;
  reflectSoftmax(h, s, target);
  EXPECT_NEAR(target(0), std::log(0.75) - 2 * std::log(3.0), 1e-5);
  EXPECT_NEAR(target(1), std::log(0.25) + 2 * std::log(3.0), 1e-5);
  // Uniform p: hh = 0, where hh / tanh(hh/2) -> 2.
  Matrix flat = Matrix::Zero(2, 1), t2;
  reflectSoftmax(flat, s, t2);
  EXPECT_NEAR(t2(0), std::log(0.5) - 2.0, 1e-6);
  EXPECT_NEAR(t2(1), std::log(0.5) + 2.0, 1e-6);
}

TEST(ExpectationReflection, BlockedSyrkEqualsTheFullProduct) {
  const Matrix A = Matrix::Random(10, 7), B = Matrix::Random(10, 5);
  Eigen::MatrixXf G = Eigen::MatrixXf::Zero(10, 10);
  symmetricRankUpdate(G, A, /*block=*/3);
  symmetricRankUpdate(G, B, /*block=*/3);
  const Eigen::MatrixXf full = A * A.transpose() + B * B.transpose();
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j <= i; ++j) EXPECT_NEAR(G(i, j), full(i, j), 1e-5) << i << "," << j;
  }
}

TEST(ExpectationReflection, CentredRidgeEqualsAnExplicitSolveAndTheAugmentedOne) {
  std::mt19937_64 rng(5);
  std::normal_distribution<float> n01;
  Matrix A(5, 40), T(2, 40);
  for (Eigen::Index i = 0; i < A.size(); ++i) A.data()[i] = 3.0f + n01(rng);  // far from centred
  for (Eigen::Index i = 0; i < T.size(); ++i) T.data()[i] = n01(rng);
  const double lambda = 0.8;
  // The group's formula, written out: w = (Cov(a) + lambda/(2n) I)^-1 Cov(a, t).
  const Eigen::MatrixXd a = A.cast<double>(), t = T.cast<double>();
  const Eigen::VectorXd ma = a.rowwise().mean(), mt = t.rowwise().mean();
  const Eigen::MatrixXd ac = a.colwise() - ma, tc = t.colwise() - mt;
  const double n = 40;
  Eigen::MatrixXd cov = ac * ac.transpose() / n;
  cov.diagonal().array() += lambda / (2 * n);
  const Eigen::MatrixXd w = cov.ldlt().solve(ac * tc.transpose() / n);  // 5 x 2
  const Eigen::VectorXd b = mt - w.transpose() * ma;
  RidgeStatistics st;
  st.reset(5, 2);
  for (int c = 0; c < 4; ++c) st.add(A.middleCols(10 * c, 10), T.middleCols(10 * c, 10));
  const DenseLayer centred = st.solve(lambda, RidgeForm::kCentred);
  EXPECT_LT((centred.W.cast<double>() - w.transpose()).cwiseAbs().maxCoeff(), 1e-4);
  EXPECT_LT((centred.b.cast<double>() - b).cwiseAbs().maxCoeff(), 1e-4);
  // Ridge with a free bias is ridge on centred data: the augmented system
  // with lambda/2 gives the same layer.
  const DenseLayer augmented = st.solve(lambda / 2, RidgeForm::kAugmented);
  EXPECT_LT((augmented.W - centred.W).cwiseAbs().maxCoeff(), 1e-3);
  EXPECT_LT((augmented.b - centred.b).cwiseAbs().maxCoeff(), 1e-3);
}

TEST(ExpectationReflection, HiddenTargetsThroughThePseudoInverseWithBothInverses) {
  Matrix W(1, 2), h(2, 1), above_h(1, 1), above_target(1, 1);
  W << 2.0f, 0.0f;
  h << 0.5f, -0.3f;
  const Matrix a = h.array().tanh();
  above_h << 1.0f;
  above_target << 1.4f;
  HiddenTargetRule rule;
  rule.pinv_damping = 0;
  // W+ = W^T / 4, so a* = a + (0.2, 0); the second unit keeps its field.
  rule.inverse = ErHiddenInverse::kAtanh;
  const Matrix at = hiddenTarget(rule, W, h, a, above_h, above_target);
  EXPECT_NEAR(at(0), std::atanh(std::tanh(0.5) + 0.2), 1e-5);
  EXPECT_NEAR(at(1), -0.3, 1e-5);
  rule.inverse = ErHiddenInverse::kSecant;
  const Matrix sec = hiddenTarget(rule, W, h, a, above_h, above_target);
  EXPECT_NEAR(sec(0), 0.5 * (std::tanh(0.5) + 0.2) / std::tanh(0.5), 1e-5);
  EXPECT_NEAR(sec(1), -0.3, 1e-5);
  // A damped step moves a* by alpha of the way.
  rule.step = 0.5;
  const Matrix half = hiddenTarget(rule, W, h, a, above_h, above_target);
  EXPECT_NEAR(half(0), 0.5 * (std::tanh(0.5) + 0.1) / std::tanh(0.5), 1e-5);
}

TEST(ExpectationReflection, RandomFeatureBaselineSolvesOnlyTheReadout) {
  ErConfig c;
  c.hidden = {64};
  c.batch = 250;
  c.hidden_update = ErHiddenUpdate::kNone;
  c.input = ErInputScaling::kGlobal;
  ErTrainer t(c, smallTrain());
  const Matrix before = t.firstLayerWeights();
  trainEpochs(t, 1);
  EXPECT_EQ(t.weightUpdates(), 1);
  EXPECT_EQ(t.firstLayerWeights(), before);
  EXPECT_GE(accuracy(t, smallTest()), 0.9);
}

TEST(ExpectationReflection, SoftmaxCentredVariantLearnsAndStopsByItsRule) {
  ErConfig c;
  c.hidden = {64};
  c.batch = 250;
  c.output = ErOutputReflection::kSoftmax;
  c.ridge_form = RidgeForm::kCentred;
  c.input = ErInputScaling::kGlobal;
  c.init_scale = 0.5;
  c.hidden_rule.step = 0.1;
  ErTrainer t(c, smallTrain());
  for (int e = 0; e < 10 && !t.done(); ++e) trainEpochs(t, 1);
  EXPECT_GE(accuracy(t, smallTest()), 0.95);
  EXPECT_TRUE(t.firstLayerWeights().allFinite());
}

TEST(ExpectationReflection, RunSeriesHasATestPointAfterEveryLayerSolve) {
  const auto dir = std::filesystem::temp_directory_path() / "mulab_er_series_test";
  testing_data::writeSyntheticMnist(dir, 1000, 200);
  RunConfig c = defaultRunConfig(Method::kEr);
  c.data_dir = dir.string();
  c.hidden = {32};
  c.epochs = 2;
  c.batch = 250;
  c.er_hidden_update = ErHiddenUpdate::kPinv;  // output, hidden, output per iteration
  TrainingRun run(1, c);
  run.start();
  run.join();
  ASSERT_EQ(run.progress().state, RunState::kFinished) << run.progress().error;
  const auto points = run.metrics().all();
  ASSERT_FALSE(points.empty());
  const long updates = points.back().updates;
  EXPECT_GE(updates, 3);
  for (long u = 1; u <= updates; ++u) {
    const bool has = std::any_of(points.begin(), points.end(), [&](const MetricPoint& p) {
      return p.updates == u && !std::isnan(p.test_acc);
    });
    EXPECT_TRUE(has) << "no test point after solve " << u;
  }
}

TEST(DifferenceTargetPropagation, LearnsFarAboveChance) {
  DtpConfig c;
  c.sizes = {100, 32, 32, 10};
  c.batch = 50;
  c.optimizer.lr = 3e-3;
  DtpTrainer t(c, smallTrain());
  double first = 0;
  const double last = trainEpochs(t, 6, &first);
  EXPECT_LT(last, 0.5 * first);
  EXPECT_GT(accuracy(t, smallTest()), 0.85);  // chance: 0.1
  EXPECT_TRUE(std::isfinite(t.lastInverseLoss()));
}

TEST(DifferenceTargetPropagation, IsDeterministicForASeed) {
  DtpConfig c;
  c.sizes = {100, 16, 16, 10};
  c.batch = 100;
  DtpTrainer a(c, smallTrain()), b(c, smallTrain());
  trainEpochs(a, 1);
  trainEpochs(b, 1);
  EXPECT_EQ(a.firstLayerWeights(), b.firstLayerWeights());
  c.seed = 2;
  DtpTrainer other(c, smallTrain());
  trainEpochs(other, 1);
  EXPECT_NE(a.firstLayerWeights(), other.firstLayerWeights());
}

}  // namespace
}  // namespace mulab
