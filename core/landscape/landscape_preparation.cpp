#include "landscape/landscape_preparation.hpp"

namespace mulab {

LandscapePreparation::LandscapePreparation(LandscapeRequest request, bool lines, int threads)
    : request_(std::move(request)), job_("preparing the landscape") {
  job_.setThreads(threads);
  job_.start([this, lines](JobContext& ctx) { body(ctx, lines); },
             [this] {
               // A failed job (an exception, out of memory) has not said so yet.
               std::lock_guard lock(mutex_);
               if (!prepared_ && job_.state() == JobState::kFailed) {
                 error_ = LandscapeError{"", job_.error(), false};
                 prepared_ = true;
               }
             });
}

void LandscapePreparation::body(JobContext& ctx, bool lines) {
  PreparedLandscape p;
  auto err = prepareLandscape(request_, ctx, p);
  {
    std::lock_guard lock(mutex_);
    result_ = std::move(p);
    error_ = std::move(err);
    prepared_ = true;
    if (error_) return;
  }
  if (!lines) return;
  std::vector<std::vector<LinePoint>> out;
  for (const LandscapeRun& r : request_.runs) {
    if (r.checkpoints.size() < 2) {
      out.emplace_back();
      continue;
    }
    out.push_back(interpolate(request_.shape, r.checkpoints.front()->theta,
                              r.checkpoints.back()->theta, result_.subset, -0.5, 1.5, 41,
                              &ctx.cancelFlag(), ctx.threads()));
    if (ctx.cancelled()) return;
  }
  std::lock_guard lock(mutex_);
  lines_ = std::move(out);
  lines_ready_ = true;
}

bool LandscapePreparation::prepared() const {
  std::lock_guard lock(mutex_);
  return prepared_;
}

std::optional<LandscapeError> LandscapePreparation::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

bool LandscapePreparation::linesReady() const {
  std::lock_guard lock(mutex_);
  return lines_ready_;
}

std::vector<std::vector<LinePoint>> LandscapePreparation::lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

}  // namespace mulab
