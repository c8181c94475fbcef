// What `mulab-cli landscape` and `mulab-cli interpolate` share: the subset
// flags (--samples --split --seed --data-dir --memory-limit), ranges "A:B",
// checkpoint folders read and checked against each other, and the dataset.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "landscape/eval_subset.hpp"
#include "landscape/nested_grid.hpp"
#include "train/checkpoint_files.hpp"

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

// "A:B" with A < B, both finite and within +-1e6; `flag` names it in errors.
std::pair<double, double> parseInterval(const std::string& text, const std::string& flag);
// "A:B" for both axes or "A:B,C:D" for x then y.
GridRange parseRange(const std::string& text, const std::string& flag);

// Manifests of every folder (cheap), refusing a second architecture or
// dataset; errors are UsageErrors naming --checkpoints and the file.
std::vector<CheckpointManifest> readManifests(const std::vector<std::string>& dirs,
                                              const std::string& flag);

// Loads the dataset the manifests name and draws the subset; a failure to
// load is an error line and status 1 (like `train`), thrown as OutputError.
std::shared_ptr<const EvalSubset> loadSubset(const CheckpointManifest& first,
                                             const SubsetFlags& flags, const SubsetRequest& r);

// Loads every tensor; faults are reported like the data's (status 1).
CheckpointFolder loadFolder(const std::string& dir);

// Checks an output path before any work (UsageError naming the flag).
void checkOutput(const std::string& path, const std::string& flag);
// Writes an output at the end; an error line and false if it cannot.
bool writeOutput(const std::string& path, const std::string& flag, const std::string& text);

// "%.9g" for CSV and summaries.
std::string number(double v);

}  // namespace mulab::cli
