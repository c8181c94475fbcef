// An option a user sets on a configuration, declared once as a row of a
// table (train/run_options.hpp, optim/optimizer_options.hpp): its key, help,
// kind, bounds and field. Every face reads and writes the configuration
// through the row, so each option is parsed, checked, named and stored the
// same way on the command line, in scene and manifest JSON, in sweep grids
// and in the lab's form:
//
//   --lr-out 0.1             text       setOptionText / optionText
//   "lr_out": 0.1            JSON       setOptionJson / optionJson
//   a slider in the lab      value      option.get / option.set
//
// Errors name the option as the caller says ("--lr-out", "lab.runs[0].lr_out").
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "util/choice.hpp"

namespace mulab {

enum class OptionKind {
  kNumber,  // a finite real within its bounds
  kCount,   // a whole number within its bounds; `off` (if set) spells -1
  kChoice,  // one of `choices`, held as its index
  kWidths,  // layer widths: "500,500" on the command line, [500, 500] in JSON, "none" for []
  kPath,    // a file or folder
  kBytes,   // a memory size: "4G", "512M" (0: the default)
};

// Where an option is kept beyond the command line.
enum OptionStore : unsigned {
  kStoreScene = 1u,     // a scene's lab runs (and the app's session)
  kStoreManifest = 2u,  // a checkpoint folder's manifest
  kStoreGrid = 4u,      // a sweep grid's keys
  kStoreAll = 7u,
};

// How the lab's form shows an option (the CLI and files ignore it).
struct FormHint {
  enum Widget { kInput, kSlider, kLogSlider, kHidden } widget = kInput;
  double lo = 0, hi = 0;          // slider range
  double step = 0, step_fast = 0; // +/- buttons of an input
  bool main = false;              // in the form itself, not under "More options"
};

// Everything about an option that does not depend on the configuration type.
struct OptionSpec {
  std::string key;    // "lr_out": JSON and grid key; the flag is --lr-out
  std::string help;   // the flag's help, without its default
  std::string label;  // the lab form's label ("η_out")
  OptionKind kind = OptionKind::kNumber;
  double lo = 0, hi = 0;             // bounds (kWidths: of each width)
  bool lo_open = false, hi_open = false;
  size_t max_items = 0;              // kWidths: at most this many
  std::string off;                   // kCount: the word for -1 ("off"), if any
  const ChoiceNames* choices = nullptr;  // kChoice
  unsigned stored = kStoreAll;
  FormHint form;

  std::string flag() const;  // "--lr-out"
};

// Options as (name, text) pairs, as a command line or a sweep grid gives them.
using OptionList = std::vector<std::pair<std::string, std::string>>;

// A value as the table holds it: numbers, counts, choice indices and byte
// sizes as double (exact below 2^53), widths as a list, paths as text.
using OptionValue = std::variant<double, std::vector<int>, std::string>;

template <class Config>
struct Option {
  OptionSpec spec;
  std::function<OptionValue(const Config&)> get;
  std::function<void(Config&, const OptionValue&)> set;
  // Whether the option matters for this configuration (the form hides it
  // otherwise: η_out under the additive rule, β1 for SGD). Default: always.
  std::function<bool(const Config&)> matters;
};

// Text forms: "0.001", "hybrid", "500,500", "none", "off", "4G".
Result<OptionValue> parseOptionText(const OptionSpec& spec, std::string_view text, const std::string& name);
std::string formatOptionValue(const OptionSpec& spec, const OptionValue& value);
// JSON forms (numbers, strings, lists); the error names `name`.
Result<OptionValue> parseOptionJson(const OptionSpec& spec, const nlohmann::json& value, const std::string& name);
nlohmann::json optionValueJson(const OptionSpec& spec, const OptionValue& value);
// "a number", "a list", "true/false", ... for "expected X, got Y" messages.
std::string jsonTypeName(const nlohmann::json& value);
// The first key of a JSON object that is not in `keys`, as an error naming it
// and the valid keys ("lab.runs[0].lrr: unknown field (valid: ...)").
std::optional<std::string> unknownField(const nlohmann::json& object, const std::vector<std::string>& keys,
                                        const std::string& path);
// The bounds check the parsers apply, for values set in code (the lab's form).
std::optional<std::string> checkOptionValue(const OptionSpec& spec, const OptionValue& value, const std::string& name);

template <class Config>
std::optional<std::string> setOptionText(const Option<Config>& o, Config& c, std::string_view text,
                                         const std::string& name) {
  auto v = parseOptionText(o.spec, text, name);
  if (!v) return v.error();
  o.set(c, *v);
  return std::nullopt;
}
template <class Config>
std::string optionText(const Option<Config>& o, const Config& c) {
  return formatOptionValue(o.spec, o.get(c));
}

// [SECTION] Field accessors for the tables

// A number, count, bool or enum member; enums and bools as choice indices.
template <class Config, class T>
std::pair<std::function<OptionValue(const Config&)>, std::function<void(Config&, const OptionValue&)>> field(
    T Config::*member) {
  auto get = [member](const Config& c) -> OptionValue {
    if constexpr (std::is_same_v<T, std::vector<int>> || std::is_same_v<T, std::string>) {
      return c.*member;
    } else {
      return static_cast<double>(c.*member);
    }
  };
  auto set = [member](Config& c, const OptionValue& v) {
    if constexpr (std::is_same_v<T, std::vector<int>>) {
      c.*member = std::get<std::vector<int>>(v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      c.*member = std::get<std::string>(v);
    } else if constexpr (std::is_enum_v<T>) {
      c.*member = static_cast<T>(static_cast<int>(std::get<double>(v)));
    } else {
      c.*member = static_cast<T>(std::get<double>(v));
    }
  };
  return {get, set};
}

// An option of a part of Config (its OptimizerConfig) as an option of Config.
template <class Config, class Part>
Option<Config> lift(const Option<Part>& o, Part Config::*part) {
  Option<Config> out;
  out.spec = o.spec;
  out.get = [get = o.get, part](const Config& c) { return get(c.*part); };
  out.set = [set = o.set, part](Config& c, const OptionValue& v) { set(c.*part, v); };
  if (o.matters) out.matters = [m = o.matters, part](const Config& c) { return m(c.*part); };
  return out;
}

}  // namespace mulab
