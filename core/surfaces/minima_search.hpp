// Numerical search for the local minima of any surface in a window, for
// surfaces whose minima are not known in closed form (formula surfaces), and
// a way to attach what was found so f* (globalMinimumValue) works for them.
#pragma once

#include <memory>
#include <vector>

#include "surfaces/surface.hpp"

namespace mulab {

struct MinimaSearchOptions {
  int grid = 128;            // grid side: candidates are its cells lower than all 8 neighbours
  int max_candidates = 256;  // the lowest ones are refined
  // A minimum is global when its value is within this of the lowest found,
  // relative to max(1, |f_min|): equal minima (Himmelblau's four, the camel's
  // two) differ by rounding only.
  double global_rel_tol = 1e-8;
};

// Grid + local refinement: every interior cell of a grid over `window` whose
// value is no higher than its 8 neighbours (and lower than one) is refined by
// damped Newton steps (Hessian from central differences of the gradient,
// backtracking on f, a gradient step where the Hessian is not positive
// definite), then polished by a compass search (which also settles on
// non-smooth minima such as Ackley's cone tip, where Newton cannot).
// A refined point is kept if it lies in the window and no point around it at
// 1e-5 of the window's diagonal is lower; points closer than 1e-5 of the
// diagonal are merged (the lower kept). Sorted by value, then x, then y;
// deterministic. Minima on the window's edge are not reported.
std::vector<Minimum> findMinima(const Surface& surface, const Window& window,
                                const MinimaSearchOptions& options = {});

// The same surface (same evaluate, shares `surface`) with `minima` as its
// listed minima, so globalMinimumValue() and everything using f* (stopping
// at f - f* < tol, races, shifted colour scales) work for it.
std::shared_ptr<const Surface> withMinima(std::shared_ptr<const Surface> surface,
                                          std::vector<Minimum> minima);

}  // namespace mulab
