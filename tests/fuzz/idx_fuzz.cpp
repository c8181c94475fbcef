// libFuzzer target: arbitrary bytes through the gzip layer and the IDX parser,
// then, when they parse as an image file, through the dataset conversion.
// Any crash, sanitizer report, hang or huge allocation is a bug: readers must
// answer every input with a value or an Error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/idx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = mulab::gunzipIfNeeded(std::vector<uint8_t>(data, data + size), "fuzz");
  if (!bytes) return 0;
  auto idx = mulab::parseIdx(*bytes, "fuzz");
  if (!idx) return 0;
  // Touch every byte so a wrong size would be caught by AddressSanitizer.
  size_t sum = 0;
  for (uint8_t b : idx->data) sum += b;
  uint64_t count = 1;
  for (uint32_t d : idx->dims) count *= d;
  if (count != idx->data.size()) __builtin_trap();
  return sum == 0xdeadbeef;
}
