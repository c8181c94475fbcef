// Loss and error of the networks theta = c0 P0 + c1 P1 + c2 P2 on a fixed
// subset, with the first layer's products computed once (docs/landscape.md,
// "Cost"): (c0 W0 + c1 D + c2 E) X = c0 (W0 X) + c1 (D X) + c2 (E X), so a
// plane's grid point (c = (1, x, y)) or an interpolation's alpha
// (c = (1 - alpha, alpha, 0)) costs only the layers above the first, about
// 0.51 of the 1.29 MFLOP per sample of a 784-500-500-10 forward pass. Every
// remaining layer is one matrix product. A coefficient of exactly 1 with the
// others 0 reproduces P0 (or P1) exactly, so the centre and the ends of an
// interpolation are the networks themselves, not a rounding of them.
#pragma once

#include <array>
#include <memory>

#include "landscape/eval_subset.hpp"
#include "nn/net_shape.hpp"

namespace mulab {

struct LossAndError {
  double loss = NAN;   // mean softmax cross-entropy
  double error = NAN;  // fraction of argmax mistakes
};

class PlaneEvaluator {
 public:
  // `basis` holds 1 to 3 flat parameter vectors (kept by pointer: they must
  // outlive the evaluator); the first-layer products are computed here, in
  // column blocks on `threads` threads (util/parallel_for.hpp; < 1: the
  // machine's, util/compute_threads.hpp). The bits do not depend on it.
  PlaneEvaluator(NetShape shape, std::vector<const Vector*> basis,
                 std::shared_ptr<const EvalSubset> subset, int threads = 0);

  // theta = sum_k c[k] basis[k] (missing basis vectors count as zero).
  // Thread-safe: independent points may be evaluated concurrently.
  LossAndError at(std::array<double, 3> c) const;
  // A plane's point (x, y): c = (1, x, y).
  LossAndError plane(double x, double y) const { return at({1.0, x, y}); }

  const EvalSubset& subset() const { return *subset_; }
  const NetShape& shape() const { return shape_; }

 private:
  NetShape shape_;
  std::vector<const Vector*> basis_;
  std::shared_ptr<const EvalSubset> subset_;
  std::vector<Matrix> first_;  // per basis vector: W1 X + b1 (b1 broadcast)
};

// The loss and error of one network on a subset: a plain forward pass, the
// independent reference the plane's values are checked against.
LossAndError networkLoss(const NetShape& shape, const Vector& theta, const EvalSubset& subset);

}  // namespace mulab
