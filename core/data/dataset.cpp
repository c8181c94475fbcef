#include "data/dataset.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "data/idx.hpp"
#include "util/huge_pages.hpp"
#include "util/file_read.hpp"

namespace mulab {

const Choices<DatasetKind>& datasetChoices() {
  static const Choices<DatasetKind> choices{
      "dataset", {"mnist", "fashion"}, {"MNIST", "Fashion-MNIST"}, {{"fashion-mnist", 1}}};
  return choices;
}

std::string_view toString(DatasetKind kind) { return datasetChoices().name(kind); }

Result<DatasetKind> parseDatasetKind(std::string_view name) { return datasetChoices().parse(name); }

Result<Dataset> loadImagesAndLabels(const std::string& images_path, const std::string& labels_path,
                                    const LoadCancelled& cancelled) {
  auto stop = [&] { return cancelled && cancelled(); };
  auto images = readIdx(images_path);
  if (!images) return Error{images.error()};
  if (stop()) return Error{kCancelledLoad};
  auto labels = readIdx(labels_path);
  if (!labels) return Error{labels.error()};
  if (stop()) return Error{kCancelledLoad};
  if (images->dims.size() != 3) {
    return Error{images_path + ": wrong rank " + std::to_string(images->dims.size()) +
                 " for images (expected 3: count x rows x cols)"};
  }
  if (labels->dims.size() != 1) {
    return Error{labels_path + ": wrong rank " + std::to_string(labels->dims.size()) +
                 " for labels (expected 1)"};
  }
  const uint32_t count = images->dims[0];
  if (count == 0) return Error{images_path + ": holds no images"};
  if (images->dims[1] > kMaxImageSide || images->dims[2] > kMaxImageSide) {
    return Error{images_path + ": images of " + std::to_string(images->dims[1]) + " x " +
                 std::to_string(images->dims[2]) + " pixels; at most " + std::to_string(kMaxImageSide) +
                 " per side"};
  }
  if (labels->dims[0] != count) {
    return Error{labels_path + ": " + std::to_string(labels->dims[0]) + " labels for " +
                 std::to_string(count) + " images in " + images_path};
  }
  for (size_t i = 0; i < labels->data.size(); ++i) {
    if (labels->data[i] > 9) {
      return Error{labels_path + ": label " + std::to_string(labels->data[i]) + " at index " +
                   std::to_string(i) + " is outside 0-9"};
    }
  }
  Dataset d;
  d.rows = static_cast<int>(images->dims[1]);
  d.cols = static_cast<int>(images->dims[2]);
  const long pixels = long{d.rows} * d.cols;
  const Eigen::Map<const Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic>> bytes(images->data.data(), pixels,
                                                                                     count);
  // In blocks of images, so a cancel is seen within milliseconds (the whole
  // training set is 188 MB of floats).
  d.images.resize(pixels, count);
  adviseHugePages(d.images.data(), size_t(d.images.size()) * sizeof(float));
  constexpr long kBlock = 4096;
  for (long first = 0; first < long(count); first += kBlock) {
    if (stop()) return Error{kCancelledLoad};
    const long n = std::min<long>(kBlock, long(count) - first);
    d.images.middleCols(first, n) = bytes.middleCols(first, n).cast<float>() * (1.0f / 255.0f);
  }
  d.labels = std::move(labels->data);
  return d;
}

std::string resolveDataDir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("MULAB_DATA"); env && *env) return env;
  return "data";
}

std::string fetchHint(DatasetKind kind) {
  return kind == DatasetKind::kMnist
             ? "run scripts/fetch-data.sh data (or scripts/setup.sh)"
             : "install Debian's dataset-fashion-mnist (scripts/setup.sh does)";
}

namespace {

struct DatasetFiles {
  std::filesystem::path dir;
  std::string suffix;
  std::filesystem::path file(const char* stem) const { return dir / (stem + suffix); }
};

DatasetFiles datasetFiles(DatasetKind kind, const std::string& data_dir, bool system_fallback) {
  namespace fs = std::filesystem;
  if (kind == DatasetKind::kMnist) return {fs::path(data_dir) / "mnist", ""};
  DatasetFiles f{fs::path(data_dir) / "fashion-mnist", ".gz"};
  std::error_code ec;
  if (system_fallback && !fs::exists(f.file("train-images-idx3-ubyte"), ec)) {
    f.dir = "/usr/share/datasets/fashion-mnist";
  }
  return f;
}

}  // namespace

std::optional<std::string> datasetMissing(DatasetKind kind, const std::string& data_dir,
                                          bool system_fallback) {
  struct stat st{};
  if (::stat(data_dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return data_dir + ": is " + fileTypeName(st.st_mode) + ", not a data folder";
  }
  const DatasetFiles f = datasetFiles(kind, data_dir, system_fallback);
  for (const char* stem : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                           "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
    std::error_code ec;
    if (!std::filesystem::exists(f.file(stem), ec)) {
      return f.file(stem).string() + ": not found; " + fetchHint(kind);
    }
  }
  return std::nullopt;
}

bool dataDirIsImplicit(const std::string& explicit_dir) {
  const char* env = std::getenv("MULAB_DATA");
  return explicit_dir.empty() && !(env && *env);
}

Result<DataSplit> loadDataset(DatasetKind kind, const std::string& data_dir, bool system_fallback,
                              const LoadCancelled& cancelled) {
  if (auto missing = datasetMissing(kind, data_dir, system_fallback)) return Error{*missing};
  const DatasetFiles f = datasetFiles(kind, data_dir, system_fallback);
  auto train = loadImagesAndLabels(f.file("train-images-idx3-ubyte").string(),
                                   f.file("train-labels-idx1-ubyte").string(), cancelled);
  if (!train) return Error{train.error()};
  auto test = loadImagesAndLabels(f.file("t10k-images-idx3-ubyte").string(),
                                  f.file("t10k-labels-idx1-ubyte").string(), cancelled);
  if (!test) return Error{test.error()};
  if (test->rows != train->rows || test->cols != train->cols) {
    return Error{f.file("t10k-images-idx3-ubyte").string() +
                 ": image size differs from the training set"};
  }
  return DataSplit{std::move(*train), std::move(*test)};
}

}  // namespace mulab
