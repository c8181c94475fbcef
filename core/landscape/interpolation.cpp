#include "landscape/interpolation.hpp"

#include "util/compute_threads.hpp"
#include "util/parallel_for.hpp"

namespace mulab {

std::vector<LinePoint> interpolate(const NetShape& shape, const Vector& a, const Vector& b,
                                   std::shared_ptr<const EvalSubset> subset, double from, double to,
                                   int points, const std::atomic<bool>* cancel, int threads) {
  if (threads < 1) threads = availableCores();
  const PlaneEvaluator eval(shape, {&a, &b}, std::move(subset), threads);
  std::vector<LinePoint> line(size_t(std::max(points, 0)));
  std::atomic<long> done{0};
  parallelFor(
      long(line.size()), threads,
      [&](long i) {
        // The same fraction-of-the-range form as the grids: alpha is exactly 0
        // and 1 whenever those fall on a node (they do for [-0.5, 1.5] and 41).
        const double alpha =
            points < 2 ? from : from + (to - from) * (double(i) / double(points - 1));
        line[size_t(i)] = {alpha, eval.at({1.0 - alpha, alpha, 0.0})};
        ++done;
      },
      [&] { return cancel && cancel->load(); });
  if (done < long(line.size())) line.clear();  // cancelled: no partial line
  return line;
}

}  // namespace mulab
