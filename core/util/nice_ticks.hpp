// "Nice" axis ticks: steps of 1, 2 or 5 x 10^k (Heckbert, "Nice numbers for
// graph labels", Graphics Gems 1990), for the surface axes, the colour bar and
// the plots. Log axes tick at powers of ten.
#pragma once

#include <string>
#include <vector>

namespace mulab {

struct Ticks {
  std::vector<double> values;
  double step = 0;
};

// About `target` ticks covering [lo, hi] (lo < hi), each a multiple of step.
Ticks niceTicks(double lo, double hi, int target = 6);

// Powers of ten within [lo, hi] (lo > 0); if fewer than three fall inside,
// the 1-2-5 multiples instead, and for ranges too narrow even for those,
// linear nice ticks.
std::vector<double> logTicks(double lo, double hi);

// Short label: "0", "2.5", "1e-06", "-40".
std::string tickLabel(double v, double step);

}  // namespace mulab
