// Image classification datasets (MNIST, Fashion-MNIST) as Eigen matrices:
// one sample per column, pixels scaled to [0, 1], labels 0-9.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/choice.hpp"
#include "util/result.hpp"

namespace mulab {

struct Dataset {
  Eigen::MatrixXf images;      // (rows * cols) x count, column-major: a sample is contiguous
  std::vector<uint8_t> labels; // count
  int rows = 0, cols = 0;
  long size() const { return static_cast<long>(labels.size()); }
};

// Largest image side accepted from an IDX file (MNIST's is 28).
inline constexpr uint32_t kMaxImageSide = 512;

struct DataSplit {
  Dataset train, test;
};

enum class DatasetKind { kMnist, kFashionMnist };
const Choices<DatasetKind>& datasetChoices();
std::string_view toString(DatasetKind kind);
Result<DatasetKind> parseDatasetKind(std::string_view name);

// Asked between the steps of a load (each file read, each conversion): true
// stops it with the error kCancelledLoad.
using LoadCancelled = std::function<bool()>;
inline constexpr const char* kCancelledLoad = "cancelled";

// Pairs an IDX image file (rank 3) with its label file (rank 1).
Result<Dataset> loadImagesAndLabels(const std::string& images_path, const std::string& labels_path,
                                    const LoadCancelled& cancelled = {});

// Data directory: `explicit_dir` if not empty, else $MULAB_DATA, else "data"
// (the folder scripts/fetch-data.sh fills).
std::string resolveDataDir(const std::string& explicit_dir);

// True when the user named no data folder (neither a flag nor $MULAB_DATA):
// only then may Fashion-MNIST come from Debian's folder instead.
bool dataDirIsImplicit(const std::string& explicit_dir);

// Loads <dir>/mnist/*-ubyte or <dir>/fashion-mnist/*-ubyte.gz. With
// `system_fallback`, Fashion-MNIST missing from <dir> is taken from Debian's
// /usr/share/datasets/fashion-mnist; a folder the user named is never
// silently replaced by another.
Result<DataSplit> loadDataset(DatasetKind kind, const std::string& data_dir,
                              bool system_fallback = false, const LoadCancelled& cancelled = {});

// The command that fetches the data, for error messages.
std::string fetchHint(DatasetKind kind);

// Without reading the files: the "not found" error loadDataset would give, if any.
std::optional<std::string> datasetMissing(DatasetKind kind, const std::string& data_dir,
                                          bool system_fallback = false);

}  // namespace mulab
