// The landscape pipeline (landscape/landscape_pipeline.hpp) and its
// preparation job: folders of another architecture or dataset are refused
// by name, the shared-initialisation rule has one wording, the budget is
// checked before anything loads, and a prepared landscape holds the plane,
// subset and lines the GUI and the CLI then use.
#include "landscape/landscape_pipeline.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "checkpoint_fixtures.hpp"
#include "landscape/landscape_preparation.hpp"
#include "landscape/landscape_surface.hpp"
#include "test_data.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;

// Folders from the bad-input corpus's writer: 784-8-10 (seeds 1 and 2),
// 784-16-10, Fashion-MNIST, each with checkpoints at steps 0, 10, 20; and
// synthetic MNIST data (200 training images).
class Pipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("mulab_pipeline_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    const std::vector<long> steps{0, 10, 20};
    bad_input::writeCheckpointFolder(root_ / "good", {784, 8, 10}, 1, steps);
    bad_input::writeCheckpointFolder(root_ / "seed2", {784, 8, 10}, 2, steps);
    bad_input::writeCheckpointFolder(root_ / "wide", {784, 16, 10}, 1, steps);
    bad_input::writeCheckpointFolder(root_ / "fashion", {784, 8, 10}, 1, steps,
                                     DatasetKind::kFashionMnist);
    testing_data::writeSyntheticMnist(root_ / "data", 200, 50);
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }
  static std::string dir(const char* name) { return (root_ / name).string(); }

  static LandscapeRequest request(std::initializer_list<const char*> folders) {
    LandscapeRequest r;
    r.data_dir = dir("data");
    r.samples = 100;
    r.grid = 5;
    for (const char* f : folders) {
      const auto err = addCheckpointFolder(r, dir(f));
      EXPECT_FALSE(err) << *err;
    }
    return r;
  }

  static fs::path root_;
};
fs::path Pipeline::root_;

TEST_F(Pipeline, FoldersOfAnotherArchitectureOrDatasetAreRefusedByName) {
  LandscapeRequest r = request({"good"});
  ASSERT_EQ(r.runs.size(), 1u);
  EXPECT_EQ(r.shape.describe(), "784-8-10 relu");
  EXPECT_EQ(r.dataset, DatasetKind::kMnist);
  EXPECT_EQ(r.runs[0].name, dir("good"));
  EXPECT_EQ(r.runs[0].seed, 1u);
  ASSERT_TRUE(r.runs[0].manifest);
  EXPECT_EQ(r.runs[0].manifest->entries.size(), 3u);
  EXPECT_TRUE(r.runs[0].checkpoints.empty()) << "manifests only until the preparation";

  EXPECT_EQ(addCheckpointFolder(r, dir("wide")).value_or(""),
            dir("wide") +
                "/manifest.json: architecture 784-16-10 relu differs from 784-8-10 relu in " +
                dir("good") + "; one landscape needs one architecture");
  EXPECT_EQ(addCheckpointFolder(r, dir("fashion")).value_or(""),
            dir("fashion") + " was trained on fashion, " + dir("good") +
                " on mnist; one landscape needs one dataset");
  EXPECT_EQ(addCheckpointFolder(r, dir("nowhere")).value_or(""), dir("nowhere") + ": not found");
  EXPECT_EQ(r.runs.size(), 1u) << "a refused folder adds no run";
  EXPECT_FALSE(addCheckpointFolder(r, dir("seed2")));
  EXPECT_EQ(r.runs.size(), 2u);
  // The budget counts checkpoints as the manifests list them, then as loaded.
  EXPECT_EQ(landscapeSize(r).checkpoints, 6);
  EXPECT_FALSE(loadRunCheckpoints(r.runs[0]));
  EXPECT_EQ(r.runs[0].checkpoints.size(), 3u);
  EXPECT_EQ(r.runs[0].checkpoints[2]->step, 20);
  EXPECT_EQ(landscapeSize(r).checkpoints, 6);
}

TEST_F(Pipeline, SharedInitialisationHasOneWording) {
  LandscapeRequest r = request({"good", "seed2"});
  for (LandscapeRun& run : r.runs) ASSERT_FALSE(loadRunCheckpoints(run));
  EXPECT_EQ(sharedStartError(r.runs).value_or(""),
            dir("seed2") + " starts from another initialisation than " + dir("good") +
                " (seed 2 vs 1); a joint PCA plane needs runs with the same seed and architecture");
  // The same folder twice shares its start.
  LandscapeRequest same = request({"good", "good"});
  for (LandscapeRun& run : same.runs) ASSERT_FALSE(loadRunCheckpoints(run));
  EXPECT_FALSE(sharedStartError(same.runs));
  // A run without its step-0 checkpoint (seeds unknown: none quoted).
  same.runs[1].checkpoints.erase(same.runs[1].checkpoints.begin());
  same.runs[1].name = "the second run";
  EXPECT_EQ(sharedStartError(same.runs).value_or(""),
            "the second run has no step-0 checkpoint (the initialisation); a joint PCA plane "
            "needs runs that share theirs");
  // planeForPaths, called without names, words it the same with "run k".
  std::vector<std::vector<CheckpointPtr>> paths{r.runs[0].checkpoints, r.runs[1].checkpoints};
  auto plane = planeForPaths(r.shape, paths, true, 1);
  ASSERT_FALSE(plane);
  EXPECT_EQ(plane.error(),
            "run 1 starts from another initialisation than run 0; a joint PCA plane needs runs "
            "with the same seed and architecture");
}

