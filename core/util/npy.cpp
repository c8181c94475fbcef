#include "util/npy.hpp"

#include <bit>
#include <cctype>
#include <cstring>
#include <optional>
#include <string_view>

namespace mulab {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr size_t kAlign = 64;
constexpr size_t kGrowthDigits = 21;  // numpy's GROWTH_AXIS_MAX_DIGITS
constexpr int kMaxRank = 8;

// The header dict as a tiny Python-literal parser sees it.
struct HeaderDict {
  std::optional<std::string> descr;
  std::optional<bool> fortran_order;
  std::optional<std::vector<long>> shape;
};

class DictParser {
 public:
  explicit DictParser(std::string_view text) : s_(text) {}

  std::optional<std::string> parse(HeaderDict& d) {
    skip();
    if (!eat('{')) return "header does not start with '{'";
    while (true) {
      skip();
      if (eat('}')) break;
      std::string key;
      if (!quoted(key)) return "expected a quoted key in the header";
      skip();
      if (!eat(':')) return "expected ':' after '" + key + "' in the header";
      skip();
      if (key == "descr") {
        std::string v;
        if (!quoted(v)) return "'descr' is not a string";
        d.descr = v;
      } else if (key == "fortran_order") {
        if (word("True")) {
          d.fortran_order = true;
        } else if (word("False")) {
          d.fortran_order = false;
        } else {
          return "'fortran_order' is not True or False";
        }
      } else if (key == "shape") {
        std::vector<long> shape;
        if (auto err = tuple(shape)) return *err;
        d.shape = shape;
      } else {
        return "unknown key '" + key + "' in the header";
      }
      skip();
      if (eat(',')) continue;
      skip();
      if (eat('}')) break;
      return "expected ',' or '}' in the header";
    }
    skip();
    if (i_ != s_.size()) return "text after the header's '}'";
    return std::nullopt;
  }

 private:
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool quoted(std::string& out) {
    if (i_ >= s_.size() || (s_[i_] != '\'' && s_[i_] != '"')) return false;
    const char q = s_[i_++];
    const size_t end = s_.find(q, i_);
    if (end == std::string_view::npos || end - i_ > 64) return false;
    out = std::string(s_.substr(i_, end - i_));
    i_ = end + 1;
    return true;
  }
  std::optional<std::string> tuple(std::vector<long>& shape) {
    if (!eat('(')) return "'shape' is not a tuple";
    while (true) {
      skip();
      if (eat(')')) return std::nullopt;
      long v = 0;
      int digits = 0;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
        if (++digits > 12) return "a 'shape' entry is too large";
        v = v * 10 + (s_[i_++] - '0');
      }
      if (digits == 0) return "'shape' holds something other than whole numbers";
      if (shape.size() >= kMaxRank) return "'shape' has more than 8 dimensions";
      shape.push_back(v);
      skip();
      if (eat(',')) continue;
      if (eat(')')) return std::nullopt;
      return "'shape' is not a tuple of whole numbers";
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

uint32_t readLe(const uint8_t* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

std::string shapeString(std::span<const long> shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::string npyHeader(std::span<const long> shape) {
  std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
  const size_t first = std::to_string(shape.empty() ? 0 : shape[0]).size();
  if (!shape.empty() && first < kGrowthDigits) dict.append(kGrowthDigits - first, ' ');
  const size_t fixed = kMagic.size() + 2 + 2;  // magic, version, uint16 length
  const size_t pad = kAlign - (fixed + dict.size() + 1) % kAlign;
  dict.append(pad % kAlign, ' ');
  dict += '\n';
  std::string out(kMagic);
  out += char(1);
  out += char(0);
  out += char(dict.size() & 0xff);
  out += char(dict.size() >> 8);
  return out + dict;
}

std::string encodeNpy(std::span<const long> shape, const float* data) {
  int64_t count = 1;
  for (long d : shape) count *= d;
  std::string out = npyHeader(shape);
  const size_t head = out.size();
  out.resize(head + size_t(count) * 4);
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(out.data() + head, data, size_t(count) * 4);
  } else {
    for (long i = 0; i < count; ++i) {
      const uint32_t v = std::bit_cast<uint32_t>(data[i]);
      for (int b = 0; b < 4; ++b) out[head + size_t(i) * 4 + b] = char((v >> (8 * b)) & 0xff);
    }
  }
  return out;
}

Result<NpyFloatArray> decodeNpy(std::span<const uint8_t> bytes, const std::string& name) {
  auto fail = [&](const std::string& what) { return Error{name + ": " + what}; };
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    return fail("not an NPY file (no \\x93NUMPY magic)");
  }
  const int major = bytes[6];
  if (major < 1 || major > 3) {
    return fail("NPY version " + std::to_string(major) + "." + std::to_string(bytes[7]) +
                " is not supported (1.0 to 3.0)");
  }
  const int len_bytes = major == 1 ? 2 : 4;
  if (bytes.size() < size_t(8 + len_bytes)) return fail("truncated header");
  const size_t header_len = readLe(bytes.data() + 8, len_bytes);
  const size_t data_at = 8 + len_bytes + header_len;
  if (data_at > bytes.size()) {
    return fail("truncated header (" + std::to_string(header_len) + " bytes announced, " +
                std::to_string(bytes.size() - 8 - len_bytes) + " present)");
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()) + 8 + len_bytes,
                              header_len);
  HeaderDict d;
  if (auto err = DictParser(text).parse(d)) return fail(*err);
  if (!d.descr || !d.fortran_order || !d.shape) {
    return fail("header lacks " + std::string(!d.descr           ? "'descr'"
                                              : !d.fortran_order ? "'fortran_order'"
                                                                 : "'shape'"));
  }
  if (*d.descr != "<f4") {
    return fail("dtype '" + *d.descr + "', expected '<f4' (float32, little-endian)");
  }
  if (*d.fortran_order) return fail("Fortran order; expected C order (fortran_order False)");
  int64_t count = 1;
  for (long dim : *d.shape) {
    if (dim > 0 && count > (int64_t{1} << 40) / dim)
      return fail("shape " + shapeString(*d.shape) + " is too large");
    count *= dim;
  }
  const size_t have = bytes.size() - data_at, want = size_t(count) * 4;
  if (have < want) {
    return fail("truncated: " + std::to_string(have) + " bytes of data for shape " +
                shapeString(*d.shape) + ", expected " + std::to_string(want));
  }
  if (have > want) {
    return fail(std::to_string(have - want) + " bytes after the data of shape " +
                shapeString(*d.shape));
  }
  NpyFloatArray a;
  a.shape = *d.shape;
  a.data.resize(size_t(count));
  for (long i = 0; i < count; ++i) {
    a.data[size_t(i)] = std::bit_cast<float>(readLe(bytes.data() + data_at + size_t(i) * 4, 4));
  }
  return a;
}

}  // namespace mulab
