// The explorer's view of a landscape grid (LandscapeSurface), the plane setup
// the GUI shares with the CLI, and the scene's "landscape" field.
#include "landscape/landscape_surface.hpp"

#include <gtest/gtest.h>

#include "landscape/projection.hpp"
#include "scene/scene.hpp"

namespace mulab {
namespace {

// f = 2x - 3y + 1 sampled on a 5 x 5 grid over [-1, 1] x [0, 2]: bilinear
// interpolation of a linear function is exact.
GridSurface linearGrid() {
  GridSurface g;
  g.range = {-1, 1, 0, 2};
  g.nodes = 5;
  for (int j = 0; j < 5; ++j) {
    for (int i = 0; i < 5; ++i) g.loss.push_back(float(2 * g.x(i) - 3 * g.y(j) + 1));
  }
  g.error.assign(25, 0.0f);
  return g;
}

TEST(LandscapeSurface, ReadsNodesAndInterpolatesBilinearly) {
  const LandscapeSurface s(linearGrid(), "test");
  const GridSurface& g = s.grid();
  for (int j = 0; j < 5; ++j) {
    for (int i = 0; i < 5; ++i)
      EXPECT_FLOAT_EQ(float(s.value(Vec2(g.x(i), g.y(j)))), g.lossAt(i, j));
  }
  Vec2 grad;
  EXPECT_NEAR(s.evaluate(Vec2(0.3, 1.1), &grad), 2 * 0.3 - 3 * 1.1 + 1, 1e-6);
  EXPECT_NEAR(grad.x(), 2, 1e-5);
  EXPECT_NEAR(grad.y(), -3, 1e-5);
  // Outside the grid the nearest edge's value continues.
  EXPECT_NEAR(s.value(Vec2(5, 1)), 2 * 1 - 3 * 1 + 1, 1e-6);
  EXPECT_NEAR(s.value(Vec2(-1, -4)), -2 + 1, 1e-6);
  // The batch path agrees with the single one.
  Eigen::Array2Xd pts(2, 2);
  pts << 0.1, -0.7, 0.4, 1.9;
  Eigen::ArrayXd v;
  Eigen::Array2Xd gr;
  s.evaluateBatch(pts, v, gr);
  EXPECT_DOUBLE_EQ(v[1], s.value(Vec2(-0.7, 1.9)));
  // The window the explorer fits to is the grid's range; no minima, so f is shown.
  EXPECT_EQ(s.info().window.xmin, -1);
  EXPECT_EQ(s.info().window.ymax, 2);
  EXPECT_FALSE(s.globalMinimumValue().has_value());
}

std::vector<CheckpointPtr> path(float start, int n) {
  std::vector<CheckpointPtr> out;
  for (int k = 0; k < n; ++k) {
    auto c = std::make_shared<Checkpoint>();
    c->step = 10 * k;
    c->theta = Vector::LinSpaced(30, -1, 1) * start;
    c->theta.head(10).array() += 0.1f * float(k * k);
    c->theta.tail(7).array() -= 0.2f * float(k);
    out.push_back(c);
  }
  return out;
}

TEST(LandscapeSurface, PlaneForPathsRefusesTwoStartsAndFramesThePaths) {
  const NetShape net{{4, 4, 2}, Activation::kRelu};  // 16 + 4 + 8 + 2 parameters
  ASSERT_EQ(net.parameterCount(), 30);
  auto one = planeForPaths(net, {path(1, 6)}, true, 1);
  ASSERT_TRUE(one) << one.error();
  EXPECT_EQ(one->plane->kind, PlaneKind::kPca);
  const GridRange r = one->range;
  for (const CheckpointPtr& c : path(1, 6)) {
    const PlaneCoordinates at = projectOntoPlane(*one->plane, c->theta);
    EXPECT_GT(at.x, r.x0);
    EXPECT_LT(at.x, r.x1);
    EXPECT_GT(at.y, r.y0);
    EXPECT_LT(at.y, r.y1);
  }
  auto two = planeForPaths(net, {path(1, 6), path(2, 6)}, true, 1);
  ASSERT_FALSE(two);
  EXPECT_NE(two.error().find("run 1 starts from another initialisation"), std::string::npos)
      << two.error();
  auto random = planeForPaths(net, {path(1, 6), path(2, 6)}, false, 7);
  ASSERT_TRUE(random) << random.error();
  EXPECT_EQ(random->plane->kind, PlaneKind::kRandom);
  EXPECT_EQ(random->range.x0, -1);
  EXPECT_EQ(random->plane->seed, 7u);
  EXPECT_FALSE(planeForPaths(net, {}, true, 1));
}

TEST(Scene, LandscapeFieldResolvesFoldersAndRoundTrips) {
  auto s =
      parseScene(R"({"landscape": {"checkpoints": ["a/run1", "/abs/run2"], "directions": "random",
                          "grid": 21, "samples": 500, "seed": 3}})",
                 "/base/scene.json");
  ASSERT_TRUE(s) << s.error();
  ASSERT_TRUE(s->landscape);
  EXPECT_EQ(s->landscape->checkpoints, (std::vector<std::string>{"/base/a/run1", "/abs/run2"}));
  EXPECT_FALSE(s->landscape->pca);
  EXPECT_EQ(s->landscape->grid, 21);
  EXPECT_EQ(s->landscape->samples, 500);
  EXPECT_EQ(s->landscape->seed, 3u);
  auto back = parseScene(sceneToJson(*s), "/elsewhere/x.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back->landscape, *s->landscape);
  auto bad = parseScene(R"({"landscape": {"checkpoints": ["a"], "grid": 1}})", "x.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("landscape.grid: 1 is outside [2, 401]"), std::string::npos)
      << bad.error();
}

}  // namespace
}  // namespace mulab
