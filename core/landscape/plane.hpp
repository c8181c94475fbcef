// A 2D slice of a network's parameter space: theta(x, y) = centre + x d1 + y d2
// (Li, Xu, Taylor, Studer, Goldstein, "Visualizing the Loss Landscape of
// Neural Nets", NeurIPS 2018, eq. 1: f(a, b) = L(theta* + a delta + b eta)).
// Vectors are flat parameter vectors laid out by NetShape (nn/net_shape.hpp).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "nn/net_shape.hpp"
#include "util/choice.hpp"

namespace mulab {

enum class PlaneKind { kRandom, kPca };
// "random", "pca": `mulab-cli landscape --directions` and a scene's
// landscape "directions" read them here.
const Choices<PlaneKind>& planeKindChoices();
std::string_view toString(PlaneKind kind);

struct Plane {
  NetShape shape;
  Vector centre, d1, d2;
  PlaneKind kind = PlaneKind::kRandom;
  uint64_t seed = 0;                          // random: the seed the directions came from
  std::array<double, 2> explained{NAN, NAN};  // PCA: explained variance ratio per axis

  // "PC1, 83.2% of the variance" or "random direction 1 (filter-normalised)".
  std::string axisLabel(int axis) const;
};

// FNV-1a 64 over the bytes of d1's floats then d2's (little-endian float32,
// in the flat order): the same directions give the same hash on every
// machine, and numpy reproduces it from the same vectors.
uint64_t directionHash(const Plane& plane);
// "fnv1a64:0123456789abcdef"
std::string hashText(uint64_t hash);

}  // namespace mulab
