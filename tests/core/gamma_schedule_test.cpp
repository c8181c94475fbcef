// The hybrid rule's gamma schedule (optim/gamma_schedule.hpp): the formula,
// the BP trainer following it epoch by epoch, and its validation.
#include "train/run_options.hpp"
#include "optim/gamma_schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_data.hpp"
#include "train/bp_trainer.hpp"
#include "train/run.hpp"

namespace mulab {
namespace {

const Dataset& smallTrain() {
  static const Dataset d = testing_data::digitLikeDataset(400, 3, 10);
  return d;
}

void trainEpoch(BpTrainer& t, int epoch) {
  t.beginEpoch(epoch);
  for (long i = 0; i < t.stepsPerEpoch(); ++i) t.step(i);
}

TEST(GammaSchedule, OneUntilThePatienceThenPowersOfGammaZero) {
  EXPECT_EQ(scheduledGamma(0.5, 2, 0), 1.0);
  EXPECT_EQ(scheduledGamma(0.5, 2, 1), 1.0);
  EXPECT_EQ(scheduledGamma(0.5, 2, 2), 0.5);
  EXPECT_EQ(scheduledGamma(0.5, 2, 3), 0.25);
  EXPECT_EQ(scheduledGamma(0.5, 2, 5), 0.0625);
  EXPECT_DOUBLE_EQ(scheduledGamma(0.9, 0, 0), 0.9);
  EXPECT_DOUBLE_EQ(scheduledGamma(0.9, 0, 9), std::pow(0.9, 10));
  // No schedule: gamma_0 throughout.
  EXPECT_EQ(scheduledGamma(0.3, -1, 0), 0.3);
  EXPECT_EQ(scheduledGamma(0.3, -1, 50), 0.3);
}

TEST(GammaSchedule, TheBpTrainerSetsGammaEachEpoch) {
  BpConfig c;
  c.sizes = {100, 16, 10};
  c.batch = 100;
  c.optimizer.rule = UpdateRule::kHybrid;
  c.optimizer.gamma = 0.5;
  c.schedule.patience = 1;
  BpTrainer t(c, smallTrain());
  const double expected[] = {1.0, 0.5, 0.25, 0.125};
  for (int e = 0; e < 4; ++e) {
    trainEpoch(t, e);
    EXPECT_EQ(t.gamma(), expected[e]) << "epoch " << e;
  }
  // Without a patience the configured gamma stays.
  c.schedule.patience = -1;
  BpTrainer fixed(c, smallTrain());
  for (int e = 0; e < 3; ++e) trainEpoch(fixed, e);
  EXPECT_EQ(fixed.gamma(), 0.5);
}

// gamma = 1 makes the hybrid step exactly the multiplicative one, so during
// the patience a scheduled run is the multiplicative run bit for bit; after
// it, gamma_0 = 0 makes it exactly additive from the multiplicative weights.
TEST(GammaSchedule, DuringThePatienceTheRunIsExactlyMultiplicative) {
  BpConfig mult;
  mult.sizes = {100, 16, 10};
  mult.batch = 100;
  mult.optimizer.rule = UpdateRule::kMultiplicative;
  mult.optimizer.lr_out = 0.05;
  BpConfig sched = mult;
  sched.optimizer.rule = UpdateRule::kHybrid;
  sched.optimizer.gamma = 0.0;
  sched.schedule.patience = 2;
  BpTrainer a(mult, smallTrain()), b(sched, smallTrain());
  for (int e = 0; e < 2; ++e) {
    trainEpoch(a, e);
    trainEpoch(b, e);
  }
  EXPECT_EQ(a.firstLayerWeights(), b.firstLayerWeights());
  trainEpoch(a, 2);
  trainEpoch(b, 2);
  EXPECT_EQ(b.gamma(), 0.0);
  EXPECT_NE(a.firstLayerWeights(), b.firstLayerWeights());
}

TEST(GammaSchedule, ValidationNamesTheOption) {
  RunConfig c;
  c.optimizer.rule = UpdateRule::kHybrid;
  c.gamma_patience = 3;
  EXPECT_FALSE(validate(c).has_value());
  c.optimizer.rule = UpdateRule::kAdditive;
  ASSERT_TRUE(validate(c).has_value());
  EXPECT_EQ(*validate(c), "gamma_patience: the gamma schedule needs rule hybrid");
  c.optimizer.rule = UpdateRule::kHybrid;
  c.method = Method::kAltMin;
  ASSERT_TRUE(validate(c).has_value());
  EXPECT_EQ(*validate(c), "gamma_patience: the gamma schedule applies to bp and fa");
  c.method = Method::kBp;
  c.gamma_patience = 10001;
  ASSERT_TRUE(validate(c).has_value());
  EXPECT_EQ(*validate(c), "gamma_patience: must lie in 0..10000 (or off), got 10001");
}

}  // namespace
}  // namespace mulab
