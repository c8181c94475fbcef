// A sweep grid: one base run and axes whose cross product is the set of runs
// (the "grid" method of W&B sweeps, Ray Tune's grid_search), read from JSON:
//
//   {
//     "description": "GOFAU rules, SGD",                 optional
//     "method": "bp", "optimizer": "sgd", "epochs": 10,  the base run: train's
//     "hidden": [500, 500],                              options, same names
//     "axes": {"rule": ["additive", "multiplicative"],
//              "lr": [0.05, 0.1], "seed": [1, 2, 3]}
//   }
//
// "axes" may also be a list of such objects: the runs are then the union of
// their cross products (to vary gamma for the hybrid rule only, say). Option
// names are train's flags without the dashes, '-' and '_' alike ("lr_out" is
// --lr-out). Values become flag text: numbers as JSON prints them, strings as
// they are, true/false for switches, a list of numbers joined with commas
// (hidden: [500, 500] is --hidden 500,500). Runs are ordered as nested loops
// over the axes in file order, the last axis fastest.
//
// A run's id is a hash of its settings (FNV-1a 64 of the sorted key=value
// lines), so it does not depend on where the run sits in the grid: it names
// the run's files in the sweep folder and lets a re-run skip it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mulab {

inline constexpr uint64_t kMaxGridBytes = uint64_t{1} << 20;
inline constexpr size_t kMaxSweepRuns = 10000;
inline constexpr size_t kMaxAxisValues = 1000;
inline constexpr size_t kMaxAxisSets = 64;

enum class GridValueKind { kNumber, kString, kBool, kNumberList };

struct GridValue {
  std::string text;  // as the flag's value: "0.001", "hybrid", "true", "500,500"
  GridValueKind kind = GridValueKind::kString;
};

// One option of the base run.
struct GridOption {
  std::string key;  // canonical: "lr_out"
  GridValue value;
  std::string where;  // the key as written in the file: "lr-out"
};

struct GridAxis {
  std::string key;  // canonical
  std::vector<GridValue> values;
  std::string where;  // "axes.lr" or, in a list of axis objects, "axes[1].lr"
};

struct SweepGrid {
  std::string description;
  std::vector<GridOption> base;                  // sorted by key
  std::vector<std::vector<GridAxis>> axis_sets;  // one cross product each
  bool axes_listed = false;                      // "axes" was a list of objects
};

// One option of one run, and where in the grid file its value came from
// ("lr", "axes.lr[2]"), so an error about it can point there.
struct Setting {
  std::string key, value, where;
};

struct SweepRun {
  size_t index = 0;               // position in the grid's run order
  std::string id;                 // 16 hex digits
  std::string name;               // the axis values: "rule=hybrid lr=0.01 seed=2"
  std::vector<Setting> settings;  // base options, then the axis values
  const Setting* find(std::string_view key) const;
};

// An axis as a whole sweep shows it: the union of its values over the axis
// sets, in first-seen order. `numeric`: every value is a number.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
  bool numeric = true;
};

// "lr-out" -> "lr_out".
std::string canonicalOptionName(std::string_view name);

// False for settings that change where a run reads or how much memory it may
// take but not its numbers (data_dir, memory_limit): they stay out of run ids.
bool affectsResults(std::string_view key);

uint64_t fnv1a64(std::string_view bytes);
std::string runId(const std::vector<Setting>& settings);

// Parses a grid. `known_options` (canonical names) are the valid keys; an
// empty list accepts any key. Errors start with `name` and name the key:
// "grid.json: axes.lr: empty list; an axis needs at least one value".
Result<SweepGrid> parseGrid(std::string_view text, const std::string& name,
                            const std::vector<std::string>& known_options);
// Reads a grid file (a regular file of at most kMaxGridBytes).
Result<SweepGrid> readGrid(const std::string& path, const std::vector<std::string>& known_options);

// The grid in canonical JSON (base keys sorted, canonical names, axes in
// order): what a sweep folder stores, and what "the grid changed" compares.
std::string gridJson(const SweepGrid& grid);

// Every run, duplicates across axis sets once. Refuses an axis key also set
// in the base and more than `max_runs` runs.
Result<std::vector<SweepRun>> expandGrid(const SweepGrid& grid, const std::string& name,
                                         size_t max_runs = kMaxSweepRuns);

std::vector<SweepAxis> gridAxes(const SweepGrid& grid);

}  // namespace mulab
