#include "util/seeded_random.hpp"

#include <cmath>
#include <numbers>

// This file is compiled with -ffp-contract=off (core/CMakeLists.txt): the
// compiler must not fuse a*b+c on its own, or an FMA machine and a machine
// without would differ. Where a fused step is wanted it is written std::fma,
// which is correctly rounded everywhere.
namespace mulab {
namespace {

// 1, 1/3, 1/5, ... : atanh(s) = s (1 + s^2/3 + s^4/5 + ...).
constexpr int kAtanhTerms = 13;

// Terms of sin(x)/x and cos(x) in x^2: (-1)^k / (2k+1)! and (-1)^k / (2k)!.
constexpr int kTrigTerms = 13;

double atanhSeries(double s) {
  const double z = s * s;
  double p = 1.0 / double(2 * kAtanhTerms - 1);
  for (int k = kAtanhTerms - 2; k >= 0; --k) p = std::fma(p, z, 1.0 / double(2 * k + 1));
  return s * p;
}

// sin and cos of x in [0, pi/2] by Horner on Taylor series (degree 25/24:
// the truncation error is below 1e-19 there).
std::pair<double, double> sinCosQuadrant(double x) {
  struct Coefficients {
    double first[kTrigTerms], second[kTrigTerms];  // sin(x)/x and cos(x) in powers of x^2
  };
  static const Coefficients coefficients = [] {
    Coefficients c{};
    double fact = 1;  // n!
    for (int n = 0; n < 2 * kTrigTerms; ++n) {
      if (n > 0) fact *= n;
      const double sign = (n / 2) % 2 ? -1.0 : 1.0;
      if (n % 2) {
        c.first[n / 2] = sign / fact;
      } else {
        c.second[n / 2] = sign / fact;
      }
    }
    return c;
  }();
  const double z = x * x;
  double s = coefficients.first[kTrigTerms - 1], c = coefficients.second[kTrigTerms - 1];
  for (int k = kTrigTerms - 2; k >= 0; --k) {
    s = std::fma(s, z, coefficients.first[k]);
    c = std::fma(c, z, coefficients.second[k]);
  }
  return {x * s, c};
}

}  // namespace

double portableLog(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1): exact
  if (m < std::numbers::sqrt2 / 2) {
    m *= 2;  // exact
    --e;
  }
  // log(m) = 2 atanh((m - 1) / (m + 1)), |s| <= 0.172.
  const double s = (m - 1) / (m + 1);
  return std::fma(double(e), std::numbers::ln2, 2 * atanhSeries(s));
}

std::pair<double, double> portableSinCos2Pi(double u) {
  const double q4 = u * 4;  // exact: a power of two
  const double q = std::floor(q4);
  const double r = q4 - q;  // exact
  const auto [s, c] = sinCosQuadrant(r * (std::numbers::pi / 2));
  switch (int(q) & 3) {
    case 0:
      return {s, c};
    case 1:
      return {c, -s};
    case 2:
      return {-s, -c};
    default:
      return {-c, s};
  }
}

std::pair<double, double> normalPair(SplitMix64& rng) {
  const double u1 = double((rng.next() >> 11) + 1) * 0x1.0p-53;  // (0, 1]: log is finite
  const double u2 = rng.uniform();
  const double r = std::sqrt(-2 * portableLog(u1));  // sqrt is correctly rounded (IEEE)
  const auto [s, c] = portableSinCos2Pi(u2);
  return {r * c, r * s};
}

void fillNormal(SplitMix64& rng, std::span<float> out) {
  size_t i = 0;
  for (; i + 1 < out.size(); i += 2) {
    const auto [a, b] = normalPair(rng);
    out[i] = float(a);
    out[i + 1] = float(b);
  }
  if (i < out.size()) out[i] = float(normalPair(rng).first);
}

void shuffleIndices(SplitMix64& rng, std::vector<int>& v) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

uint64_t fnv1a64(const void* data, size_t bytes, uint64_t hash) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    hash ^= p[i];
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace mulab
