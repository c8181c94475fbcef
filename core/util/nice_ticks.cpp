#include "util/nice_ticks.hpp"

#include <cmath>
#include <cstdio>

namespace mulab {

Ticks niceTicks(double lo, double hi, int target) {
  Ticks t;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || target < 1) return t;
  const double raw = (hi - lo) / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  t.step = nice * mag;
  const double first = std::ceil(lo / t.step - 1e-9) * t.step;
  for (double v = first; v <= hi + t.step * 1e-9; v += t.step) {
    t.values.push_back(std::abs(v) < t.step * 1e-9 ? 0.0 : v);
    if (t.values.size() > 1000) break;
  }
  return t;
}

std::vector<double> logTicks(double lo, double hi) {
  std::vector<double> out;
  if (!(lo > 0) || !(hi > lo)) return out;
  for (double e = std::ceil(std::log10(lo) - 1e-9); e <= std::log10(hi) + 1e-9; e += 1) {
    out.push_back(std::pow(10.0, e));
  }
  if (out.size() >= 3) return out;
  out.clear();
  const double decade = std::pow(10.0, std::floor(std::log10(lo)));
  for (double d = decade; d <= hi * 10; d *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * d;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push_back(v);
    }
  }
  if (out.size() >= 3) return out;
  return niceTicks(lo, hi, 4).values;  // under half a decade: plain linear ticks
}

std::string tickLabel(double v, double step) {
  char buf[32];
  if (v == 0) return "0";
  const double a = std::abs(v);
  if (a >= 1e5 || a < 1e-3) {
    std::snprintf(buf, sizeof buf, "%.0e", v);
  } else {
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

}  // namespace mulab
