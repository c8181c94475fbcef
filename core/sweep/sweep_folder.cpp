#include "sweep/sweep_folder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sweep/summary.hpp"
#include "util/atomic_file.hpp"
#include "util/file_read.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

std::optional<std::string> checkWritableFolder(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return dir + ": " + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return dir + ": is " + fileTypeName(st.st_mode) + ", not a folder";
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return dir + ": folder is not writable";
  return std::nullopt;
}

std::optional<std::string> makeFolder(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) {
    return dir + ": cannot create the folder (" + std::strerror(errno) + ")";
  }
  return checkWritableFolder(dir);
}

}  // namespace

std::optional<std::string> checkSweepFolder(const std::string& dir, const std::string& grid_json,
                                            bool force) {
  if (dir.empty()) return "expected a folder, got an empty value";
  const SweepFolder f{dir};
  if (!exists(dir)) {
    std::string trimmed = dir;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    std::string parent = fs::path(trimmed).parent_path().string();
    if (parent.empty()) parent = ".";
    if (!exists(parent)) return dir + ": folder " + parent + " does not exist";
    if (auto err = checkWritableFolder(parent)) return dir + ": " + *err;
    return std::nullopt;
  }
  if (auto err = checkWritableFolder(dir)) return err;
  if (exists(f.gridFile())) {
    auto stored_text = readTextFile(f.gridFile(), kMaxGridBytes, "grid file");
    if (!stored_text) return stored_text.error();
    auto stored = parseGrid(*stored_text, f.gridFile(), {});
    if (!stored) return stored.error();
    if (gridJson(*stored) != grid_json && !force) {
      return dir + ": holds a sweep of a different grid (" + f.gridFile() +
             "); use another --out, or --force to run this grid there (finished runs with the "
             "same settings are kept)";
    }
  } else {
    std::error_code ec;
    if (!fs::is_empty(dir, ec)) {
      return dir +
             ": folder is not empty and holds no sweep (no grid.json); use a new or empty folder";
    }
  }
  if (exists(f.runsDir())) {
    if (auto err = checkWritableFolder(f.runsDir())) return err;
  }
  for (const std::string& path : {f.gridFile(), f.summaryCsv(), f.summaryMd()}) {
    if (auto err = checkOutputPath(path)) return err;
  }
  return std::nullopt;
}

std::optional<std::string> prepareSweepFolder(const std::string& dir,
                                              const std::string& grid_json) {
  const SweepFolder f{dir};
  if (auto err = makeFolder(dir)) return err;
  if (auto err = makeFolder(f.runsDir())) return err;
  if (auto stored = readTextFile(f.gridFile(), kMaxGridBytes, "grid file");
      stored && *stored == grid_json) {
    return std::nullopt;
  }
  return writeFileAtomically(f.gridFile(), grid_json);
}

Result<std::vector<std::optional<RunRecord>>> readFinishedRuns(const std::string& dir,
                                                               const std::vector<SweepRun>& plan) {
  const SweepFolder f{dir};
  std::vector<std::optional<RunRecord>> out(plan.size());
  for (const SweepRun& run : plan) {
    const std::string path = f.runRecord(run.id);
    if (!exists(path)) continue;
    const std::string again = " (delete it to run that run again)";
    auto text = readTextFile(path, kMaxRunRecordBytes, "run record");
    if (!text) return Error{text.error() + again};
    auto record = parseRecord(*text, path);
    if (!record) return Error{record.error() + again};
    if (record->id != run.id || runId(record->settings) != run.id) {
      return Error{path + ": its settings are not those of run " + run.name + again};
    }
    if (auto err = checkInputFile(f.runCsv(run.id), kMaxMetricsCsvBytes, "metrics CSV")) {
      return Error{*err + again};
    }
    out[run.index] = std::move(*record);
  }
  return out;
}

std::optional<std::string> writeRunResult(const std::string& dir, const RunRecord& record,
                                          const std::vector<MetricPoint>& metrics) {
  const SweepFolder f{dir};
  if (auto err = writeFileAtomically(f.runCsv(record.id), metricsCsv(metrics))) return err;
  return writeFileAtomically(f.runRecord(record.id), recordJson(record));
}

std::optional<std::string> writeSummaries(const std::string& dir, const SweepGrid& grid,
                                          const std::vector<SweepRun>& plan,
                                          const std::vector<const RunRecord*>& records) {
  const SweepFolder f{dir};
  if (auto err = writeFileAtomically(f.summaryCsv(), summaryCsv(plan, records, gridAxes(grid)))) {
    return err;
  }
  return writeFileAtomically(f.summaryMd(), summaryMarkdown(grid, plan, records));
}

}  // namespace mulab