TEST_F(Pipeline, PreparationRefusesAPcaPlaneOverTwoStartsButNotARandomOne) {
  LandscapePreparation pca(request({"good", "seed2"}));
  pca.wait();
  ASSERT_TRUE(pca.prepared());
  const auto err = pca.error();
  ASSERT_TRUE(err);
  EXPECT_TRUE(err->usage);
  EXPECT_EQ(err->option, "checkpoints");
  EXPECT_EQ(err->text().substr(0, 16 + dir("seed2").size()),
            "--checkpoints: " + dir("seed2") + " ");

  LandscapeRequest random = request({"good", "seed2"});
  random.pca = false;
  random.seed = 3;
  LandscapePreparation prep(std::move(random), true, 2);
  prep.wait();
  ASSERT_TRUE(prep.prepared());
  ASSERT_FALSE(prep.error()) << prep.error()->text();
  const PreparedLandscape& p = prep.result();
  EXPECT_EQ(p.plane->kind, PlaneKind::kRandom);
  EXPECT_EQ(p.plane->seed, 3u);
  EXPECT_EQ(p.plane->centre, prep.request().runs[0].checkpoints.back()->theta);
  EXPECT_EQ(p.subset->size(), 100);
  EXPECT_EQ(p.subset->split, "train");
  EXPECT_EQ(p.range.x0, -1);  // random planes: [-1, 1]^2
  EXPECT_EQ(p.range.y1, 1);
  ASSERT_TRUE(prep.linesReady());
  const auto lines = prep.lines();
  ASSERT_EQ(lines.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    ASSERT_EQ(lines[k].size(), 41u);
    EXPECT_EQ(lines[k].front().alpha, -0.5);
    EXPECT_EQ(lines[k][10].alpha, 0.0);
    EXPECT_EQ(lines[k][30].alpha, 1.0);
    // alpha = 1 is the run's last checkpoint itself.
    const LossAndError last =
        networkLoss(p.plane->shape, prep.request().runs[k].checkpoints.back()->theta, *p.subset);
    EXPECT_NEAR(lines[k][30].value.loss, last.loss, 1e-6);
  }
}

TEST_F(Pipeline, BudgetIsCheckedBeforeAnythingLoads) {
  LandscapeRequest r = request({"good"});
  r.pca = false;
  r.data_dir = dir("no_data_here");  // never read: the budget refuses first
  r.memory_limit = uint64_t{1} << 20;
  const auto refusal = checkBudget(r);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->option, "data-dir");  // the dataset images are the largest part
  EXPECT_EQ(refusal->message.substr(0, 69),
            "the landscape of 3 checkpoints of 784-8-10 relu on 100 samples needs ");
  EXPECT_NE(refusal->message.find("more than the memory limit of 1 MiB"), std::string::npos)
      << refusal->message;
  LandscapePreparation prep(r);
  prep.wait();
  ASSERT_TRUE(prep.error());
  EXPECT_EQ(prep.error()->text(), "--" + refusal->option + ": " + refusal->message);

  // The work cap: 401 x 401 nodes on 1000 samples.
  r.memory_limit = 0;
  r.grid = 401;
  r.samples = 1000;
  EXPECT_EQ(checkBudget(r).value_or(LandscapeError{}).text().substr(0, 46),
            "--grid: 401 x 401 nodes on 1000 samples are 1.");

  // Within budget, the data folder is read: a missing one is a file error.
  r.grid = 5;
  r.samples = 100;
  LandscapePreparation missing(r);
  missing.wait();
  ASSERT_TRUE(missing.error());
  EXPECT_FALSE(missing.error()->usage);
  EXPECT_EQ(missing.error()->option, "");
  EXPECT_EQ(missing.error()->message.substr(0, dir("no_data_here").size() + 35),
            dir("no_data_here") + "/mnist/train-images-idx3-ubyte: not");
  // More samples than the set has.
  r.data_dir = dir("data");
  r.samples = 201;
  std::shared_ptr<const EvalSubset> subset;
  EXPECT_EQ(loadLandscapeSubset(r, subset).value_or(LandscapeError{}).text(),
            "--samples: 201 is more than the 200 samples of the training set");
  EXPECT_FALSE(subset);
}

}  // namespace
}  // namespace mulab
