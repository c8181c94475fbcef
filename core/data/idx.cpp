#include "data/idx.hpp"

#include <zlib.h>

#include <cstdio>
#include <memory>

#include "util/file_read.hpp"

namespace mulab {
namespace {

uint32_t bigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

Error fail(const std::string& name, const std::string& what) { return Error{name + ": " + what}; }

// The dimensions, checked against the bytes; `header` is set to where the data starts.
Result<IdxArray> parseIdxHeader(std::span<const uint8_t> bytes, const std::string& name, size_t& header_size) {
  if (bytes.empty()) return fail(name, "file is empty");
  if (bytes.size() < 4) return fail(name, "truncated: shorter than the 4-byte IDX magic");
  if (bytes[0] != 0 || bytes[1] != 0) {
    return fail(name, "wrong magic: an IDX file starts with two zero bytes");
  }
  if (bytes[2] != 0x08) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "unsupported IDX data type 0x%02x (only 0x08, unsigned byte)",
                  bytes[2]);
    return fail(name, buf);
  }
  const unsigned rank = bytes[3];
  if (rank < 1 || rank > 4) {
    return fail(name, "wrong rank " + std::to_string(rank) + " (expected 1 to 4)");
  }
  const size_t header = 4 + 4 * size_t{rank};
  header_size = header;
  if (bytes.size() < header) return fail(name, "truncated inside the dimension header");
  IdxArray out;
  uint64_t count = 1;
  for (unsigned d = 0; d < rank; ++d) {
    const uint32_t dim = bigEndian32(bytes.data() + 4 + 4 * d);
    if (dim == 0) return fail(name, "dimension " + std::to_string(d + 1) + " of " + std::to_string(rank) + " is 0");
    out.dims.push_back(dim);
    count *= dim;
    if (count > kMaxIdxBytes) {
      return fail(name, "dimensions describe more than " + std::to_string(kMaxIdxBytes >> 20) +
                            " MiB of data");
    }
  }
  const uint64_t payload = bytes.size() - header;
  if (payload < count) {
    return fail(name, "truncated: dimensions need " + std::to_string(count) + " data bytes, file has " +
                          std::to_string(payload));
  }
  if (payload > count) {
    return fail(name, "dimensions need " + std::to_string(count) + " data bytes but the file has " +
                          std::to_string(payload) + " (trailing data)");
  }
  return out;
}

}  // namespace

Result<IdxArray> parseIdx(std::span<const uint8_t> bytes, const std::string& name) {
  size_t header = 0;
  auto out = parseIdxHeader(bytes, name, header);
  if (out) out->data.assign(bytes.begin() + header, bytes.end());
  return out;
}

Result<std::vector<uint8_t>> readMaybeGzip(const std::string& path) {
  auto raw = readBinaryFile(path, kMaxIdxBytes, "IDX file");
  if (!raw) return Error{raw.error()};
  return gunzipIfNeeded(std::move(*raw), path);
}

Result<std::vector<uint8_t>> gunzipIfNeeded(std::vector<uint8_t> raw, const std::string& path) {
  if (raw.size() < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;

  // gzip: inflate in chunks, capped at kMaxIdxBytes.
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return fail(path, "zlib initialisation failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = raw.data();
  zs.avail_in = static_cast<uInt>(raw.size());
  std::vector<uint8_t> out;
  std::vector<uint8_t> chunk(1 << 20);
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = chunk.data();
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
        return fail(path, "truncated gzip stream");
      }
      return fail(path, std::string("corrupt gzip data (") + (zs.msg ? zs.msg : "zlib error") + ")");
    }
    const size_t got = chunk.size() - zs.avail_out;
    if (out.size() + got > kMaxIdxBytes) return fail(path, "decompresses to more than 256 MiB");
    out.insert(out.end(), chunk.begin(), chunk.begin() + got);
    if (rc != Z_STREAM_END && got == 0 && zs.avail_in == 0) {
      return fail(path, "truncated gzip stream");
    }
  }
  return out;
}

Result<IdxArray> readIdx(const std::string& path) {
  auto bytes = readMaybeGzip(path);
  if (!bytes) return Error{bytes.error()};
  size_t header = 0;
  auto out = parseIdxHeader(*bytes, path, header);
  if (!out) return out;
  // The file's own buffer, its header cut off in place: no second copy of a
  // 47 MB image file.
  out->data = std::move(*bytes);
  out->data.erase(out->data.begin(), out->data.begin() + ptrdiff_t(header));
  return out;
}

}  // namespace mulab
