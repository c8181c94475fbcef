// Network loss landscapes on a small generated problem (100-16-12-10): the
// numbers the issue asks to be checked, each against an independent path.
#include <gtest/gtest.h>

#include <Eigen/SVD>
#include <chrono>
#include <numeric>

#include "landscape/eval_subset.hpp"
#include "landscape/interpolation.hpp"
#include "landscape/landscape_budget.hpp"
#include "landscape/landscape_job.hpp"
#include "landscape/pca_plane.hpp"
#include "landscape/random_directions.hpp"
#include "test_data.hpp"
#include "train/bp_trainer.hpp"
#include "util/parallel_for.hpp"
#include "util/seeded_random.hpp"

namespace mulab {
namespace {

const Dataset& train() {
  static const Dataset d = testing_data::digitLikeDataset(1200, 7, 10);
  return d;
}

std::shared_ptr<const EvalSubset> subset(long n = 300, uint64_t seed = 1) {
  return std::make_shared<EvalSubset>(stratifiedSubset(train(), n, seed, "train"));
}

// A short BP run's path: the weights after every step.
struct Path {
  NetShape shape;
  std::vector<Vector> thetas;
};

const Path& trainedPath() {
  static const Path p = [] {
    BpConfig c;
    c.sizes = {100, 16, 12, 10};
    c.batch = 40;
    c.optimizer.lr = 3e-3;
    BpTrainer bp(c, train());
    Path path{shapeOf(bp.networkLayers(), Activation::kRelu), {}};
    path.thetas.push_back(flatten(bp.networkLayers()));
    bp.beginEpoch(0);
    for (long i = 0; i < 30; ++i) {
      bp.step(i);
      path.thetas.push_back(flatten(bp.networkLayers()));
    }
    return path;
  }();
  return p;
}

std::shared_ptr<const Plane> randomAroundFinal(uint64_t seed) {
  const Path& p = trainedPath();
  return std::make_shared<Plane>(randomPlane(p.shape, p.thetas.back(), seed));
}

LandscapeSnapshot runJob(std::shared_ptr<const Plane> plane, int grid, GridRange range = {}) {
  LandscapeJob job(std::move(plane), subset(), range, grid);
  job.start();
  job.wait();
  EXPECT_EQ(job.progress().state, LandscapeState::kIdle) << job.progress().error;
  return job.snapshot();
}

TEST(SeededRandom, PortableFunctionsMatchLibm) {
  for (double x : {1e-300, 1e-16, 0.001, 0.3, 0.7071, 0.99999, 1.0}) {
    EXPECT_NEAR(portableLog(x), std::log(x), 2e-16 * std::abs(std::log(x)) + 1e-300) << x;
  }
  for (double u = 0; u < 1; u += 0.0137) {
    const auto [s, c] = portableSinCos2Pi(u);
    EXPECT_NEAR(s, std::sin(2 * M_PI * u), 1e-15) << u;
    EXPECT_NEAR(c, std::cos(2 * M_PI * u), 1e-15) << u;
  }
}

TEST(SeededRandom, NormalVariatesAreStandardAndPinnedBySeed) {
  SplitMix64 rng(1);
  std::vector<float> v(200000);
  fillNormal(rng, v);
  double mean = 0, var = 0;
  for (float x : v) mean += x;
  mean /= double(v.size());
  for (float x : v) var += (x - mean) * (x - mean);
  var /= double(v.size());
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(var, 1.0, 0.01);
  // The bits every machine must produce for seed 1 (a change here changes
  // every recorded plane hash). The same with g++ -O0, -O3 -march=native
  // -ffp-contract=fast, -ffast-math, -march=x86-64 and clang++.
  EXPECT_EQ(hashText(fnv1a64(v.data(), 4000)), "fnv1a64:cf54f1b2423c3d3e");
  EXPECT_EQ(hashText(fnv1a64(v.data(), v.size() * 4)), "fnv1a64:ab04493a77366495");
}

TEST(RandomPlane, FilterNormalisedPerNeuronWithZeroBiases) {
  const Path& p = trainedPath();
  const Plane plane = randomPlane(p.shape, p.thetas.back(), 5);
  for (const Vector* d : {&plane.d1, &plane.d2}) {
    for (size_t l = 0; l < p.shape.layerCount(); ++l) {
      const auto W = weightView(p.shape, p.thetas.back(), l);
      const auto D = weightView(p.shape, *d, l);
      for (Eigen::Index r = 0; r < W.rows(); ++r) {
        EXPECT_NEAR(D.row(r).norm(), W.row(r).norm(), 1e-5) << "layer " << l << " row " << r;
      }
      EXPECT_EQ(biasView(p.shape, *d, l).cwiseAbs().maxCoeff(), 0.0f);
    }
  }
  // Independent directions: not the same vector twice.
  EXPECT_LT(std::abs(plane.d1.normalized().dot(plane.d2.normalized())), 0.1);
}

TEST(RandomPlane, SameSeedSameBitsOtherSeedOtherHash) {
  const Plane a = *randomAroundFinal(3), b = *randomAroundFinal(3), c = *randomAroundFinal(4);
  EXPECT_EQ(a.d1, b.d1);
  EXPECT_EQ(a.d2, b.d2);
  EXPECT_EQ(directionHash(a), directionHash(b));
  EXPECT_NE(directionHash(a), directionHash(c));
  const LandscapeSnapshot s1 = runJob(randomAroundFinal(3), 11);
  const LandscapeSnapshot s2 = runJob(randomAroundFinal(3), 11);
  EXPECT_EQ(s1.surface.loss, s2.surface.loss);  // bitwise
  EXPECT_EQ(s1.surface.error, s2.surface.error);
  const LandscapeSnapshot s3 = runJob(randomAroundFinal(4), 11);
  EXPECT_NE(s1.surface.loss, s3.surface.loss);
}

TEST(Subset, StratifiedSeededAndExact) {
  const EvalSubset a = stratifiedSubset(train(), 300, 9, "train");
  const EvalSubset b = stratifiedSubset(train(), 300, 9, "train");
  const EvalSubset c = stratifiedSubset(train(), 300, 10, "train");
  EXPECT_EQ(a.size(), 300);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.X, b.X);
  EXPECT_NE(a.X, c.X);
  std::array<long, 10> whole{};
  for (uint8_t y : train().labels) ++whole[y];
  long sum = 0;
  for (int k = 0; k < 10; ++k) {
    // Each class gets its share of 300, rounded one way or the other.
    EXPECT_NEAR(double(a.class_counts[k]), 300.0 * whole[k] / train().size(), 1.0) << k;
    EXPECT_EQ(std::count(a.labels.begin(), a.labels.end(), k), a.class_counts[k]);
    sum += a.class_counts[k];
  }
  EXPECT_EQ(sum, 300);
}

TEST(Grid, CentreValueIsTheNetworksLoss) {
  const auto plane = randomAroundFinal(1);
  const LandscapeSnapshot s = runJob(plane, 11);
  const LossAndError truth = networkLoss(plane->shape, plane->centre, *subset());
  EXPECT_NEAR(s.surface.lossAt(5, 5), truth.loss, 1e-6);
  EXPECT_NEAR(s.centre.loss, truth.loss, 1e-6);
  EXPECT_DOUBLE_EQ(s.centre.error, truth.error);
  EXPECT_EQ(s.surface.x(5), 0.0);
  EXPECT_EQ(s.surface.y(5), 0.0);
}

TEST(Grid, AxisOrderMatchesSeparateEvaluations) {
  const auto plane = randomAroundFinal(2);
  const LandscapeSnapshot s = runJob(plane, 11);
  const PlaneEvaluator eval(plane->shape, {&plane->centre, &plane->d1, &plane->d2}, subset());
  // Node (i, j) is (x(i), y(j)), stored at j * nodes + i.
  const double a = s.surface.x(9), b = s.surface.y(2);
  double at_a = 0, at_b = 0;
  parallelFor(1, 1, [&](long) {  // single-threaded products, as the job runs them
    at_a = eval.plane(a, 0).loss;
    at_b = eval.plane(0, b).loss;
  });
  EXPECT_EQ(s.surface.lossAt(9, 5), float(at_a));
  EXPECT_EQ(s.surface.lossAt(5, 2), float(at_b));
  // ...and the two axes differ, so a swap would not pass unnoticed.
  EXPECT_GT(std::abs(s.surface.lossAt(9, 5) - s.surface.lossAt(5, 9)), 1e-4);
}

TEST(Grid, LevelsNestAndReuseEveryNode) {
  EXPECT_EQ(gridLevels(41), (std::vector<int>{11, 21, 41}));
  EXPECT_EQ(gridLevels(51), (std::vector<int>{26, 51}));
  EXPECT_EQ(gridLevels(11), (std::vector<int>{11}));
  EXPECT_EQ(gridLevels(5), (std::vector<int>{5}));
  NestedGrid g({-1, 1, -2, 2}, 41);
  size_t total = 0;
  for (size_t k = 0; k < g.levels().size(); ++k) total += g.newNodes(k).size();
  EXPECT_EQ(total, 41u * 41u);  // each node once
  EXPECT_EQ(g.newNodes(0).size(), 121u);
  // A coarse node has the same coordinates at every level.
  for (int i = 0; i < 11; ++i) {
    EXPECT_EQ(gridCoordinate(-1, 1, i, 11), gridCoordinate(-1, 1, 4 * i, 41));
    EXPECT_EQ(gridCoordinate(-2, 2, i, 11), gridCoordinate(-2, 2, 2 * i, 21));
  }
}

TEST(Grid, CoarseNodesEqualTheRefinedGridsNodes) {
  const auto plane = randomAroundFinal(6);
  const LandscapeSnapshot coarse = runJob(plane, 11);
  LandscapeJob job(plane, subset(), GridRange{}, 11);
  job.start();
  job.wait();
  ASSERT_TRUE(job.refine());
  job.wait();
  const LandscapeSnapshot fine = job.snapshot();
  ASSERT_EQ(fine.surface.nodes, 21);
  EXPECT_EQ(job.progress().nodes_done, 21 * 21);  // 121 reused, not recomputed
  for (int j = 0; j < 11; ++j) {
    for (int i = 0; i < 11; ++i) {
      EXPECT_EQ(coarse.surface.lossAt(i, j), fine.surface.lossAt(2 * i, 2 * j));
    }
  }
  EXPECT_EQ(fine.level_seconds.size(), 2u);
}

TEST(Projection, PointsInThePlaneComeBackWithZeroResidual) {
  const auto plane = randomAroundFinal(8);
  // The centre (the final checkpoint) projects to (0, 0).
  const PlaneCoordinates c0 = projectOntoPlane(*plane, plane->centre);
  EXPECT_EQ(c0.x, 0.0);
  EXPECT_EQ(c0.y, 0.0);
  EXPECT_EQ(c0.residual, 0.0);
  // A point built at (0.3, -0.7) comes back there, though d1 and d2 are not orthogonal.
  const Vector in = plane->centre + 0.3f * plane->d1 - 0.7f * plane->d2;
  const PlaneCoordinates c1 = projectOntoPlane(*plane, in);
  EXPECT_NEAR(c1.x, 0.3, 1e-5);
  EXPECT_NEAR(c1.y, -0.7, 1e-5);
  EXPECT_LT(c1.residual, 1e-5);
  // Straight off the plane: residual 1.
  Vector off = Vector::Zero(plane->centre.size());
  const auto& sh = plane->shape;
  off.segment(sh.biasOffset(0), sh.sizes[1])
      .setConstant(0.1f);  // biases: both directions are 0 there
  const PlaneCoordinates c2 = projectOntoPlane(*plane, plane->centre + off);
  EXPECT_NEAR(c2.residual, 1.0, 1e-6);
  EXPECT_NEAR(c2.x, 0.0, 1e-6);
}

// Checkpoints built in a plane: PCA finds it (explained variance 1), every
// checkpoint has residual ~0 and its true loss is the surface's value there.
TEST(Pca, ATrajectoryInAPlaneIsRecoveredExactly) {
  const Path& p = trainedPath();
  const Plane basis = randomPlane(p.shape, p.thetas.back(), 11);
  std::vector<Vector> points;
  for (int k = 0; k < 12; ++k) {
    const float a = -1.0f + 0.1f * float(k), b = 0.5f * std::sin(float(k));
    points.push_back(p.thetas.back() + a * basis.d1 + b * basis.d2);
  }
  std::vector<const Vector*> ptrs;
  for (const Vector& v : points) ptrs.push_back(&v);
  auto pca = pcaPlane(p.shape, p.thetas.back(), ptrs);
  ASSERT_TRUE(pca) << pca.error();
  EXPECT_NEAR(pca->explained[0] + pca->explained[1], 1.0, 1e-5);
  auto plane = std::make_shared<Plane>(std::move(*pca));
  LandscapeJob job(plane, subset(), GridRange{-3, 3, -3, 3}, 11);
  std::vector<CheckpointPtr> cps;
  for (size_t k = 0; k < points.size(); ++k) {
    auto c = std::make_shared<Checkpoint>();
    c->step = long(k);
    c->theta = points[k];
    cps.push_back(c);
  }
  job.addCheckpoints(0, cps);
  job.start();
  job.wait();
  const LandscapeSnapshot s = job.snapshot();
  ASSERT_EQ(s.points.size(), 12u);
  for (const ProjectedCheckpoint& pc : s.points) {
    EXPECT_LT(pc.at.residual, 1e-4) << pc.step;
    EXPECT_NEAR(pc.truth.loss, pc.surface.loss, 1e-5) << pc.step;
  }
  // The first point sits at negative coordinates (the sign convention).
  EXPECT_LT(s.points.front().at.x, 0);
  EXPECT_LT(s.points.front().at.y, 0);
}

TEST(Pca, MatchesEigenSvdOfTheCentredDifferences) {
  const Path& p = trainedPath();
  const Vector& centre = p.thetas.back();
  std::vector<const Vector*> ptrs;
  for (const Vector& v : p.thetas) ptrs.push_back(&v);
  PcaDetails details;
  auto pca = pcaPlane(p.shape, centre, ptrs, &details);
  ASSERT_TRUE(pca) << pca.error();
  // Reference: SVD of the K x P matrix of rows theta_k - centre, centred, in double.
  const long K = long(p.thetas.size()), P = centre.size();
  Eigen::MatrixXd M(K, P);
  for (long k = 0; k < K; ++k) M.row(k) = (p.thetas[k] - centre).cast<double>().transpose();
  M.rowwise() -= M.colwise().mean();
  Eigen::BDCSVD<Eigen::MatrixXd> svd(M, Eigen::ComputeThinV);
  const Eigen::VectorXd sv2 = svd.singularValues().array().square();
  const double total = sv2.sum();
  for (int i = 0; i < 2; ++i) {
    const Vector& d = i == 0 ? pca->d1 : pca->d2;
    EXPECT_NEAR(std::abs(d.cast<double>().dot(svd.matrixV().col(i))), 1.0, 1e-4) << "PC" << i + 1;
    EXPECT_NEAR(pca->explained[i], sv2[i] / total, 1e-4);
    EXPECT_NEAR(d.cast<double>().norm(), 1.0, 1e-6);
  }
  EXPECT_GE(pca->explained[0], pca->explained[1]);
  EXPECT_GE(pca->explained[1], 0.0);
  EXPECT_LE(pca->explained[0] + pca->explained[1], 1.0 + 1e-12);
  EXPECT_LT(std::abs(pca->d1.cast<double>().dot(pca->d2.cast<double>())), 1e-4);
  // All ratios descending.
  for (size_t i = 1; i < details.eigenvalues.size(); ++i) {
    EXPECT_LE(details.eigenvalues[i], details.eigenvalues[i - 1]);
  }
}

TEST(Pca, RefusesPointsOnALine) {
  const Path& p = trainedPath();
  const Vector dir = p.thetas[5] - p.thetas[0];
  std::vector<Vector> line;
  for (int k = 0; k < 5; ++k) line.push_back(p.thetas[0] + float(k) * dir);
  std::vector<const Vector*> ptrs;
  for (const Vector& v : line) ptrs.push_back(&v);
  auto pca = pcaPlane(p.shape, line.back(), ptrs);
  ASSERT_FALSE(pca);
  EXPECT_EQ(pca.error(), "the checkpoints do not span a plane (they lie on a line or coincide)");
  EXPECT_FALSE(pcaPlane(p.shape, line.back(), {ptrs[0], ptrs[1]}));
}

TEST(Pca, JointPlanesNeedOneStart) {
  const Path& p = trainedPath();
  auto at = [&](long step, size_t k) {
    auto c = std::make_shared<Checkpoint>();
    c->step = step;
    c->theta = p.thetas[k];
    return CheckpointPtr(c);
  };
  const std::vector<CheckpointPtr> a{at(0, 0), at(10, 10)}, b{at(0, 0), at(20, 20)},
      other{at(0, 1), at(10, 10)}, late{at(10, 10)};
  EXPECT_EQ(firstPathWithAnotherStart({a, b}), -1);
  EXPECT_EQ(firstPathWithAnotherStart({a, b, other}), 2);
  EXPECT_EQ(firstPathWithAnotherStart({late, a}), 0);
}

TEST(Interpolation, EndsAreTheLossesOfBothNetworks) {
  const Path& p = trainedPath();
  const auto s = subset();
  const auto line = interpolate(p.shape, p.thetas.front(), p.thetas.back(), s, -0.5, 1.5, 41);
  ASSERT_EQ(line.size(), 41u);
  EXPECT_EQ(line[10].alpha, 0.0);
  EXPECT_EQ(line[30].alpha, 1.0);
  EXPECT_NEAR(line[10].value.loss, networkLoss(p.shape, p.thetas.front(), *s).loss, 1e-6);
  EXPECT_NEAR(line[30].value.loss, networkLoss(p.shape, p.thetas.back(), *s).loss, 1e-6);
  EXPECT_LT(line[30].value.loss, line[10].value.loss);  // training lowered it
}

TEST(Job, CancelsPromptlyAndReportsProgress) {
  const auto plane = randomAroundFinal(12);
  LandscapeJob job(plane, subset(1000), GridRange{}, 401);
  job.start();
  while (job.progress().nodes_done < 50) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const LandscapeProgress mid = job.progress();
  EXPECT_GT(mid.fraction(), 0.0);
  EXPECT_LT(mid.fraction(), 1.0);
  EXPECT_EQ(mid.nodes_total, 401 * 401);
  const auto t0 = std::chrono::steady_clock::now();
  job.cancel();
  job.wait();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(job.progress().state, LandscapeState::kCancelled);
  EXPECT_LT(ms, 500);
}

TEST(Job, LiveCheckpointsExtendThePathAfterTheGrid) {
  const Path& p = trainedPath();
  const auto plane = randomAroundFinal(13);
  LandscapeJob job(plane, subset(), GridRange{}, 11);
  job.start();
  job.wait();
  EXPECT_TRUE(job.snapshot().points.empty());
  std::vector<CheckpointPtr> cps;
  for (long k : {0L, 10L, 30L}) {
    auto c = std::make_shared<Checkpoint>();
    c->step = k;
    c->theta = p.thetas[size_t(k)];
    cps.push_back(c);
  }
  const long v = job.version();
  job.addCheckpoints(2, cps);
  job.addCheckpoints(2, cps);  // the same steps again: not projected twice
  job.wait();
  const LandscapeSnapshot s = job.snapshot();
  EXPECT_GT(s.version, v);
  ASSERT_EQ(s.points.size(), 3u);
  EXPECT_EQ(s.points[2].run, 2);
  EXPECT_EQ(s.points[2].step, 30);
  // The last checkpoint is the centre: on the plane at (0, 0), true loss = surface.
  EXPECT_EQ(s.points[2].at.residual, 0.0);
  EXPECT_NEAR(s.points[2].truth.loss, s.points[2].surface.loss, 1e-6);
  // The first is far off a random plane: nearly all of it is residual.
  EXPECT_GT(s.points[0].at.residual, 0.9);
}

TEST(Budget, GridsAndSubsetsPastTheCapAreRefusedByFlag) {
  LandscapeRequestSize r;
  r.shape = {{784, 500, 500, 10}, Activation::kRelu};
  r.checkpoints = 300;
  r.samples = 1000;
  r.grid = 41;
  EXPECT_EQ(checkLandscapeBudget(r, uint64_t{8} << 30), std::nullopt);
  r.grid = 401;
  EXPECT_EQ(checkLandscapeBudget(r, uint64_t{8} << 30).value_or("").substr(0, 30),
            "--grid: 401 x 401 nodes on 100");
  r.grid = 41;
  r.samples = 60000;
  EXPECT_EQ(checkLandscapeBudget(r, uint64_t{8} << 30).value_or("").substr(0, 10), "--samples:");
  r.samples = 1000;
  const std::string over = checkLandscapeBudget(r, uint64_t{256} << 20).value_or("");
  EXPECT_EQ(over.substr(0, 14), "--checkpoints:") << over;
}

}  // namespace
}  // namespace mulab
