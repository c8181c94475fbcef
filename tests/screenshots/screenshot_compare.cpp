// screenshot_compare ACTUAL GOLDEN [DIFF_OUT [MAX_DIFF_FRACTION]]: exit 0 when
// the images match within tolerance, 1 when they differ (writing DIFF_OUT), 2
// on bad input.
#include <cstdio>
#include <cstdlib>

#include "image_compare.hpp"

int main(int argc, char** argv) {
  using namespace mulab::screenshots;
  if (argc < 3) {
    std::fprintf(stderr, "usage: screenshot_compare ACTUAL GOLDEN [DIFF_OUT]\n");
    return 2;
  }
  std::string err;
  auto actual = loadPng(argv[1], &err);
  if (!actual) {
    std::fprintf(stderr, "screenshot_compare: %s\n", err.c_str());
    return 2;
  }
  auto golden = loadPng(argv[2], &err);
  if (!golden) {
    std::fprintf(stderr, "screenshot_compare: %s\n", err.c_str());
    return 2;
  }
  CompareOptions options;
  if (argc > 4) options.max_diff_fraction = std::atof(argv[4]);
  const CompareResult r = compareImages(*actual, *golden, options);
  std::printf("%s: %s\n", argv[1], r.summary().c_str());
  if (!r.pass && argc > 3 && r.same_size) savePng(r.diff, argv[3]);
  return r.pass ? 0 : 1;
}
