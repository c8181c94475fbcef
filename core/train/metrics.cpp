#include "train/metrics.hpp"

#include <cstdio>

#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

std::string cell(double v, const char* fmt) {
  if (std::isnan(v)) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

const std::string kColumns[8] = {"epoch",      "step",      "samples",  "updates",
                                 "wall_s",     "train_loss", "train_acc", "test_acc"};

}  // namespace

std::string metricsCsvHeader() {
  return "epoch,step,samples,updates,wall_s,train_loss,train_acc,test_acc";
}

std::string metricsCsvRow(const MetricPoint& p) {
  return cell(p.epoch, "%.6g") + "," + std::to_string(p.step) + "," + std::to_string(p.samples) +
         "," + std::to_string(p.updates) + "," + cell(p.wall_s, "%.6g") + "," +
         cell(p.train_loss, "%.6g") + "," + cell(p.train_acc, "%.6g") + "," +
         cell(p.test_acc, "%.6g");
}

std::string metricsCsv(const std::vector<MetricPoint>& points) {
  std::string out = metricsCsvHeader() + "\n";
  for (const MetricPoint& p : points) out += metricsCsvRow(p) + "\n";
  return out;
}

Result<std::vector<MetricPoint>> parseMetricsCsv(std::string_view text, const std::string& name) {
  auto lines = splitLines(text, kMaxMetricsCsvLine, name);
  if (!lines) return Error{lines.error()};
  if (lines->empty() || (*lines)[0] != metricsCsvHeader()) {
    return Error{name + ": line 1: expected the header '" + metricsCsvHeader() + "'"};
  }
  std::vector<MetricPoint> points;
  for (size_t number = 2; number <= lines->size(); ++number) {
    const std::string_view line = (*lines)[number - 1];
    if (line.empty()) continue;
    const std::string where = name + ": line " + std::to_string(number);
    if (points.size() >= kMaxMetricsRows) {
      return Error{where + ": more than " + std::to_string(kMaxMetricsRows) + " rows"};
    }
    std::vector<std::string_view> cells;
    size_t start = 0;
    while (true) {
      const size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (comma == std::string_view::npos || cells.size() > 8) break;
      start = comma + 1;
    }
    if (cells.size() != 8) {
      return Error{where + ": expected 8 fields, got " +
                   (cells.size() > 8 ? std::string("more") : std::to_string(cells.size()))};
    }
    double v[8];
    for (int i = 0; i < 8; ++i) {
      if (cells[i].empty() && i >= 5) {
        v[i] = NAN;
        continue;
      }
      auto r = parseFiniteDouble(cells[i], where + ": " + kColumns[i]);
      if (!r) return Error{r.error()};
      v[i] = *r;
    }
    // Counts are whole, non-negative and small enough for a long; rates in [0, 1].
    for (int i : {1, 2, 3}) {
      if (v[i] < 0 || v[i] > 1e15 || v[i] != std::floor(v[i])) {
        return Error{where + ": " + kColumns[i] + " must be a whole number in 0..1e15"};
      }
    }
    if (v[0] < 0 || v[4] < 0) return Error{where + ": epoch and wall_s must not be negative"};
    for (int i : {6, 7}) {
      if (!std::isnan(v[i]) && (v[i] < 0 || v[i] > 1)) {
        return Error{where + ": " + kColumns[i] + " must lie in [0, 1]"};
      }
    }
    MetricPoint p{v[0], long(v[1]), long(v[2]), long(v[3]), v[4], v[5], v[6], v[7]};
    if (!points.empty() && p.step <= points.back().step) {
      return Error{where + ": steps must increase"};
    }
    points.push_back(p);
  }
  return points;
}

Result<std::vector<MetricPoint>> readMetricsCsv(const std::string& path) {
  auto text = readTextFile(path, kMaxMetricsCsvBytes, "metrics CSV");
  if (!text) return Error{text.error()};
  return parseMetricsCsv(*text, path);
}

}  // namespace mulab
