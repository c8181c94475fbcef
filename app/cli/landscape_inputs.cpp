#include "cli/landscape_inputs.hpp"

#include <cmath>
#include <cstdio>

#include "cli/flags.hpp"
#include "landscape/landscape_budget.hpp"
#include "train/memory_budget.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"

namespace mulab::cli {

void addSubsetFlags(CLI::App& cmd, SubsetFlags& f) {
  cmd.add_option("--samples", f.samples,
                 "evaluate on this many class-stratified samples (default 1000; 10000 for a "
                 "finer picture)");
  cmd.add_option("--split", f.split, "train|test: the set the samples come from (default train)");
  cmd.add_option("--seed", f.seed, "seed of the subset (and of random directions) (default 1)");
  cmd.add_option("--data-dir", f.data_dir, "data folder (default $MULAB_DATA or ./data)");
  cmd.add_option("--memory-limit", f.memory_limit,
                 "refuse requests whose estimated memory exceeds this, e.g. 4G (default: half "
                 "the memory)");
}

SubsetRequest parseSubsetFlags(const SubsetFlags& f) {
  SubsetRequest r;
  r.samples = parseCountFlag(f.samples, "--samples");
  if (r.samples < 1 || r.samples > kMaxLandscapeSamples) {
    throw UsageError{"--samples: must lie in 1.." + std::to_string(kMaxLandscapeSamples)};
  }
  if (f.split != "train" && f.split != "test") {
    throw UsageError{"--split: unknown split '" + f.split + "' (valid: train, test)"};
  }
  r.test_split = f.split == "test";
  r.seed = uint64_t(parseCountFlag(f.seed, "--seed"));
  r.memory_limit = f.memory_limit.empty()
                       ? defaultMemoryLimit()
                       : require(parseByteSize(f.memory_limit, "--memory-limit"), "");
  return r;
}

std::pair<double, double> parseInterval(const std::string& text, const std::string& flag) {
  const size_t colon = text.find(':', text.empty() ? 0 : 1);
  const std::string expected = flag + ": expected A:B with A < B, like -1:1, got '" + text + "'";
  if (colon == std::string::npos) throw UsageError{expected};
  auto a = parseFiniteDouble(std::string_view(text).substr(0, colon), flag);
  auto b = parseFiniteDouble(std::string_view(text).substr(colon + 1), flag);
  if (!a || !b || !(*a < *b)) throw UsageError{expected};
  if (std::abs(*a) > 1e6 || std::abs(*b) > 1e6)
    throw UsageError{flag + ": ends must lie within +-1e6"};
  return {*a, *b};
}

GridRange parseRange(const std::string& text, const std::string& flag) {
  const size_t comma = text.find(',');
  const auto x = parseInterval(text.substr(0, comma), flag);
  const auto y = comma == std::string::npos ? x : parseInterval(text.substr(comma + 1), flag);
  return {x.first, x.second, y.first, y.second};
}

std::vector<CheckpointManifest> readManifests(const std::vector<std::string>& dirs,
                                              const std::string& flag) {
  if (dirs.empty()) throw UsageError{flag + ": expected at least one checkpoint folder"};
  if (dirs.size() > 16) throw UsageError{flag + ": at most 16 folders"};
  std::vector<CheckpointManifest> out;
  for (const std::string& dir : dirs) {
    auto m = readCheckpointManifest(dir);
    if (!m) throw UsageError{flag + ": " + m.error()};
    if (!out.empty()) {
      if (auto err = architectureMismatch(out.front(), *m)) throw UsageError{flag + ": " + *err};
      if (m->dataset != out.front().dataset) {
        throw UsageError{flag + ": " + dir + " was trained on " + m->dataset + ", " +
                         out.front().dir + " on " + out.front().dataset +
                         "; one landscape needs one dataset"};
      }
    }
    out.push_back(std::move(*m));
  }
  return out;
}

std::shared_ptr<const EvalSubset> loadSubset(const CheckpointManifest& first, const SubsetFlags& f,
                                             const SubsetRequest& r) {
  const DatasetKind kind = require(parseDatasetKind(first.dataset), "--checkpoints");
  auto data = loadDataset(kind, resolveDataDir(f.data_dir), dataDirIsImplicit(f.data_dir));
  if (!data) throw OutputError{data.error()};
  const Dataset& set = r.test_split ? data->test : data->train;
  if (set.images.rows() != first.shape.sizes.front()) {
    throw OutputError{first.dir + ": the network takes " +
                      std::to_string(first.shape.sizes.front()) + " inputs, the " +
                      toString(kind).data() + " images have " + std::to_string(set.images.rows()) +
                      " pixels"};
  }
  if (r.samples > set.size()) {
    throw UsageError{"--samples: " + std::to_string(r.samples) + " is more than the " +
                     std::to_string(set.size()) + " samples of the " +
                     (r.test_split ? "test" : "training") + " set"};
  }
  return std::make_shared<EvalSubset>(
      stratifiedSubset(set, r.samples, r.seed, r.test_split ? "test" : "train"));
}

CheckpointFolder loadFolder(const std::string& dir) {
  auto folder = loadCheckpoints(dir);
  if (!folder) throw OutputError{folder.error()};
  return std::move(*folder);
}

void checkOutput(const std::string& path, const std::string& flag) {
  if (path.empty()) return;
  if (auto err = checkOutputPath(path)) throw UsageError{flag + ": " + *err};
}

bool writeOutput(const std::string& path, const std::string& flag, const std::string& text) {
  if (path.empty()) return true;
  if (auto err = writeFileAtomically(path, text)) {
    std::fprintf(stderr, "mulab-cli: error: %s: %s\n", flag.c_str(), err->c_str());
    return false;
  }
  return true;
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace mulab::cli
