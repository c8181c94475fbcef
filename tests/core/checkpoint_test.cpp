// Checkpoints: the NPY encoding byte for byte, the bounded store's thinning,
// a run keeping its initialisation and final weights, folders written and
// read back, and every fault of a damaged folder named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "train/run_options.hpp"
#include "test_data.hpp"
#include "train/bp_trainer.hpp"
#include "train/checkpoint_files.hpp"
#include "train/checkpoint_writer.hpp"
#include "train/er_trainer.hpp"
#include "train/memory_budget.hpp"
#include "train/run.hpp"
#include "util/npy.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;

fs::path tempDir(const std::string& name) {
  const fs::path d =
      fs::path(::testing::TempDir()) / ("mulab_ckpt_" + std::to_string(getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d.parent_path());
  return d;
}

std::vector<uint8_t> bytesOf(const std::string& s) {
  return {s.begin(), s.end()};
}

// What numpy 1.24's np.save writes for np.arange(6, dtype='<f4').reshape(2, 3)
// (checked with python3 -c "import numpy, io; ..."): 128 header bytes.
TEST(Npy, HeaderIsByteExactWithNumpy) {
  const std::vector<long> shape{2, 3};
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  const std::string expected = std::string("\x93NUMPY\x01\x00\x76\x00", 10) + dict +
                               std::string(118 - 1 - dict.size(), ' ') + "\n";
  EXPECT_EQ(npyHeader(shape), expected);
  EXPECT_EQ(npyHeader(shape).size(), 128u);
  const std::vector<long> vec{10};
  const std::string h10 = npyHeader(vec);
  EXPECT_EQ(h10.size(), 128u);
  EXPECT_NE(h10.find("'shape': (10,), }"), std::string::npos);
  const std::vector<long> big{500, 784};
  EXPECT_EQ(npyHeader(big).size(), 128u);

  const float data[6] = {0, 1, 2, 3, 4, 5};
  const std::string file = encodeNpy(shape, data);
  ASSERT_EQ(file.size(), 128u + 24u);
  // 1.0f little-endian is 00 00 80 3f.
  EXPECT_EQ(file.substr(132, 4), std::string("\x00\x00\x80\x3f", 4));
}

TEST(Npy, RoundTripsAndRefusesDamage) {
  const std::vector<long> shape{3, 2};
  const float data[6] = {0.5f, -1, 2, 3.25f, 1e-30f, -7};
  const std::string file = encodeNpy(shape, data);
  auto a = decodeNpy(bytesOf(file), "t.npy");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->shape, shape);
  EXPECT_EQ(a->data, std::vector<float>(data, data + 6));

  auto err = [](const std::string& bytes) {
    auto r = decodeNpy(bytesOf(bytes), "t.npy");
    return r ? std::string("ok") : r.error();
  };
  EXPECT_EQ(err("hello"), "t.npy: not an NPY file (no \\x93NUMPY magic)");
  EXPECT_EQ(err(file.substr(0, file.size() - 3)),
            "t.npy: truncated: 21 bytes of data for shape (3, 2), expected 24");
  EXPECT_EQ(err(file + "xx"), "t.npy: 2 bytes after the data of shape (3, 2)");
  EXPECT_EQ(err(file.substr(0, 60)), "t.npy: truncated header (118 bytes announced, 50 present)");
  std::string f8 = file;
  f8.replace(f8.find("<f4"), 3, "<f8");
  EXPECT_EQ(err(f8), "t.npy: dtype '<f8', expected '<f4' (float32, little-endian)");
  std::string fortran = file;
  fortran.replace(fortran.find("False"), 5, "True ");
  EXPECT_EQ(err(fortran), "t.npy: Fortran order; expected C order (fortran_order False)");
  std::string v9 = file;
  v9[6] = 9;
  EXPECT_EQ(err(v9), "t.npy: NPY version 9.0 is not supported (1.0 to 3.0)");
  std::string garbage = file;
  garbage.replace(garbage.find("(3, 2)"), 6, "(3, x)");
  EXPECT_EQ(err(garbage), "t.npy: 'shape' holds something other than whole numbers");
}

