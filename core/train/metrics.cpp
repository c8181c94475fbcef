#include "train/metrics.hpp"

#include <cstdio>
#include <fstream>

#include "util/parse.hpp"

namespace mulab {
namespace {

std::string cell(double v, const char* fmt) {
  if (std::isnan(v)) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

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

Result<std::vector<MetricPoint>> readMetricsCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{path + ": cannot open file"};
  std::string line;
  if (!std::getline(in, line) || line != metricsCsvHeader()) {
    return Error{path + ": line 1: expected the header '" + metricsCsvHeader() + "'"};
  }
  std::vector<MetricPoint> points;
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::string where = path + ": line " + std::to_string(number);
    std::vector<std::string> cells;
    size_t start = 0;
    while (true) {
      const size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (cells.size() != 8) return Error{where + ": expected 8 fields, got " + std::to_string(cells.size())};
    double v[8];
    for (int i = 0; i < 8; ++i) {
      if (cells[i].empty() && i >= 5) {
        v[i] = NAN;
        continue;
      }
      auto r = parseFiniteDouble(cells[i], where);
      if (!r) return Error{r.error()};
      v[i] = *r;
    }
    MetricPoint p{v[0], long(v[1]), long(v[2]), long(v[3]), v[4], v[5], v[6], v[7]};
    if (!points.empty() && p.step <= points.back().step) {
      return Error{where + ": steps must increase"};
    }
    points.push_back(p);
    if (points.size() > 10000000) return Error{path + ": more than 10 million rows"};
  }
  return points;
}

}  // namespace mulab
