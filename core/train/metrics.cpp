#include "train/metrics.hpp"

#include <cstdio>

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

}  // namespace mulab
