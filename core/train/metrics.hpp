// A run's metrics series: appended by the training thread, read by any other
// thread through cheap snapshots. The lock is held only to copy new points
// (never across a training step), so neither side waits on the other for long.
#pragma once

#include <cmath>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mulab {

struct MetricPoint {
  double epoch = 0;          // fractional: 1.5 = half-way through the second epoch
  long step = 0;             // mini-batch steps so far
  long samples = 0;          // training samples seen
  long updates = 0;          // weight updates (optimizer steps or ER layer solves)
  double wall_s = 0;         // training wall time, evaluation excluded
  double train_loss = NAN;   // mean over the steps since the previous point
  double train_acc = NAN;    // same window
  double test_acc = NAN;     // NaN where the test set was not evaluated
};

class MetricsSeries {
 public:
  void append(const MetricPoint& p) {
    std::lock_guard lock(mutex_);
    points_.push_back(p);
  }
  // Copies the points from index `from` on; returns the total count.
  size_t snapshot(size_t from, std::vector<MetricPoint>& out) const {
    std::lock_guard lock(mutex_);
    for (size_t i = from; i < points_.size(); ++i) out.push_back(points_[i]);
    return points_.size();
  }
  std::vector<MetricPoint> all() const {
    std::vector<MetricPoint> out;
    snapshot(0, out);
    return out;
  }
  size_t size() const {
    std::lock_guard lock(mutex_);
    return points_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<MetricPoint> points_;
};

// CSV with a header row; NaN cells are left empty.
std::string metricsCsvHeader();
std::string metricsCsvRow(const MetricPoint& p);
// Header and one row per point, each line ending in a newline.
std::string metricsCsv(const std::vector<MetricPoint>& points);

// Limits on a metrics CSV read back (replays): file size, line length, rows.
inline constexpr uint64_t kMaxMetricsCsvBytes = uint64_t{64} << 20;
inline constexpr size_t kMaxMetricsCsvLine = 1024;
inline constexpr size_t kMaxMetricsRows = 1000000;

// Parses a CSV written by metricsCsvRow (mulab-cli train --csv), e.g. to
// replay a recorded run; errors name `name` and the line.
Result<std::vector<MetricPoint>> parseMetricsCsv(std::string_view text, const std::string& name);
// Reads and parses a metrics CSV file (a regular file, see util/file_read.hpp).
Result<std::vector<MetricPoint>> readMetricsCsv(const std::string& path);

}  // namespace mulab