// The store during a run: steps 0..N where due() says, and always N.
std::vector<long> keptSteps(long every, long max, long last) {
  CheckpointStore store(every, max);
  NetShape shape{{2, 1}, Activation::kRelu};
  for (long step = 0; step <= last; ++step) {
    if (!store.due(step) && step != last) continue;
    auto c = std::make_shared<Checkpoint>();
    c->step = step;
    store.add(shape, c);
  }
  std::vector<long> steps;
  for (const auto& c : store.snapshot().items) steps.push_back(c->step);
  return steps;
}

TEST(CheckpointStore, ThinsByStrideDoublingKeepingFirstAndLatest) {
  EXPECT_EQ(keptSteps(1, 5, 20), (std::vector<long>{0, 8, 16, 20}));
  EXPECT_EQ(keptSteps(1, 6, 25), (std::vector<long>{0, 8, 16, 24, 25}));
  EXPECT_EQ(keptSteps(10, 100, 90), (std::vector<long>{0, 10, 20, 30, 40, 50, 60, 70, 80, 90}));
  const std::vector<long> many = keptSteps(3, 300, 100000);
  EXPECT_LE(many.size(), 300u);
  EXPECT_GE(many.size(), 150u);
  EXPECT_EQ(many.front(), 0);
  EXPECT_EQ(many.back(), 100000);
}

const std::string& dataDir() {
  static const std::string dir = [] {
    const fs::path d = tempDir("data");
    testing_data::writeSyntheticMnist(d, 2000, 500);
    return d.string();
  }();
  return dir;
}

RunConfig checkpointRun() {
  RunConfig c;
  c.data_dir = dataDir();
  c.hidden = {16};
  c.batch = 50;
  c.epochs = 2;  // 40 steps per epoch
  c.checkpoint_every = 10;
  return c;
}

TEST(RunCheckpoints, KeepTheInitialisationAndTheFinalWeights) {
  TrainingRun run(1, checkpointRun());
  run.start();
  run.join();
  ASSERT_EQ(run.progress().state, RunState::kFinished) << run.progress().error;
  const CheckpointSnapshot s = run.checkpoints();
  std::vector<long> steps;
  for (const auto& c : s.items) steps.push_back(c->step);
  EXPECT_EQ(steps, (std::vector<long>{0, 10, 20, 30, 40, 50, 60, 70, 80}));
  EXPECT_EQ(s.shape.sizes, (std::vector<int>{784, 16, 10}));
  // The first is the initialisation: the same weights a fresh net with the seed has.
  const Mlp init({784, 16, 10}, Activation::kRelu, 1);
  EXPECT_EQ(s.items.front()->theta, flatten(init.layers()));
  EXPECT_EQ(s.items.front()->updates, 0);
  EXPECT_NEAR(s.items.front()->test_error, 0.9, 0.1);  // an untrained net guesses
  // Test errors are known where the run evaluated: the start and each epoch's end.
  EXPECT_TRUE(std::isnan(s.items[1]->test_error));
  EXPECT_FALSE(std::isnan(s.items[4]->test_error));
  EXPECT_DOUBLE_EQ(s.items.back()->test_error, 1.0 - run.finalTestAccuracy());
  EXPECT_DOUBLE_EQ(s.items.back()->epoch, 2.0);
  EXPECT_EQ(s.items.back()->updates, 80);
  EXPECT_NE(s.items.back()->theta, s.items.front()->theta);
}

TEST(RunCheckpoints, CountInTheMemoryBudget) {
  RunConfig c = checkpointRun();
  c.hidden = {500, 500};
  const double without = estimateRunMemory(RunConfig{}).total();
  c.checkpoint_max = 300;
  const MemoryEstimate e = estimateRunMemory(c);
  const double params = 784.0 * 500 + 500 + 500.0 * 500 + 500 + 500.0 * 10 + 10;
  bool found = false;
  for (const MemoryPart& p : e.parts) {
    if (p.option != "checkpoint_max") continue;
    found = true;
    EXPECT_DOUBLE_EQ(p.bytes, 302 * params * 4);
  }
  EXPECT_TRUE(found);
  EXPECT_GT(e.total(), without + 300 * params * 4);
  c.memory_limit = uint64_t{512} << 20;
  auto over = checkMemoryBudget(c);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->option, "checkpoint_max");
  c.checkpoint_max = 501;
  EXPECT_EQ(validate(c).value_or(""), "checkpoint_max: must lie in 2..500, got 501");
}

