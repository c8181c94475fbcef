#include "sweep/load_sweep.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "sweep/sweep_folder.hpp"
#include "util/file_read.hpp"

namespace mulab {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

const RunRecord* previousRecord(const LoadedSweep* previous, const std::string& id,
                                const std::vector<MetricPoint>** metrics) {
  if (!previous) return nullptr;
  for (const SweepRunView& v : previous->runs) {
    if (v.run.id == id && v.record) {
      *metrics = &v.metrics;
      return &*v.record;
    }
  }
  return nullptr;
}

double metricValue(const MetricPoint& p, CurveMetric m) {
  switch (m) {
    case CurveMetric::kTestError:
      return std::isnan(p.test_acc) ? NAN : 1.0 - p.test_acc;
    case CurveMetric::kTrainLoss:
      return p.train_loss;
    case CurveMetric::kTrainError:
      return std::isnan(p.train_acc) ? NAN : 1.0 - p.train_acc;
  }
  return NAN;
}

}  // namespace

Result<LoadedSweep> loadSweep(const std::string& dir, const LoadedSweep* previous) {
  const SweepFolder f{dir};
  if (!exists(f.gridFile())) return Error{dir + ": not a sweep folder (no grid.json)"};
  auto grid = readGrid(f.gridFile(), {});
  if (!grid) return Error{grid.error()};
  auto plan = expandGrid(*grid, f.gridFile());
  if (!plan) return Error{plan.error()};
  LoadedSweep s;
  s.dir = dir;
  s.grid = std::move(*grid);
  s.axes = gridAxes(s.grid);
  s.runs.reserve(plan->size());
  for (SweepRun& run : *plan) {
    SweepRunView v;
    v.run = std::move(run);
    const std::vector<MetricPoint>* old_metrics = nullptr;
    if (const RunRecord* old = previousRecord(previous, v.run.id, &old_metrics)) {
      v.record = *old;
      v.metrics = *old_metrics;
    } else if (exists(f.runRecord(v.run.id))) {
      auto text = readTextFile(f.runRecord(v.run.id), kMaxRunRecordBytes, "run record");
      if (!text) return Error{text.error()};
      auto record = parseRecord(*text, f.runRecord(v.run.id));
      if (!record) return Error{record.error()};
      auto metrics = readMetricsCsv(f.runCsv(v.run.id));
      if (!metrics) return Error{metrics.error()};
      v.record = std::move(*record);
      v.metrics = std::move(*metrics);
    }
    if (v.record) ++(v.record->status == RunStatus::kDiverged ? s.diverged : s.finished);
    s.runs.push_back(std::move(v));
  }
  std::vector<SweepRun> runs;
  std::vector<const RunRecord*> records;
  for (const SweepRunView& v : s.runs) {
    runs.push_back(v.run);
    records.push_back(v.record ? &*v.record : nullptr);
  }
  s.groups = groupOverSeeds(runs, records, s.axes);
  return s;
}

std::vector<BandPoint> groupCurve(const LoadedSweep& sweep, const RunGroup& group,
                                  CurveMetric metric) {
  std::map<double, std::vector<double>> at_epoch;
  for (size_t i : group.runs) {
    if (i >= sweep.runs.size()) continue;
    const SweepRunView& v = sweep.runs[i];
    if (!v.record || v.record->status != RunStatus::kFinished) continue;
    for (const MetricPoint& p : v.metrics) {
      const double value = metricValue(p, metric);
      if (std::isfinite(value)) at_epoch[p.epoch].push_back(value);
    }
  }
  std::vector<BandPoint> out;
  for (const auto& [epoch, values] : at_epoch) {
    const Stat st = statOf(values);
    out.push_back({epoch, st.mean, st.n > 1 ? st.std : 0.0, st.n});
  }
  return out;
}

Result<SweepHeatmap> sweepHeatmap(const LoadedSweep& sweep, const std::string& x_key,
                                  const std::string& y_key,
                                  const std::vector<std::pair<std::string, std::string>>& fixed) {
  auto axis = [&](const std::string& key) -> const SweepAxis* {
    for (const SweepAxis& a : sweep.axes) {
      if (a.key == key) return &a;
    }
    return nullptr;
  };
  std::string names;
  for (const SweepAxis& a : sweep.axes) names += (names.empty() ? "" : ", ") + a.key;
  const SweepAxis* ax = axis(x_key);
  const SweepAxis* ay = axis(y_key);
  if (!ax) return Error{"no axis '" + x_key + "' in this sweep (axes: " + names + ")"};
  if (!ay) return Error{"no axis '" + y_key + "' in this sweep (axes: " + names + ")"};
  SweepHeatmap h;
  h.x_key = x_key;
  h.y_key = y_key;
  h.x_values = ax->values;
  h.y_values = ay->values;
  const size_t cells = h.x_values.size() * h.y_values.size();
  h.mean.assign(cells, NAN);
  h.std.assign(cells, NAN);
  h.n.assign(cells, 0);
  h.group.assign(cells, -1);
  auto valueOf = [](const RunGroup& g, const std::string& key) -> const std::string* {
    for (const Setting& s : g.settings) {
      if (s.key == key) return &s.value;
    }
    return nullptr;
  };
  for (size_t gi = 0; gi < sweep.groups.size(); ++gi) {
    const RunGroup& g = sweep.groups[gi];
    if (g.final_error.n == 0) continue;
    bool match = true;
    for (const auto& [key, value] : fixed) {
      const std::string* v = valueOf(g, key);
      match = match && v && *v == value;
    }
    const std::string* xv = valueOf(g, x_key);
    const std::string* yv = valueOf(g, y_key);
    if (!match || !xv || !yv) continue;
    const size_t x = std::find(h.x_values.begin(), h.x_values.end(), *xv) - h.x_values.begin();
    const size_t y = std::find(h.y_values.begin(), h.y_values.end(), *yv) - h.y_values.begin();
    if (x >= h.x_values.size() || y >= h.y_values.size()) continue;
    const size_t c = y * h.x_values.size() + x;
    if (h.group[c] >= 0 && !(g.final_error.mean < h.mean[c])) continue;
    h.mean[c] = g.final_error.mean;
    h.std[c] = g.final_error.std;
    h.n[c] = g.final_error.n;
    h.group[c] = int(gi);
  }
  return h;
}

}  // namespace mulab
