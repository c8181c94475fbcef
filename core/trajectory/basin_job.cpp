#include "trajectory/basin_job.hpp"

namespace mulab {

BasinJob::BasinJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
                   const StopCriteria& stop, const Window& window, int nx, int ny, int threads)
    : surface_(std::move(surface)),
      config_(config),
      stop_(stop),
      map_(nx, ny, window),
      job_("computing the basin map") {
  job_.setThreads(threads);
  job_.start([this](JobContext& ctx) {
    ctx.setTotal(map_.ny);
    // One row per item: a band of slow rows cannot leave a thread idle.
    ctx.parallelFor(map_.ny, [&](long j) {
      computeBasinRows(*surface_, config_, stop_, map_, int(j), int(j) + 1, ctx.cancelFlag(),
                       rows_done_, &optimizer_steps_);
      if (map_.row_ready[j].load(std::memory_order_acquire)) ctx.addDone(1);
    });
  });
}

void BasinJob::readCells(std::vector<float>& out) const {
  out.assign(map_.steps.size(), float(BasinMap::kPending));
  for (int j = 0; j < map_.ny; ++j) {
    if (!map_.row_ready[j].load(std::memory_order_acquire)) continue;
    for (int i = 0; i < map_.nx; ++i) {
      out[size_t(j) * map_.nx + i] = float(map_.steps[size_t(j) * map_.nx + i]);
    }
  }
}

}  // namespace mulab
