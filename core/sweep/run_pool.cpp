#include "sweep/run_pool.hpp"

#include <algorithm>
#include <thread>

namespace mulab {
namespace {

using Clock = std::chrono::steady_clock;

RunOutcome outcomeOf(const TrainingRun& run, size_t index, Clock::time_point start) {
  const RunProgress p = run.progress();
  RunOutcome o;
  o.index = index;
  o.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  o.samples_per_s = run.trainSamplesPerSecond();
  o.description = p.description.empty() ? describeConfig(run.config()) : p.description;
  if (p.state == RunState::kFinished) {
    o.kind = RunOutcome::Kind::kFinished;
  } else if (p.state == RunState::kFailed && p.diverged) {
    o.kind = RunOutcome::Kind::kDiverged;
    o.error = p.error;
  } else {
    o.kind = RunOutcome::Kind::kFailed;
    o.error = p.state == RunState::kStopped ? "stopped before it finished" : p.error;
  }
  auto points = parseMetricsCsv(metricsCsv(run.metrics().all()), "metrics");
  if (points) o.metrics = std::move(*points);
  return o;
}

}  // namespace

RunPool::RunPool(int slots, int threads_per_run)
    : slots_(std::max(1, slots)), threads_(std::max(1, threads_per_run)) {}

RunPool::~RunPool() {
  stopAll();
}

void RunPool::start(size_t index, RunConfig config) {
  config.compute_threads = threads_;
  const int id = manager_.start(config);
  active_.push_back({id, index, Clock::now()});
}

std::vector<RunOutcome> RunPool::collect(std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  std::vector<RunOutcome> done;
  while (true) {
    for (auto it = active_.begin(); it != active_.end();) {
      auto run = manager_.get(it->id);
      if (run && !run->finished()) {
        ++it;
        continue;
      }
      if (run) {
        run->join();
        done.push_back(outcomeOf(*run, it->index, it->start));
      }
      manager_.remove(it->id);
      it = active_.erase(it);
    }
    if (!done.empty() || active_.empty() || Clock::now() >= deadline) return done;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void RunPool::stopAll() {
  manager_.stopAll();
  for (const Active& a : active_) manager_.remove(a.id);
  active_.clear();
}

}  // namespace mulab