TEST(CheckpointFolder, WrittenLiveAndReadBackBitForBit) {
  const fs::path dir = tempDir("live");
  TrainingRun run(1, checkpointRun());
  CheckpointWriter writer(run, dir.string());
  run.start();
  run.join();
  ASSERT_EQ(writer.finish(), std::nullopt);
  auto folder = loadCheckpoints(dir.string());
  ASSERT_TRUE(folder) << folder.error();
  const CheckpointSnapshot s = run.checkpoints();
  ASSERT_EQ(folder->checkpoints.size(), s.items.size());
  for (size_t k = 0; k < s.items.size(); ++k) {
    EXPECT_EQ(folder->checkpoints[k]->step, s.items[k]->step);
    EXPECT_EQ(folder->checkpoints[k]->theta, s.items[k]->theta);
  }
  const CheckpointManifest& m = folder->manifest;
  EXPECT_EQ(m.shape.describe(), "784-16-10 relu");
  EXPECT_EQ(m.method, "bp");
  EXPECT_EQ(m.optimizer, "adam");
  EXPECT_EQ(m.rule, "additive");
  EXPECT_EQ(m.seed, 1u);
  EXPECT_EQ(m.dataset, "mnist");
  EXPECT_TRUE(std::isnan(m.entries[1].test_error));
  EXPECT_DOUBLE_EQ(m.entries.back().test_error, s.items.back()->test_error);
  // 9 checkpoints x 2 layers x (W, b) + the manifest: nothing else, no temporaries.
  long files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 9 * 4 + 1);
}

TEST(CheckpointFolder, ThinnedCheckpointsLoseTheirFiles) {
  const fs::path dir = tempDir("thin");
  CheckpointSnapshot s;
  s.shape = {{3, 2}, Activation::kTanh};
  for (long step : {0, 5, 10}) {
    auto c = std::make_shared<Checkpoint>();
    c->step = step;
    c->theta = Vector::Constant(s.shape.parameterCount(), float(step));
    s.items.push_back(c);
  }
  CheckpointFolderWriter w(dir.string());
  ASSERT_EQ(w.write(RunConfig{}, "test", s), std::nullopt);
  EXPECT_TRUE(fs::exists(dir / "step00000005_W1.npy"));
  s.items.erase(s.items.begin() + 1);
  ASSERT_EQ(w.write(RunConfig{}, "test", s), std::nullopt);
  EXPECT_FALSE(fs::exists(dir / "step00000005_W1.npy"));
  EXPECT_FALSE(fs::exists(dir / "step00000005_b1.npy"));
  auto folder = loadCheckpoints(dir.string());
  ASSERT_TRUE(folder) << folder.error();
  EXPECT_EQ(folder->checkpoints.size(), 2u);
  EXPECT_EQ(folder->checkpoints[1]->theta[3], 10.0f);
}

class DamagedFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tempDir("damaged");
    CheckpointSnapshot s;
    s.shape = {{4, 3, 2}, Activation::kRelu};
    for (long step : {0, 10}) {
      auto c = std::make_shared<Checkpoint>();
      c->step = step;
      c->theta = Vector::LinSpaced(s.shape.parameterCount(), 0, 1);
      s.items.push_back(c);
    }
    ASSERT_EQ(CheckpointFolderWriter(dir_.string()).write(RunConfig{}, "t", s), std::nullopt);
  }
  std::string loadError() {
    auto r = loadCheckpoints(dir_.string());
    return r ? "ok" : r.error();
  }
  void replace(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(DamagedFolder, EveryFaultIsNamed) {
  EXPECT_EQ(loadError(), "ok");
  const std::string w1 = path("step00000010_W1.npy");
  {
    std::ifstream in(w1, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    replace("step00000010_W1.npy", bytes.substr(0, bytes.size() - 4));
  }
  EXPECT_EQ(loadError(), w1 + ": truncated: 44 bytes of data for shape (3, 4), expected 48");
  const std::vector<long> wrong{4, 3};
  std::vector<float> zeros(12, 0.0f);
  replace("step00000010_W1.npy", encodeNpy(wrong, zeros.data()));
  EXPECT_EQ(loadError(), w1 + ": shape (4, 3), expected (3, 4) for W1 of 4-3-2 relu");
  const std::vector<long> right{3, 4};
  zeros[7] = NAN;
  replace("step00000010_W1.npy", encodeNpy(right, zeros.data()));
  EXPECT_EQ(loadError(), w1 + ": holds a non-finite value at index 7");
  replace("step00000010_W1.npy", "not numpy at all");
  EXPECT_EQ(loadError(), w1 + ": not an NPY file (no \\x93NUMPY magic)");
  fs::remove(w1);
  EXPECT_EQ(loadError(), w1 + ": not found");
  fs::create_directory(w1);
  EXPECT_EQ(loadError(), w1 + ": is a directory, not a NPY file for W1 (3, 4)");
  fs::remove(w1);
  mkfifo(w1.c_str(), 0600);
  EXPECT_EQ(loadError(), w1 + ": is a FIFO (named pipe), not a regular file; refusing to read it");

  const std::string m = path("manifest.json");
  replace("manifest.json", "{\"format\": \"mulab-checkpoints\"");
  EXPECT_EQ(loadError(), m + ": not valid JSON (byte 31)");
  replace("manifest.json", R"({"format": "mulab-checkpoints", "format_version": 1})");
  EXPECT_EQ(loadError(), m + ": architecture: missing");
  fs::remove(m);
  EXPECT_EQ(loadError(), m + ": not found");
  EXPECT_EQ(loadCheckpoints(path("nowhere")).error(), path("nowhere") + ": not found");
}

TEST_F(DamagedFolder, ManifestFileNamesStayInsideTheFolder) {
  const std::string m = path("manifest.json");
  std::ifstream in(m);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  text.replace(text.find("\"step00000010_b2.npy\""), 21, "\"../../etc/passwd\"");
  replace("manifest.json", text);
  EXPECT_EQ(
      loadError(),
      m + ": checkpoints[1].files.b2: '../../etc/passwd' is not a file name inside the folder");
}

TEST(CheckpointFolder, DifferentArchitecturesAreNamed) {
  CheckpointManifest a, b;
  a.dir = "runA";
  a.shape = {{784, 500, 10}, Activation::kRelu};
  b.dir = "runB";
  b.shape = {{784, 100, 10}, Activation::kRelu};
  EXPECT_EQ(architectureMismatch(a, a), std::nullopt);
  EXPECT_EQ(
      architectureMismatch(a, b).value_or(""),
      "runB/manifest.json: architecture 784-100-10 relu differs from 784-500-10 relu in runA; "
      "one landscape needs one architecture");
}

TEST(CheckpointFolder, OutputFolderIsCheckedBeforeTheRun) {
  const fs::path base = tempDir("out");
  fs::create_directories(base);
  EXPECT_EQ(checkCheckpointFolder((base / "new").string()), std::nullopt);
  EXPECT_EQ(checkCheckpointFolder((base / "new/").string()), std::nullopt);
  EXPECT_EQ(checkCheckpointFolder(base.string()), std::nullopt);  // empty
  std::ofstream(base / "x") << "1";
  EXPECT_EQ(checkCheckpointFolder(base.string()).value_or(""),
            base.string() + ": is not empty; checkpoints go to a new or empty folder");
  EXPECT_EQ(
      checkCheckpointFolder((base / "a/b").string()).value_or(""),
      (base / "a/b").string() + ": its parent folder " + (base / "a").string() + " does not exist");
  EXPECT_EQ(checkCheckpointFolder((base / "x").string()).value_or(""),
            (base / "x").string() + ": exists and is not a folder");
}

// ER's checkpoints act on raw pixels: the standardisation is folded in.
TEST(ErCheckpoints, FoldedLayersGiveTheTrainersScores) {
  const Dataset train = testing_data::digitLikeDataset(400, 5, 10);
  ErConfig c;
  c.hidden = {12};
  c.batch = 100;
  ErTrainer er(c, train);
  er.beginEpoch(0);
  for (long i = 0; i < er.stepsPerEpoch(); ++i) er.step(i);
  const std::vector<DenseLayer> layers = er.networkLayers();
  Mlp net({100, 12, 10}, Activation::kTanh, 0);
  net.layers() = layers;
  const Matrix X = train.images.leftCols(50);
  EXPECT_LT((net.logits(X) - er.scores(X)).cwiseAbs().maxCoeff(), 1e-4f);
}

}  // namespace
}  // namespace mulab
