#include <gtest/gtest.h>

#include "util/nice_ticks.hpp"

namespace mulab {
namespace {

TEST(NiceTicks, StepsAreOneTwoOrFiveTimesAPowerOfTen) {
  Ticks t = niceTicks(-2, 2, 6);
  EXPECT_DOUBLE_EQ(t.step, 0.5);
  ASSERT_EQ(t.values.size(), 9u);
  EXPECT_DOUBLE_EQ(t.values.front(), -2);
  EXPECT_DOUBLE_EQ(t.values[4], 0.0);
  t = niceTicks(0.013, 0.087, 4);
  EXPECT_DOUBLE_EQ(t.step, 0.02);
  EXPECT_NEAR(t.values.front(), 0.02, 1e-15);
  EXPECT_EQ(niceTicks(0, 5000, 5).step, 1000);
  EXPECT_TRUE(niceTicks(1, 1, 5).values.empty());
}

TEST(NiceTicks, LogTicksArePowersOfTenOrOneTwoFiveWithinADecade) {
  EXPECT_EQ(logTicks(1e-3, 2e2), (std::vector<double>{1e-3, 1e-2, 1e-1, 1, 10, 100}));
  EXPECT_EQ(logTicks(1.3, 40), (std::vector<double>{2, 5, 10, 20}));
  EXPECT_EQ(logTicks(0.5, 40), (std::vector<double>{0.5, 1, 2, 5, 10, 20}));
  EXPECT_EQ(logTicks(6.5, 16.1), (std::vector<double>{8, 10, 12, 14, 16}));
  EXPECT_TRUE(logTicks(-1, 10).empty());
}

TEST(NiceTicks, LabelsAreShort) {
  EXPECT_EQ(tickLabel(0.0, 0.5), "0");
  EXPECT_EQ(tickLabel(2.5, 0.5), "2.5");
  EXPECT_EQ(tickLabel(-40, 10), "-40");
  EXPECT_EQ(tickLabel(1e-6, 1e-6), "1e-06");
  EXPECT_EQ(tickLabel(100000, 100000), "1e+05");
}

}  // namespace
}  // namespace mulab
