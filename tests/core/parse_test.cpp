#include <gtest/gtest.h>

#include <cmath>

#include "util/parse.hpp"

namespace mulab {
namespace {

TEST(Parse, FiniteDoubleAcceptsNumbersAndRejectsEverythingElse) {
  EXPECT_EQ(parseFiniteDouble("1e-3", "--lr").value(), 1e-3);
  EXPECT_EQ(parseFiniteDouble(" -2.5 ", "--lr").value(), -2.5);
  for (const char* bad : {"", "abc", "1e", "0.1x", "nan", "inf", "-inf", "1e999"}) {
    auto r = parseFiniteDouble(bad, "--lr");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().rfind("--lr: ", 0), 0u) << r.error();
  }
}

TEST(Parse, CountRejectsNegativeAndFractions) {
  EXPECT_EQ(parseCount("42", "--steps").value(), 42);
  EXPECT_FALSE(parseCount("-1", "--steps").ok());
  EXPECT_FALSE(parseCount("1.5", "--steps").ok());
  EXPECT_FALSE(parseCount("99999999999999999999999", "--steps").ok());
}

TEST(Parse, PointNeedsExactlyTwoFiniteNumbers) {
  auto p = parsePoint("-2,2.5", "--start").value();
  EXPECT_EQ(p.first, -2);
  EXPECT_EQ(p.second, 2.5);
  EXPECT_FALSE(parsePoint("1", "--start").ok());
  EXPECT_FALSE(parsePoint("1,2,3", "--start").ok());
  EXPECT_FALSE(parsePoint("nan,1", "--start").ok());
  EXPECT_FALSE(parsePoint("1,inf", "--start").ok());
}

TEST(Parse, DurationsReadAsMinutesOrHours) {
  EXPECT_EQ(formatDuration(245.4), "4m05s");
  EXPECT_EQ(formatDuration(7980), "2h13m");
  EXPECT_EQ(formatDuration(NAN), "?");
}

TEST(Parse, SplitListTrimsAndDropsEmptyParts) {
  EXPECT_EQ(splitList(" a, b,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(splitList("").empty());
}

}  // namespace
}  // namespace mulab
