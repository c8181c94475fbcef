#include "landscape/landscape_job.hpp"

#include <chrono>

#include "util/choice.hpp"
#include "util/compute_threads.hpp"
#include "util/float_env.hpp"
#include "util/parallel_for.hpp"

namespace mulab {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long square(int n) {
  return long(n) * n;
}

}  // namespace

std::string_view toString(LandscapeState s) {
  static const Choices<LandscapeState> names{
      "state", {"waiting", "preparing", "evaluating", "done", "cancelled", "failed"}};
  return names.name(s);
}

LandscapeJob::LandscapeJob(std::shared_ptr<const Plane> plane,
                           std::shared_ptr<const EvalSubset> subset, GridRange range, int grid)
    : plane_(std::move(plane)),
      subset_(std::move(subset)),
      grid_(range, grid),
      job_("evaluating the landscape") {
  planned_finest_ = grid_.finest();
  progress_.levels = int(grid_.levels().size());
  progress_.nodes_total = square(grid_.finest());
}

LandscapeJob::~LandscapeJob() {
  cancel();
}

void LandscapeJob::start() {
  {
    std::lock_guard lock(mutex_);
    if (started_) return;
    started_ = true;
  }
  // on_end: an exception (out of memory) ended the body; wait() must hear of it.
  job_.start([this](JobContext& ctx) { body(ctx); },
             [this] {
               if (job_.state() == JobState::kFailed) {
                 setState(LandscapeState::kFailed, job_.error());
               }
             });
}

void LandscapeJob::cancel() {
  job_.requestCancel();  // also ends the body's wait for work (its stop token)
  wake_.notify_all();
  job_.cancel();
}

void LandscapeJob::wait() {
  std::unique_lock lock(mutex_);
  if (!started_) return;
  wake_.wait(lock, [&] {
    const LandscapeState s = progress_.state;
    return s == LandscapeState::kCancelled || s == LandscapeState::kFailed ||
           (s == LandscapeState::kIdle && pending_.empty() && refines_ == 0);
  });
}

void LandscapeJob::addCheckpoints(int run, const std::vector<CheckpointPtr>& checkpoints) {
  {
    std::lock_guard lock(mutex_);
    for (const CheckpointPtr& c : checkpoints) {
      if (!c || c->theta.size() != plane_->centre.size()) continue;
      if (!queued_.insert({run, c->step}).second) continue;
      pending_.emplace_back(run, c);
    }
    progress_.checkpoints_pending = long(pending_.size());
  }
  wake_.notify_all();
}

bool LandscapeJob::refine() {
  {
    std::lock_guard lock(mutex_);
    if (2 * planned_finest_ - 1 > kMaxGrid) return false;
    planned_finest_ = 2 * planned_finest_ - 1;
    ++refines_;
    ++progress_.levels;
    progress_.nodes_total = square(planned_finest_);
  }
  wake_.notify_all();
  return true;
}

LandscapeProgress LandscapeJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

long LandscapeJob::version() const {
  std::lock_guard lock(mutex_);
  return snapshot_.version;
}

LandscapeSnapshot LandscapeJob::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void LandscapeJob::setState(LandscapeState s, const std::string& error) {
  {
    std::lock_guard lock(mutex_);
    progress_.state = s;
    if (!error.empty()) progress_.error = error;
  }
  wake_.notify_all();
}

