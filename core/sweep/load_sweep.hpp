// Reading a sweep folder (sweep/sweep_folder.hpp) for display, e.g. by the
// training lab: the planned runs with their settings, the finished ones with
// their records and metrics, the groups over seeds and the axes; and what is
// drawn from them: a group's mean curve with a ± std band, and a heatmap of
// final test error over two axes. Safe to call again and again while the
// sweep runs (its files are written atomically); pass the previous result to
// reuse what was already read, so a refresh reads only newly finished runs.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sweep/grid.hpp"
#include "sweep/groups.hpp"
#include "sweep/run_record.hpp"
#include "train/metrics.hpp"
#include "util/result.hpp"

namespace mulab {

struct SweepRunView {
  SweepRun run;                      // id, name, settings
  std::optional<RunRecord> record;   // once finished (or diverged)
  std::vector<MetricPoint> metrics;  // empty until then
};

struct LoadedSweep {
  std::string dir;
  SweepGrid grid;
  std::vector<SweepAxis> axes;
  std::vector<SweepRunView> runs;  // in plan order; runs[i].run.index == i
  std::vector<RunGroup> groups;    // over seeds (sweep/groups.hpp)
  size_t finished = 0, diverged = 0;
  bool done() const { return finished + diverged == runs.size(); }
};

Result<LoadedSweep> loadSweep(const std::string& dir, const LoadedSweep* previous = nullptr);

enum class CurveMetric { kTestError, kTrainLoss, kTrainError };

struct BandPoint {
  double epoch = 0;
  double mean = 0, std = 0;  // std 0 with one run
  size_t n = 0;              // runs with a value at this epoch
};

// The group's finished runs' `metric` against epoch: mean ± sample std over
// the runs that have a value at that epoch (runs of one group share their
// evaluation points). Errors are fractions.
std::vector<BandPoint> groupCurve(const LoadedSweep& sweep, const RunGroup& group,
                                  CurveMetric metric);

struct SweepHeatmap {
  std::string x_key, y_key;
  std::vector<std::string> x_values, y_values;  // the axes' values in grid order
  // Row-major by y: cell (x, y) is [y * x_values.size() + x]. Mean final test
  // error (fraction) and its std of the cell's group; NaN where none.
  std::vector<double> mean, std;
  std::vector<size_t> n;
  std::vector<int> group;  // index into LoadedSweep::groups, -1 where none
};

// Final test error over axes `x_key` x `y_key` among the groups whose
// settings match every (key, value) of `fixed` (e.g. {"rule", "hybrid"}).
// Where several groups fall in one cell (an axis neither plotted nor fixed),
// the cell shows the one with the lowest mean. Errors name an unknown axis.
Result<SweepHeatmap> sweepHeatmap(
    const LoadedSweep& sweep, const std::string& x_key, const std::string& y_key,
    const std::vector<std::pair<std::string, std::string>>& fixed = {});

}  // namespace mulab
