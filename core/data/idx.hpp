// IDX files (the MNIST format of LeCun et al.): a big-endian header
// 0x00 0x00 <type> <rank>, then <rank> uint32 dimensions, then the data.
// Raw and gzip-compressed files are both read; every malformed file gives an
// error naming the file and the fault instead of a crash or a huge allocation.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace mulab {

struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> data;  // unsigned bytes (type 0x08), row-major
};

// Largest decompressed file accepted, so a gzip bomb cannot exhaust memory.
inline constexpr size_t kMaxIdxBytes = size_t{256} << 20;

// Parses an IDX image already in memory. `name` is used in error messages.
Result<IdxArray> parseIdx(std::span<const uint8_t> bytes, const std::string& name);

// Gunzips `bytes` when they start with the gzip magic 1f 8b, else returns them.
Result<std::vector<uint8_t>> gunzipIfNeeded(std::vector<uint8_t> bytes, const std::string& name);

// Reads a file, gunzipping it when it starts with the gzip magic 1f 8b.
Result<std::vector<uint8_t>> readMaybeGzip(const std::string& path);

Result<IdxArray> readIdx(const std::string& path);

}  // namespace mulab
