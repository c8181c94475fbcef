#include "platform/scene_link.hpp"

#include <zlib.h>

#include <nlohmann/json.hpp>

namespace mulab::platform {
namespace {

constexpr const char* kPrefix = "scene=v1.";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

Result<std::string> unbase64url(const std::string& text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) return Error{"it is damaged (character " + std::to_string(i + 1) + " is not base64url)"};
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Raw deflate (no zlib or gzip header: six bytes fewer in every link).
std::string deflateRaw(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, uLong(in.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = uInt(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  deflate(&zs, Z_FINISH);  // the output buffer is deflateBound's size: it finishes
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

Result<std::string> inflateRaw(const std::string& in) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) return Error{"it cannot be decompressed (zlib initialisation failed)"};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = uInt(in.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > kMaxLinkJsonBytes) {
      inflateEnd(&zs);
      return Error{"it expands to more than " + std::to_string(kMaxLinkJsonBytes >> 20) + " MB"};
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended before the stream did
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Error{"it is damaged (its compressed data is cut short or corrupt)"};
  return out;
}

}  // namespace

std::string sceneToFragment(const Scene& scene) {
  const std::string compact = nlohmann::json::parse(sceneToJson(scene)).dump();
  return kPrefix + base64url(deflateRaw(compact));
}

Result<Scene> sceneFromFragment(const std::string& fragment) {
  std::string f = fragment;
  if (!f.empty() && f[0] == '#') f.erase(0, 1);
  if (f.size() > kMaxLinkChars) {
    return Error{"it is " + std::to_string(f.size()) + " characters long, more than the " +
                 std::to_string(kMaxLinkChars) + " accepted"};
  }
  const std::string prefix = kPrefix;
  if (f.compare(0, prefix.size(), prefix) != 0) {
    return Error{"it does not start with '#" + prefix + "'"};
  }
  auto packed = unbase64url(f.substr(prefix.size()));
  if (!packed) return Error{packed.error()};
  auto json = inflateRaw(*packed);
  if (!json) return Error{json.error()};
  return parseScene(*json, "its scene");
}

}  // namespace mulab::platform
