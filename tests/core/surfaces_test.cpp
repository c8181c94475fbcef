// Surfaces: analytic gradients against central differences, listed minima.
#include <gtest/gtest.h>

#include <random>

#include "surfaces/surface.hpp"

namespace mulab {
namespace {

class EverySurface : public ::testing::TestWithParam<std::string> {};

TEST_P(EverySurface, AnalyticGradientMatchesCentralDifferences) {
  const auto surface = makeSurface(GetParam()).value();
  const Window w = surface->info().window;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> ux(w.xmin, w.xmax), uy(w.ymin, w.ymax);
  for (int i = 0; i < 200; ++i) {
    const Vec2 p(ux(rng), uy(rng));
    const Vec2 g = surface->gradient(p);
    for (int d = 0; d < 2; ++d) {
      // Step scaled to the coordinate; central differences are O(h^2).
      const double h = 1e-6 * std::max(1.0, std::abs(p[d]));
      Vec2 a = p, b = p;
      a[d] += h;
      b[d] -= h;
      const double fd = (surface->value(a) - surface->value(b)) / (2 * h);
      const double scale = std::max({1.0, std::abs(g[d]), std::abs(surface->value(p)) * 1e-3});
      EXPECT_NEAR(g[d], fd, 1e-5 * scale)
          << GetParam() << " d=" << d << " at (" << p.x() << ", " << p.y() << ")";
    }
  }
}

TEST_P(EverySurface, ListedMinimaHaveTheirValueAndZeroGradient) {
  const auto surface = makeSurface(GetParam()).value();
  for (const Minimum& m : surface->info().minima) {
    EXPECT_NEAR(surface->value(m.point), m.value, 1e-12 * std::max(1.0, std::abs(m.value)));
    EXPECT_LT(surface->gradient(m.point).matrix().norm(), 1e-9);
    // A minimum: no nearby point is lower.
    for (double dx : {-1e-3, 0.0, 1e-3}) {
      for (double dy : {-1e-3, 0.0, 1e-3}) {
        EXPECT_GE(surface->value(m.point + Vec2(dx, dy)), m.value - 1e-12);
      }
    }
  }
}

TEST_P(EverySurface, InfoIsComplete) {
  const auto surface = makeSurface(GetParam()).value();
  const SurfaceInfo& info = surface->info();
  EXPECT_EQ(info.name, GetParam());
  EXPECT_FALSE(info.display_name.empty());
  EXPECT_FALSE(info.formula.empty());
  EXPECT_LT(info.window.xmin, info.window.xmax);
  EXPECT_LT(info.window.ymin, info.window.ymax);
  EXPECT_TRUE(info.window.contains(info.standard_start));
  for (const Minimum& m : info.minima) EXPECT_TRUE(info.window.contains(m.point));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EverySurface, ::testing::ValuesIn(surfaceNames()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

TEST(Surfaces, SpecValuesAtKnownPoints) {
  EXPECT_DOUBLE_EQ(makeSurface("rosenbrock").value()->value(Vec2(-2, 2)), 9 + 100 * 4);
  EXPECT_DOUBLE_EQ(makeSurface("booth").value()->value(Vec2(0, 0)), 49 + 25);
  EXPECT_DOUBLE_EQ(makeSurface("quadratic").value()->value(Vec2(1, 2)), 5);
  EXPECT_DOUBLE_EQ(makeSurface("saddle").value()->value(Vec2(1, 2)), -3);
  EXPECT_NEAR(makeSurface("rastrigin").value()->value(Vec2(1, 1)), 2, 1e-12);
  EXPECT_NEAR(makeSurface("styblinski-tang").value()->globalMinimumValue().value(), -78.332, 1e-3);
  EXPECT_NEAR(makeSurface("six-hump-camel").value()->globalMinimumValue().value(), -1.0316, 1e-4);
  EXPECT_FALSE(makeSurface("saddle").value()->globalMinimumValue().has_value());
}

TEST(Surfaces, TwoWellsGlobalMinimumIsTheLeftWell) {
  const auto s = makeSurface("two-wells").value();
  ASSERT_EQ(s->info().minima.size(), 2u);
  const Minimum& g = s->info().minima[0].global ? s->info().minima[0] : s->info().minima[1];
  const Minimum& l = s->info().minima[0].global ? s->info().minima[1] : s->info().minima[0];
  EXPECT_LT(g.point.x(), 0);
  EXPECT_GT(l.point.x(), 0);
  EXPECT_LT(g.value, l.value);
}

TEST(Surfaces, QuadraticBowlConditionAndRotation) {
  SurfaceParams p;
  p.condition = 10;
  p.rotation_deg = 30;
  const auto s = makeSurface("quadratic", p).value();
  const double phi = 30 * M_PI / 180;
  const Vec2 steep(std::cos(phi), std::sin(phi)), shallow(-std::sin(phi), std::cos(phi));
  // Curvature 2 along the rotated first axis, 2/kappa along the second.
  EXPECT_NEAR(s->value(steep), 1.0, 1e-12);
  EXPECT_NEAR(s->value(shallow), 0.1, 1e-12);
  EXPECT_NE(s->info().formula.find("diag(2, 2/10)"), std::string::npos);
  p.condition = 0.5;
  auto bad = makeSurface("quadratic", p);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("condition"), std::string::npos);
}

TEST(Surfaces, UnknownNameListsValidChoices) {
  auto r = makeSurface("rosenbrok");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("'rosenbrok'"), std::string::npos);
  EXPECT_NE(r.error().find("rosenbrock"), std::string::npos);
  EXPECT_NE(r.error().find("two-wells"), std::string::npos);
}

}  // namespace
}  // namespace mulab
