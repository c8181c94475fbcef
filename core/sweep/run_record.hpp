// What a sweep keeps of one run. A worker (a thread here, or an MPI rank
// elsewhere) reports a RunOutcome; the sweep turns it into a RunRecord,
// stored as DIR/runs/<id>.json beside the run's metrics, DIR/runs/<id>.csv.
// A run that diverged is a result (its step size was too large) and is
// recorded; a run that could not start (no data, no memory) is a fault and is
// not, so a re-run tries it again.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "sweep/grid.hpp"
#include "train/metrics.hpp"
#include "util/result.hpp"

namespace mulab {

inline constexpr uint64_t kMaxRunRecordBytes = uint64_t{1} << 20;

enum class RunStatus { kFinished, kDiverged };
std::string_view toString(RunStatus s);

struct RunRecord {
  std::string id, name;
  std::string description;        // "BP 784-500-500-10 relu, SGD + additive, batch 200"
  std::vector<Setting> settings;  // key and value (where is not stored)
  RunStatus status = RunStatus::kFinished;
  std::string error;  // why it diverged
  // Test errors as fractions; NaN where there is none (a diverged run's final).
  double final_test_error = NAN;
  double best_test_error = NAN;         // lowest over the run's test evaluations
  double first_epoch_test_error = NAN;  // at the first evaluation at or after one epoch
  double epochs = 0;                    // trained, fractional
  long updates = 0;
  double wall_s = 0;         // the whole run: loading, training, evaluation
  double train_s = 0;        // training steps only
  double samples_per_s = 0;  // training samples per training second
  const Setting* find(std::string_view key) const;
};

// A run as its worker reports it.
struct RunOutcome {
  enum class Kind { kFinished, kDiverged, kFailed };
  size_t index = 0;  // the run's position in the sweep's plan
  Kind kind = Kind::kFailed;
  std::string error;  // why it diverged or failed
  std::string description;
  std::string where;  // who ran it, for messages about a failure ("rank 2 on node7")
  std::vector<MetricPoint> metrics;
  double wall_s = 0, samples_per_s = 0;
};

// The record of `run` from its finished or diverged outcome.
RunRecord makeRecord(const SweepRun& run, const RunOutcome& outcome);

// JSON text of a record, and back; errors name `name`.
std::string recordJson(const RunRecord& record);
Result<RunRecord> parseRecord(std::string_view text, const std::string& name);

// An outcome as one message (MPI), metrics included, and back.
std::string outcomeText(const RunOutcome& outcome);
Result<RunOutcome> parseOutcome(std::string_view text);

}  // namespace mulab
