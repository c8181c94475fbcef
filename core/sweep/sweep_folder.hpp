// A sweep's folder and what makes a sweep resumable:
//
//   DIR/grid.json        the grid in canonical form (sweep/grid.hpp)
//   DIR/runs/<id>.csv    a finished run's metrics (train/metrics.hpp)
//   DIR/runs/<id>.json   its record (sweep/run_record.hpp), written after the
//                        CSV: a record present means the run is done
//   DIR/summary.csv      rewritten after every finished run (sweep/summary.hpp)
//   DIR/summary.md
//
// Every file is written atomically (util/atomic_file.hpp), so a sweep killed
// at any moment leaves finished runs complete and nothing half-written; the
// same command then resumes where it stopped. Under MPI only rank 0 writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sweep/grid.hpp"
#include "sweep/run_record.hpp"
#include "train/metrics.hpp"
#include "util/result.hpp"

namespace mulab {

struct SweepFolder {
  std::string dir;
  std::string gridFile() const { return dir + "/grid.json"; }
  std::string runsDir() const { return dir + "/runs"; }
  std::string runCsv(const std::string& id) const { return runsDir() + "/" + id + ".csv"; }
  std::string runRecord(const std::string& id) const { return runsDir() + "/" + id + ".json"; }
  std::string summaryCsv() const { return dir + "/summary.csv"; }
  std::string summaryMd() const { return dir + "/summary.md"; }
};

// Checked before any run starts, writing nothing: `dir` is a new folder
// (whose parent exists), an empty one, or one holding a sweep of the same
// grid. A sweep of another grid is refused unless `force`; a folder holding
// other files is refused. Errors start with the path.
std::optional<std::string> checkSweepFolder(const std::string& dir, const std::string& grid_json,
                                            bool force);

// Creates the folder and runs/ if needed and stores the grid.
std::optional<std::string> prepareSweepFolder(const std::string& dir, const std::string& grid_json);

// The records of the plan's runs finished earlier, by plan index (empty
// where not finished). A record that cannot be read, or whose settings are
// not the run's, is an error naming the file.
Result<std::vector<std::optional<RunRecord>>> readFinishedRuns(const std::string& dir,
                                                               const std::vector<SweepRun>& plan);

// Writes a finished run: its metrics CSV, then its record.
std::optional<std::string> writeRunResult(const std::string& dir, const RunRecord& record,
                                          const std::vector<MetricPoint>& metrics);

// Rewrites summary.csv and summary.md.
std::optional<std::string> writeSummaries(const std::string& dir, const SweepGrid& grid,
                                          const std::vector<SweepRun>& plan,
                                          const std::vector<const RunRecord*>& records);

}  // namespace mulab
