#include "gui/basin_job.hpp"

namespace mulab::gui {

BasinJob::BasinJob(std::shared_ptr<const Surface> surface, const OptimizerConfig& config,
                   const StopCriteria& stop, const Window& window, int resolution)
    : surface_(std::move(surface)), config_(config), stop_(stop),
      map_(resolution, resolution, window) {
  const int threads = 2;
  for (int t = 0; t < threads; ++t) {
    // Interleaved bands of 4 rows so both halves of the map fill in together.
    workers_.emplace_back([this, t, threads] {
      for (int j = 4 * t; j < map_.ny; j += 4 * threads) {
        computeBasinRows(*surface_, config_, stop_, map_, j, std::min(j + 4, map_.ny), cancel_,
                         rows_done_);
        if (cancel_) return;
      }
    });
  }
}

void BasinJob::cancel() {
  cancel_ = true;
  for (auto& w : workers_) {
    if (w.joinable()) w.join();
  }
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

}  // namespace mulab::gui
