// IDX / gzip reader and dataset loader: crafted good and broken files, and the
// real MNIST and Fashion-MNIST files.
#include <gtest/gtest.h>

#include <filesystem>

#include "data/dataset.hpp"
#include "data/idx.hpp"
#include "test_data.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;
using testing_data::idxBytes;
using testing_data::writeFile;
using testing_data::writeGzip;

class IdxFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("idx_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  // Writes images (3 of 2x2) and labels; returns the error of loading them, or "".
  std::string loadError(const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels) {
    writeFile(path("img"), images);
    writeFile(path("lbl"), labels);
    auto r = loadImagesAndLabels(path("img"), path("lbl"));
    return r ? "" : r.error();
  }
  const std::vector<uint8_t> pixels_{0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8};
  fs::path dir_;
};

TEST_F(IdxFiles, ReadsRawAndGzipIdentically) {
  const auto images = idxBytes({3, 2, 2}, pixels_);
  const auto labels = idxBytes({3}, {7, 0, 9});
  writeFile(path("img"), images);
  writeFile(path("lbl"), labels);
  writeGzip(path("img.gz"), images);
  writeGzip(path("lbl.gz"), labels);
  for (auto [img, lbl] : {std::pair{"img", "lbl"}, std::pair{"img.gz", "lbl.gz"}}) {
    auto d = loadImagesAndLabels(path(img), path(lbl));
    ASSERT_TRUE(d.ok()) << d.error();
    EXPECT_EQ(d->size(), 3);
    EXPECT_EQ(d->rows, 2);
    EXPECT_EQ(d->images.rows(), 4);
    EXPECT_FLOAT_EQ(d->images(1, 0), 1.0f);
    EXPECT_FLOAT_EQ(d->images(2, 0), 0.2f);
    EXPECT_FLOAT_EQ(d->images(3, 2), 8.0f / 255.0f);
    EXPECT_EQ(d->labels, (std::vector<uint8_t>{7, 0, 9}));
  }
}

TEST_F(IdxFiles, EveryFaultGetsAClearMessageNamingTheFile) {
  const auto good_images = idxBytes({3, 2, 2}, pixels_);
  const auto good_labels = idxBytes({3}, {1, 2, 3});
  struct Case {
    std::vector<uint8_t> images, labels;
    std::string file, fault;
  };
  auto truncated = good_images;
  truncated.resize(truncated.size() - 3);
  auto trailing = good_images;
  trailing.push_back(0);
  const std::vector<Case> cases = {
      {{}, good_labels, "img", "file is empty"},
      {{0, 0}, good_labels, "img", "truncated: shorter than the 4-byte IDX magic"},
      {{1, 0, 8, 3, 0, 0, 0, 3}, good_labels, "img", "wrong magic"},
      {idxBytes({3, 2, 2}, pixels_, 0x0D), good_labels, "img", "unsupported IDX data type 0x0d"},
      {{0, 0, 8, 0}, good_labels, "img", "wrong rank 0"},
      {{0, 0, 8, 3, 0, 0}, good_labels, "img", "truncated inside the dimension header"},
      {truncated, good_labels, "img", "truncated: dimensions need 12 data bytes, file has 9"},
      {trailing, good_labels, "img", "(trailing data)"},
      {idxBytes({12}, pixels_), good_labels, "img", "wrong rank 1 for images (expected 3"},
      {good_images, idxBytes({3, 1}, {1, 2, 3}), "lbl", "wrong rank 2 for labels"},
      {good_images, idxBytes({3}, {1, 10, 3}), "lbl", "label 10 at index 1 is outside 0-9"},
      {good_images, idxBytes({2}, {1, 2}), "lbl", "2 labels for 3 images"},
      {idxBytes({0, 2, 2}, {}), idxBytes({0}, {}), "img", "dimension 1 of 3 is 0"},
      {idxBytes({3, 0, 2}, {}), good_labels, "img", "dimension 2 of 3 is 0"},
      {idxBytes({1, 513, 1}, std::vector<uint8_t>(513)), idxBytes({1}, {1}), "img",
       "images of 513 x 1 pixels; at most 512 per side"},
      {idxBytes({65535, 65535, 65535}, {}), good_labels, "img", "more than 256 MiB"},
  };
  for (const Case& c : cases) {
    const std::string err = loadError(c.images, c.labels);
    EXPECT_NE(err.find(path(c.file) + ": "), std::string::npos) << err;
    EXPECT_NE(err.find(c.fault), std::string::npos) << "expected '" << c.fault << "' in: " << err;
  }
}

