// Checks on parsed CLI11 options that mulab-cli and the mulab app share.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace mulab::cli {

// The first option given on the command line with an empty value
// ("--lr ''"), named: an empty value is an error, never "not given".
inline std::optional<std::string> emptyValueError(const CLI::App& command) {
  for (const CLI::Option* opt : command.get_options()) {
    if (opt->count() == 0 || opt->get_type_size() == 0) continue;  // not given, or a switch
    for (const std::string& value : opt->results()) {
      if (value.empty()) return opt->get_name() + ": expected a value, got an empty string";
    }
  }
  return std::nullopt;
}

// "--scene, --size, ..." for messages about unknown options.
inline std::string optionNames(const CLI::App& command) {
  std::string out;
  for (const CLI::Option* opt : command.get_options()) {
    const std::string name = opt->get_name();
    if (name.rfind("--", 0) != 0 || name == "--help") continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace mulab::cli
