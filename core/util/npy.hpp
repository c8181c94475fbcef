// NPY files (numpy's format, numpy/lib/format.py and NEP 1), float32 only:
// the checkpoint format, so that `np.load` reads every tensor we write and we
// read the files numpy writes. Version 1.0 is written, byte for byte what
// numpy 1.24's np.save writes for a little-endian float32 C-order array: the
// magic "\x93NUMPY", 1, 0, a little-endian uint16 header length, then the
// dict "{'descr': '<f4', 'fortran_order': False, 'shape': (...), }" padded
// with spaces (21 - digits of shape[0] spare, then up to a multiple of 64
// bytes) and ended by '\n', then the data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace mulab {

// The header (magic to '\n') for a '<f4' C-order array of `shape` (rank >= 1).
std::string npyHeader(std::span<const long> shape);

// Header and little-endian data of `count = prod(shape)` floats.
std::string encodeNpy(std::span<const long> shape, const float* data);

struct NpyFloatArray {
  std::vector<long> shape;
  std::vector<float> data;  // C order
};

// Decodes an NPY file's bytes; errors start with `name` and say what is wrong
// (bad magic, unsupported version or dtype, Fortran order, a malformed
// header, truncated or excess data).
Result<NpyFloatArray> decodeNpy(std::span<const uint8_t> bytes, const std::string& name);

// "(500, 784)"
std::string shapeString(std::span<const long> shape);

}  // namespace mulab