// Projects every queued checkpoint, a batch per round across the worker
// threads (each costs two forward passes on the subset); true if any.
bool LandscapeJob::projectPending(const PlaneEvaluator& eval, JobContext& ctx) {
  bool any = false;
  while (!ctx.cancelled()) {
    std::vector<std::pair<int, CheckpointPtr>> batch;
    {
      std::lock_guard lock(mutex_);
      while (!pending_.empty() && batch.size() < size_t(2 * ctx.threads())) {
        batch.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
    }
    if (batch.empty()) break;
    std::vector<ProjectedCheckpoint> done(batch.size());
    ctx.parallelFor(long(batch.size()), [&](long k) {
      const Checkpoint& c = *batch[k].second;
      ProjectedCheckpoint& p = done[k];
      p.run = batch[k].first;
      p.step = c.step;
      p.epoch = c.epoch;
      p.test_error = c.test_error;
      p.at = projectOntoPlane(*plane_, c.theta);
      p.truth = networkLoss(plane_->shape, c.theta, *subset_);
      p.surface = eval.plane(p.at.x, p.at.y);
    });
    if (ctx.cancelled()) break;  // the batch may be part done
    std::lock_guard lock(mutex_);
    snapshot_.points.insert(snapshot_.points.end(), done.begin(), done.end());
    ++snapshot_.version;
    progress_.checkpoints_pending = long(pending_.size());
    any = true;
  }
  return any;
}

void LandscapeJob::body(JobContext& ctx) {
  flushSubnormalsToZero();
  setState(LandscapeState::kPreparing);
  const auto t0 = Clock::now();
  const PlaneEvaluator eval(plane_->shape, {&plane_->centre, &plane_->d1, &plane_->d2}, subset_,
                            ctx.threads());
  LossAndError centre;  // single-threaded like the grid's nodes, so bitwise their (0, 0)
  parallelFor(1, 1, [&](long) { centre = eval.plane(0, 0); });
  {
    std::lock_guard lock(mutex_);
    snapshot_.centre = centre;
    snapshot_.prepare_seconds = since(t0);
    ++snapshot_.version;
  }
  long done = 0;
  while (!ctx.cancelled()) {
    size_t level;
    {
      std::unique_lock lock(mutex_);
      if (levels_done_ > 0 && !pending_.empty()) {
        // Not idle from here on: wait() must not return while a batch is in flight.
        progress_.state = LandscapeState::kEvaluating;
        lock.unlock();
        projectPending(eval, ctx);
        continue;
      }
      if (levels_done_ == grid_.levels().size() && refines_ > 0) {
        grid_.extend();
        --refines_;
      }
      if (levels_done_ == grid_.levels().size()) {
        progress_.state = LandscapeState::kIdle;
        wake_.notify_all();
        // Without threads the body runs inside start(): waiting for more
        // work there would never end, so it ends idle.
        if constexpr (!kHasThreads) return;
        wake_.wait(lock, ctx.stopToken(), [&] { return !pending_.empty() || refines_ > 0; });
        continue;
      }
      level = levels_done_;
      progress_.state = LandscapeState::kEvaluating;
      progress_.level = int(level);
    }
    const auto t = Clock::now();
    const auto nodes = grid_.newNodes(level);
    std::vector<LossAndError> values(nodes.size());
    // Row by row: between rows, checkpoints that arrived are projected (a
    // live run's path grows while the finer levels compute).
    for (size_t first = 0; first < nodes.size() && !ctx.cancelled();) {
      size_t end = first;
      while (end < nodes.size() && nodes[end].second == nodes[first].second) ++end;
      if (levels_done_ > 0) projectPending(eval, ctx);
      ctx.parallelFor(long(end - first), [&](long k) {
        const auto [i, j] = nodes[first + k];
        values[first + k] = eval.plane(grid_.x(i), grid_.y(j));
        std::lock_guard lock(mutex_);
        progress_.nodes_done = ++done;
      });
      first = end;
    }
    if (ctx.cancelled()) break;
    for (size_t k = 0; k < nodes.size(); ++k)
      grid_.set(nodes[k].first, nodes[k].second, values[k]);
    std::lock_guard lock(mutex_);
    snapshot_.surface = grid_.surface(level);
    snapshot_.level_seconds.push_back(since(t));
    ++snapshot_.version;
    ++levels_done_;
  }
  setState(LandscapeState::kCancelled);
}

}  // namespace mulab
