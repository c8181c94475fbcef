// The options of `mulab-cli train`, declared once (train_command.cpp) and
// shared: `train` parses them from its command line, a sweep grid from JSON
// keys of the same names (sweep_command.cpp), so the same mistake gets the
// same message in both.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "train/run.hpp"
#include "util/result.hpp"

namespace mulab::cli {

// (name, value) pairs; a name is a flag without its dashes, '-' or '_'.
using OptionList = std::vector<std::pair<std::string, std::string>>;

// Every run option's name in declaration order, '-' spelled '_' ("lr_out").
// Train's output flags (--csv, --quiet) are not run options.
const std::vector<std::string>& runOptionNames();

// Parses `--name=value` for each pair exactly as `train` parses its command
// line: an unknown name, a type or range error, an empty value or a run over
// the memory budget gives train's one-line message ("--lr: 'x' is not a
// number"). A switch takes "true" or "false".
Result<RunConfig> runConfigFromOptions(const OptionList& options);

}  // namespace mulab::cli
