// Command-line flags registered from an option table (util/option.hpp):
// one --flag per row, its help and defaults from the row, its text handed
// back as (key, text) pairs for core to parse, so a flag is never declared
// or checked a second time here.
#pragma once

#include <CLI/CLI.hpp>
#include <deque>
#include <string>

#include "util/option.hpp"

namespace mulab::cli {

class OptionFlags {
 public:
  // Registers spec.flag() with spec.help and `defaults` ("(default 0.01)").
  void add(CLI::App& cmd, const OptionSpec& spec, const std::string& defaults);
  // The flags given on the command line, in the order registered.
  OptionList given() const;
  bool given(const std::string& key) const;

 private:
  struct Flag {
    std::string key, text;
    CLI::Option* option = nullptr;
  };
  std::deque<Flag> flags_;  // stable addresses: CLI11 writes into `text`
};

}  // namespace mulab::cli
