#include "landscape/random_directions.hpp"

#include <cmath>
#include <span>

namespace mulab {
namespace {

// Sum of squares in double, in index order, with explicit fma: the same bits
// on every machine (no vectorised reordering, no compiler-chosen fusing).
double rowNorm(const float* row, long n) {
  double s = 0;
  for (long i = 0; i < n; ++i) s = std::fma(double(row[i]), double(row[i]), s);
  return std::sqrt(s);
}

}  // namespace

Vector filterNormalisedDirection(const NetShape& shape, const Vector& centre, SplitMix64& rng) {
  Vector d = Vector::Zero(shape.parameterCount());
  for (size_t l = 0; l < shape.layerCount(); ++l) {
    const long out = shape.sizes[l + 1], in = shape.sizes[l];
    float* w = d.data() + shape.weightOffset(l);
    const float* c = centre.data() + shape.weightOffset(l);
    fillNormal(rng, std::span<float>(w, size_t(out * in)));
    for (long r = 0; r < out; ++r) {
      const double scale = rowNorm(c + r * in, in) / (rowNorm(w + r * in, in) + 1e-10);
      for (long i = 0; i < in; ++i) w[r * in + i] = float(double(w[r * in + i]) * scale);
    }
  }
  return d;
}

Plane randomPlane(const NetShape& shape, const Vector& centre, uint64_t seed) {
  SplitMix64 rng(seed);
  Plane p;
  p.shape = shape;
  p.centre = centre;
  p.kind = PlaneKind::kRandom;
  p.seed = seed;
  p.d1 = filterNormalisedDirection(shape, centre, rng);
  p.d2 = filterNormalisedDirection(shape, centre, rng);
  return p;
}

}  // namespace mulab
