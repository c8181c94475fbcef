#include "cli/landscape_inputs.hpp"

#include <cmath>
#include <cstdio>

#include "cli/flags.hpp"
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
  static const ChoiceNames kSplits{"split", {"train", "test"}};
  r.test_split = parseChoiceFlag(f.split, "--split", kSplits) == 1;
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

LandscapeRequest landscapeRequest(const SubsetFlags& f, const SubsetRequest& r) {
  LandscapeRequest request;
  request.data_dir = resolveDataDir(f.data_dir);
  request.data_dir_implicit = dataDirIsImplicit(f.data_dir);
  request.samples = r.samples;
  request.test_split = r.test_split;
  request.seed = r.seed;
  request.memory_limit = r.memory_limit;
  return request;
}

void addFolders(LandscapeRequest& request, const std::vector<std::string>& dirs,
                const std::string& flag) {
  if (dirs.empty()) throw UsageError{flag + ": expected at least one checkpoint folder"};
  if (dirs.size() > 16) throw UsageError{flag + ": at most 16 folders"};
  for (const std::string& dir : dirs) {
    if (auto err = addCheckpointFolder(request, dir)) throw UsageError{flag + ": " + *err};
  }
}

void fail(const LandscapeError& e) {
  if (e.usage) throw UsageError{e.text()};
  throw OutputError{e.text()};
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

nlohmann::json subsetJson(const EvalSubset& s) {
  return {{"split", s.split}, {"samples", s.size()}, {"seed", s.seed}, {"class_counts", s.class_counts}};
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace mulab::cli
