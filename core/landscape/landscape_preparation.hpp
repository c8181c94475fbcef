// A landscape's preparation on a background job (util/background_job.hpp):
// prepareLandscape() (landscape_pipeline.hpp: budget, dataset and subset,
// checkpoint tensors, the shared-start check, the plane) and then, when
// asked, each run's 1D interpolation from its first checkpoint to its last
// on the same subset (Goodfellow, Vinyals, Saxe, ICLR 2015, section 3;
// interpolation.hpp), alpha in [-0.5, 1.5] at 41 points. The GUI polls it
// and hands the plane to a LandscapeJob as soon as it is there, while the
// lines are still computing; the CLI waits for it.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "landscape/interpolation.hpp"
#include "landscape/landscape_pipeline.hpp"
#include "util/background_job.hpp"

namespace mulab {

class LandscapePreparation {
 public:
  // Starts at once. `threads` < 1: the machine's (util/compute_threads.hpp).
  explicit LandscapePreparation(LandscapeRequest request, bool lines = false, int threads = 0);

  // Stops and joins (the dataset load and a PCA run to their end first).
  void cancel() { job_.cancel(); }
  // Blocks until everything asked for is done, failed or cancelled.
  void wait() const { job_.wait(); }
  const BackgroundJob& job() const { return job_; }

  // True once the plane is known or the preparation failed.
  bool prepared() const;
  // After prepared(): why it failed, if it did.
  std::optional<LandscapeError> error() const;
  // After prepared() without an error: the plane, subset and range, and the
  // request as prepared (folder runs' checkpoints loaded).
  const PreparedLandscape& result() const { return result_; }
  const LandscapeRequest& request() const { return request_; }

  bool linesReady() const;
  // Per run, its line (empty for a run with fewer than two checkpoints).
  std::vector<std::vector<LinePoint>> lines() const;

 private:
  void body(JobContext& ctx, bool lines);

  LandscapeRequest request_;  // the job's until prepared_
  PreparedLandscape result_;  // likewise
  mutable std::mutex mutex_;  // guards the three below
  bool prepared_ = false, lines_ready_ = false;
  std::optional<LandscapeError> error_;
  std::vector<std::vector<LinePoint>> lines_;
  BackgroundJob job_;  // last: joins before the rest goes
};

}  // namespace mulab
