// libFuzzer target: arbitrary text as a formula surface f(x, y). Whatever
// makeFormulaSurface accepts must evaluate (value, gradient, batches) at a few
// points without crashing, and the minima search must run on it; whatever it
// refuses must come with a message.
#include <cstddef>
#include <cstdint>
#include <string>

#include "surfaces/formula_surface.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const mulab::Window window{-3, 3, -2, 2};
  auto surface = mulab::makeFormulaSurface(text, window);
  if (!surface) {
    if (surface.error().empty()) __builtin_trap();  // every refusal says why
    return 0;
  }
  const mulab::Surface& s = **surface;
  Eigen::Array2Xd points(2, 5);
  points << 0, -3, 3, 1e-300, 1e6, 0, 2, -2, -1e-300, -1e6;
  for (Eigen::Index i = 0; i < points.cols(); ++i) {
    mulab::Vec2 g;
    s.evaluate(points.col(i), &g);
  }
  Eigen::ArrayXd values;
  Eigen::Array2Xd grads;
  s.evaluateBatch(points, values, grads);
  if (values.size() != points.cols() || grads.cols() != points.cols()) __builtin_trap();
  mulab::MinimaSearchOptions small;
  small.grid = 10;
  small.max_candidates = 3;
  mulab::findMinima(s, window, small);
  return 0;
}
