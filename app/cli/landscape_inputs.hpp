// What `mulab-cli landscape` and `mulab-cli interpolate` share on top of the
// landscape pipeline (core/landscape/landscape_pipeline.hpp): the subset
// flags (--samples --split --seed --data-dir --memory-limit) as a request,
// ranges "A:B", checkpoint folders named by a flag, and the pipeline's
// errors as the CLI reports them.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "landscape/landscape_pipeline.hpp"
#include "landscape/nested_grid.hpp"

namespace mulab::cli {

struct SubsetFlags {
  std::string samples = "1000", split = "train", seed = "1", data_dir, memory_limit;
};
void addSubsetFlags(CLI::App& cmd, SubsetFlags& flags);

struct SubsetRequest {
  long samples = 1000;
  bool test_split = false;
  uint64_t seed = 1;
  uint64_t memory_limit = 0;  // resolved: --memory-limit or the default
};
// Parses the flags (UsageError naming the flag).
SubsetRequest parseSubsetFlags(const SubsetFlags& flags);
// A pipeline request with the subset and data folder these describe, no runs yet.
LandscapeRequest landscapeRequest(const SubsetFlags& flags, const SubsetRequest& r);

// "A:B" with A < B, both finite and within +-1e6; `flag` names it in errors.
std::pair<double, double> parseInterval(const std::string& text, const std::string& flag);
// "A:B" for both axes or "A:B,C:D" for x then y.
GridRange parseRange(const std::string& text, const std::string& flag);

// Reads every folder's manifest into the request as a run (cheap),
// refusing a second architecture or dataset; errors are UsageErrors naming
// `flag` and the file.
void addFolders(LandscapeRequest& request, const std::vector<std::string>& dirs,
                const std::string& flag);

// Throws a pipeline error as the CLI reports it: a UsageError (status 2),
// or an OutputError (status 1) for data or files that could not be read.
[[noreturn]] void fail(const LandscapeError& error);

// Checks an output path before any work (UsageError naming the flag).
void checkOutput(const std::string& path, const std::string& flag);
// Writes an output at the end; an error line and false if it cannot.
bool writeOutput(const std::string& path, const std::string& flag, const std::string& text);

// The evaluation subset as the JSON outputs record it (split, samples, seed, class counts).
nlohmann::json subsetJson(const EvalSubset& subset);

// "%.9g" for CSV and summaries.
std::string number(double v);

}  // namespace mulab::cli
