// Strict text-to-number parsing for flags and scene files: the whole string
// must be consumed and the value must be finite, so "1e", "abc", "nan" and
// "inf" are all rejected with a message naming the offending field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mulab {

// Parses one finite double. `what` names the field in the error ("--lr").
Result<double> parseFiniteDouble(std::string_view text, std::string_view what);

// Parses a non-negative integer that fits in a long.
Result<long> parseCount(std::string_view text, std::string_view what);

// Splits "a,b,c" into trimmed, non-empty parts.
std::vector<std::string> splitList(std::string_view text, char separator = ',');

// Parses a memory size: "512M", "4G", "1.5GiB", "800000000" (bytes). Binary
// units K, M, G, T, with optional "B" or "iB".
Result<uint64_t> parseByteSize(std::string_view text, std::string_view what);

// Parses "x,y" into two finite doubles.
Result<std::pair<double, double>> parsePoint(std::string_view text, std::string_view what);

// An ETA or duration for progress lines: "4m05s", "2h13m", "?" if not finite.
std::string formatDuration(double seconds);

// Joins names for "valid choices" messages: "a, b, c".
std::string joinNames(const std::vector<std::string>& names);

}  // namespace mulab
