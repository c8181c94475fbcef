// libFuzzer target: arbitrary text through the replay CSV parser; every
// series it accepts must be written back and parsed to the same points.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "train/metrics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto points = mulab::parseMetricsCsv(text, "fuzz");
  if (!points) return 0;
  auto again = mulab::parseMetricsCsv(mulab::metricsCsv(*points), "fuzz");
  if (!again) __builtin_trap();  // whatever the parser accepts, the writer must reproduce
  if (again->size() != points->size()) __builtin_trap();
  for (size_t i = 0; i < points->size(); ++i) {
    if ((*again)[i].step != (*points)[i].step) __builtin_trap();
    if (std::isnan((*again)[i].test_acc) != std::isnan((*points)[i].test_acc)) __builtin_trap();
  }
  return 0;
}
