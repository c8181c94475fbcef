// The hybrid rule's gamma schedule for network training. GOFAU (Kirtas,
// Passalis, Tefas, arXiv 2307.07189) has no schedule in the paper; the
// authors' public code of the rule keeps gamma = 1 (purely
// multiplicative) until a patience epoch and then decays it geometrically
// towards the additive rule:
//   epoch e (0-based) < P:  gamma = 1
//   epoch e >= P:           gamma = gamma_0^k,  k = e - P + 1
// so the first epoch after the patience uses gamma_0, the next gamma_0^2, ...
// gamma_0 is the configured --gamma; P = --gamma-patience.
#pragma once

#include <cmath>

namespace mulab {

// A patience below 0 means no schedule: gamma_0 throughout.
inline double scheduledGamma(double gamma0, int patience, int epoch) {
  if (patience < 0) return gamma0;
  if (epoch < patience) return 1.0;
  return std::pow(gamma0, double(epoch - patience + 1));
}

// The schedule a trainer follows: P epochs of patience, or none.
struct GammaSchedule {
  int patience = -1;  // below 0: no schedule
  bool active() const { return patience >= 0; }
  double gammaAt(double gamma0, int epoch) const { return scheduledGamma(gamma0, patience, epoch); }
};

}  // namespace mulab
