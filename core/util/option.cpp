#include "util/option.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "util/parse.hpp"

namespace mulab {
namespace {

using nlohmann::json;

// The shortest text that reads back as the same double.
std::string shortest(double v) {
  char buf[40];
  for (int digits : {6, 15, 17}) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string whole(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string bracket(const OptionSpec& s) {
  return (s.lo_open ? "(" : "[") + shortest(s.lo) + ", " + shortest(s.hi) + (s.hi_open ? ")" : "]");
}

std::optional<std::string> checkNumber(const OptionSpec& s, double v, const std::string& name) {
  const bool low = v < s.lo || (s.lo_open && v == s.lo);
  const bool high = v > s.hi || (s.hi_open && v == s.hi);
  if (!low && !high) return std::nullopt;
  if (low && s.lo == 0) {
    return name + ": " + (s.lo_open ? "must be positive" : "must not be negative") + ", got " + shortest(v);
  }
  return name + ": must lie in " + bracket(s) + ", got " + shortest(v);
}

// `off_value`: -1 stands for the `off` word (values set in code); a user
// writes the word, never -1.
std::optional<std::string> checkCount(const OptionSpec& s, double v, const std::string& name, bool off_value) {
  if (off_value && !s.off.empty() && v == -1) return std::nullopt;
  if (v >= s.lo && v <= s.hi) return std::nullopt;
  if (v < 0 && s.lo == 0) return name + ": must not be negative, got " + whole(v);
  return name + ": must lie in " + whole(s.lo) + ".." + whole(s.hi) + (s.off.empty() ? "" : " (or " + s.off + ")") +
         ", got " + whole(v);
}

std::optional<std::string> checkWidths(const OptionSpec& s, const std::vector<int>& widths, const std::string& name) {
  if (widths.size() > s.max_items) {
    return name + ": at most " + std::to_string(s.max_items) + " hidden layers";
  }
  for (int w : widths) {
    if (w < s.lo || w > s.hi) {
      return name + ": widths must lie in " + whole(s.lo) + ".." + whole(s.hi) + ", got " + std::to_string(w);
    }
  }
  return std::nullopt;
}

// A whole number, signed, that fits in a long: "12", "-1".
Result<double> parseWhole(std::string_view text, const std::string& name) {
  std::string t(text);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  if (t.empty()) return Error{name + ": expected a whole number, got an empty value"};
  errno = 0;
  char* end = nullptr;
  const long v = std::strtol(t.c_str(), &end, 10);
  if (end != t.c_str() + t.size()) return Error{name + ": '" + t + "' is not a whole number"};
  if (errno == ERANGE) return Error{name + ": '" + t + "' is out of range"};
  return double(v);
}

Result<OptionValue> parseWidths(const OptionSpec& s, std::string_view text, const std::string& name) {
  if (text == "none") return OptionValue{std::vector<int>{}};
  std::vector<int> widths;
  for (const std::string& part : splitList(text)) {
    auto w = parseWhole(part, name);
    if (!w) return Error{w.error()};
    if (*w < s.lo || *w > s.hi) {
      return Error{name + ": widths must lie in " + whole(s.lo) + ".." + whole(s.hi) + ", got " + part};
    }
    widths.push_back(int(*w));
  }
  if (widths.empty()) return Error{name + ": expected widths like 500,500 or 'none'"};
  if (auto err = checkWidths(s, widths, name)) return Error{*err};
  return OptionValue{std::move(widths)};
}

}  // namespace

std::string jsonTypeName(const json& j) {
  if (j.is_object()) return "an object";
  if (j.is_array()) return "a list";
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "true/false";
  if (j.is_number()) return "a number";
  return "a string";
}

std::string OptionSpec::flag() const {
  std::string f = "--" + key;
  for (char& c : f) c = c == '_' ? '-' : c;
  return f;
}

std::optional<std::string> unknownField(const json& object, const std::vector<std::string>& keys,
                                        const std::string& path) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return (path.empty() ? key : path + "." + key) + ": unknown field (valid: " + joinNames(keys) + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> checkOptionValue(const OptionSpec& s, const OptionValue& v, const std::string& name) {
  switch (s.kind) {
    case OptionKind::kNumber: {
      const double x = std::get<double>(v);
      if (!std::isfinite(x)) return name + ": must be a finite number";
      return checkNumber(s, x, name);
    }
    case OptionKind::kCount: return checkCount(s, std::get<double>(v), name, true);
    case OptionKind::kChoice: {
      const double i = std::get<double>(v);
      if (i < 0 || i >= s.choices->size()) return name + ": not one of " + joinNames(s.choices->names());
      return std::nullopt;
    }
    case OptionKind::kWidths: return checkWidths(s, std::get<std::vector<int>>(v), name);
    case OptionKind::kPath: return std::nullopt;
    case OptionKind::kBytes: return std::nullopt;
  }
  return std::nullopt;
}

Result<OptionValue> parseOptionText(const OptionSpec& s, std::string_view text, const std::string& name) {
  switch (s.kind) {
    case OptionKind::kNumber: {
      auto v = parseFiniteDouble(text, name);
      if (!v) return Error{v.error()};
      if (auto err = checkNumber(s, *v, name)) return Error{*err};
      return OptionValue{*v};
    }
    case OptionKind::kCount: {
      if (!s.off.empty() && text == s.off) return OptionValue{-1.0};
      auto v = parseWhole(text, name);
      if (!v) return Error{v.error()};
      if (auto err = checkCount(s, *v, name, false)) return Error{*err};
      return OptionValue{*v};
    }
    case OptionKind::kChoice: {
      auto i = s.choices->parse(text);
      if (!i) return Error{name + ": " + i.error()};
      return OptionValue{double(*i)};
    }
    case OptionKind::kWidths: return parseWidths(s, text, name);
    case OptionKind::kPath: return OptionValue{std::string(text)};
    case OptionKind::kBytes: {
      auto b = parseByteSize(text, name);
      if (!b) return Error{b.error()};
      return OptionValue{double(*b)};
    }
  }
  return Error{name + ": unsupported option"};
}

std::string formatOptionValue(const OptionSpec& s, const OptionValue& v) {
  switch (s.kind) {
    case OptionKind::kNumber: return shortest(std::get<double>(v));
    case OptionKind::kCount: {
      const double x = std::get<double>(v);
      return !s.off.empty() && x == -1 ? s.off : whole(x);
    }
    case OptionKind::kChoice: return std::string(s.choices->name(int(std::get<double>(v))));
    case OptionKind::kWidths: {
      const auto& widths = std::get<std::vector<int>>(v);
      std::string out;
      for (int w : widths) out += (out.empty() ? "" : ",") + std::to_string(w);
      return out.empty() ? "none" : out;
    }
    case OptionKind::kPath: return std::get<std::string>(v);
    case OptionKind::kBytes: return whole(std::get<double>(v));
  }
  return "";
}

Result<OptionValue> parseOptionJson(const OptionSpec& s, const json& j, const std::string& name) {
  switch (s.kind) {
    case OptionKind::kNumber: {
      if (!j.is_number()) return Error{name + ": expected a number, got " + jsonTypeName(j)};
      const double v = j.get<double>();
      if (auto err = checkOptionValue(s, v, name)) return Error{*err};
      return OptionValue{v};
    }
    case OptionKind::kCount: {
      if (!s.off.empty() && j.is_string() && j.get<std::string>() == s.off) return OptionValue{-1.0};
      if (!j.is_number() || std::floor(j.get<double>()) != j.get<double>()) {
        return Error{name + ": expected a whole number" + (s.off.empty() ? "" : " or \"" + s.off + "\"") + ", got " +
                     jsonTypeName(j)};
      }
      const double v = j.get<double>();
      if (auto err = checkCount(s, v, name, false)) return Error{*err};
      return OptionValue{v};
    }
    case OptionKind::kChoice:
    case OptionKind::kPath:
    case OptionKind::kBytes:
      if (!j.is_string()) return Error{name + ": expected a string, got " + jsonTypeName(j)};
      return parseOptionText(s, j.get_ref<const std::string&>(), name);
    case OptionKind::kWidths: {
      if (!j.is_array()) return Error{name + ": expected a list of widths, got " + jsonTypeName(j)};
      std::vector<int> widths;
      for (const json& w : j) {
        if (!w.is_number() || std::floor(w.get<double>()) != w.get<double>() || w.get<double>() < s.lo ||
            w.get<double>() > s.hi) {
          return Error{name + ": widths must be whole numbers in " + whole(s.lo) + ".." + whole(s.hi)};
        }
        widths.push_back(w.get<int>());
        if (widths.size() > s.max_items) break;  // checkWidths names it
      }
      if (auto err = checkWidths(s, widths, name)) return Error{*err};
      return OptionValue{std::move(widths)};
    }
  }
  return Error{name + ": unsupported option"};
}

json optionValueJson(const OptionSpec& s, const OptionValue& v) {
  switch (s.kind) {
    case OptionKind::kNumber: return std::get<double>(v);
    case OptionKind::kCount: {
      const double x = std::get<double>(v);
      if (!s.off.empty() && x == -1) return s.off;
      return static_cast<int64_t>(x);
    }
    case OptionKind::kWidths: return std::get<std::vector<int>>(v);
    default: return formatOptionValue(s, v);
  }
}

}  // namespace mulab