TEST_F(IdxFiles, CorruptOrTruncatedGzipIsReported) {
  const auto images = idxBytes({3, 2, 2}, pixels_);
  writeGzip(path("good.gz"), images);
  std::ifstream in(path("good.gz"), std::ios::binary);
  std::vector<uint8_t> gz((std::istreambuf_iterator<char>(in)), {});
  auto cut = gz;
  cut.resize(gz.size() / 2);
  writeFile(path("cut.gz"), cut);
  auto flipped = gz;
  for (size_t i = 12; i < flipped.size() - 8; ++i) flipped[i] ^= 0x5a;
  writeFile(path("bad.gz"), flipped);
  auto r1 = readIdx(path("cut.gz"));
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.error().find("cut.gz: truncated gzip stream"), std::string::npos) << r1.error();
  auto r2 = readIdx(path("bad.gz"));
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().find("bad.gz: "), std::string::npos) << r2.error();
  auto r3 = readIdx(path("missing"));
  ASSERT_FALSE(r3.ok());
  EXPECT_NE(r3.error().find("missing: not found"), std::string::npos) << r3.error();
}

TEST_F(IdxFiles, MissingDatasetSaysHowToFetchIt) {
  auto r = loadDataset(DatasetKind::kMnist, dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("mnist/train-images-idx3-ubyte: not found"), std::string::npos);
  EXPECT_NE(r.error().find("scripts/fetch-data.sh"), std::string::npos);
}

// The real files, fetched by scripts/setup.sh (MNIST) and Debian (Fashion-MNIST).
std::string realDataDir() {
  return resolveDataDir(std::getenv("MULAB_DATA") ? "" : MULAB_SOURCE_DIR "/data");
}

std::vector<int> histogram(const std::vector<uint8_t>& labels) {
  std::vector<int> h(10, 0);
  for (uint8_t l : labels) ++h[l];
  return h;
}

TEST(RealData, MnistHasTheStandardSplitAndLabelCounts) {
  auto r = loadDataset(DatasetKind::kMnist, realDataDir());
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->train.size(), 60000);
  EXPECT_EQ(r->test.size(), 10000);
  EXPECT_EQ(r->train.rows, 28);
  EXPECT_EQ(r->train.images.rows(), 784);
  EXPECT_EQ(r->train.labels[0], 5);
  EXPECT_EQ(r->test.labels[0], 7);
  EXPECT_EQ(histogram(r->train.labels),
            (std::vector<int>{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}));
  EXPECT_EQ(histogram(r->test.labels),
            (std::vector<int>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}));
  EXPECT_GE(r->train.images.minCoeff(), 0.0f);
  EXPECT_LE(r->train.images.maxCoeff(), 1.0f);
  // MNIST's mean pixel intensity is 0.1307 (the usual normalisation constant,
  // 0.13066 to five places); summed per image, then in double.
  const double mean = r->train.images.colwise().sum().cast<double>().sum() / (784.0 * 60000);
  EXPECT_NEAR(mean, 0.13066, 1e-5);
}

TEST(RealData, FashionMnistFromDebianGzipFiles) {
  auto r = loadDataset(DatasetKind::kFashionMnist, realDataDir());
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->train.size(), 60000);
  EXPECT_EQ(r->test.size(), 10000);
  EXPECT_EQ(r->train.labels[0], 9);  // ankle boot
  EXPECT_EQ(histogram(r->train.labels), std::vector<int>(10, 6000));
  EXPECT_EQ(histogram(r->test.labels), std::vector<int>(10, 1000));
}

}  // namespace
}  // namespace mulab
