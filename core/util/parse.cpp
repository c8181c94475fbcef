#include "util/parse.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace mulab {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<double> parseFiniteDouble(std::string_view text, std::string_view what) {
  const std::string s(trim(text));
  if (s.empty()) return Error{std::string(what) + ": expected a number, got an empty value"};
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) {
    return Error{std::string(what) + ": '" + s + "' is not a number"};
  }
  if (!std::isfinite(v)) {  // also catches overflow (strtod returns HUGE_VAL)
    return Error{std::string(what) + ": '" + s + "' is not a finite number"};
  }
  return v;
}

Result<long> parseCount(std::string_view text, std::string_view what) {
  const std::string s(trim(text));
  if (s.empty()) return Error{std::string(what) + ": expected a whole number, got an empty value"};
  errno = 0;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (end != s.c_str() + s.size()) {
    return Error{std::string(what) + ": '" + s + "' is not a whole number"};
  }
  if (errno == ERANGE) return Error{std::string(what) + ": '" + s + "' is out of range"};
  if (v < 0) return Error{std::string(what) + ": must not be negative, got " + s};
  return v;
}

std::vector<std::string> splitList(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = trim(text.substr(start, end - start));
    if (!part.empty()) parts.emplace_back(part);
    start = end + 1;
  }
  return parts;
}

Result<uint64_t> parseByteSize(std::string_view text, std::string_view what) {
  std::string s(trim(text));
  if (s.empty()) return Error{std::string(what) + ": expected a size like 4G or 512M, got an empty value"};
  double scale = 1;
  for (const char* suffix : {"iB", "B"}) {
    const std::string_view sv(suffix);
    if (s.size() > sv.size() && s.compare(s.size() - sv.size(), sv.size(), sv) == 0) {
      s.resize(s.size() - sv.size());
      break;
    }
  }
  if (!s.empty()) {
    switch (s.back()) {
      case 'K': case 'k': scale = 1024.0; break;
      case 'M': case 'm': scale = 1024.0 * 1024; break;
      case 'G': case 'g': scale = 1024.0 * 1024 * 1024; break;
      case 'T': case 't': scale = 1024.0 * 1024 * 1024 * 1024; break;
      default: break;
    }
    if (scale > 1) s.pop_back();
  }
  auto v = parseFiniteDouble(s, what);
  if (!v || *v <= 0 || *v * scale > 1e18) {
    return Error{std::string(what) + ": expected a size like 4G or 512M, got '" + std::string(trim(text)) + "'"};
  }
  return uint64_t(*v * scale);
}

Result<std::pair<double, double>> parsePoint(std::string_view text, std::string_view what) {
  const size_t comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) {
    return Error{std::string(what) + ": expected two numbers as X,Y, got '" + std::string(text) +
                 "'"};
  }
  auto x = parseFiniteDouble(text.substr(0, comma), what);
  if (!x) return Error{x.error()};
  auto y = parseFiniteDouble(text.substr(comma + 1), what);
  if (!y) return Error{y.error()};
  return std::pair{*x, *y};
}

std::string formatDuration(double s) {
  if (!std::isfinite(s)) return "?";
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  }
  return buf;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace mulab
