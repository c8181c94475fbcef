// Where a checkpoint lies relative to a plane, and how far off it: the
// least-squares coordinates (x, y) of theta_k - centre on (d1, d2) (the
// directions need not be orthogonal) and the off-plane residual
// ||theta_k - (centre + x d1 + y d2)|| / ||theta_k - centre||. Contours under
// a path and the checkpoints' real losses disagree exactly where this
// residual is large (Li et al.'s code, issue #1): the surface shows
// L(centre + x d1 + y d2), not L(theta_k).
#pragma once

#include "landscape/plane.hpp"

namespace mulab {

struct PlaneCoordinates {
  double x = 0, y = 0;
  double residual = 0;  // relative, in [0, 1]; 0 for the centre itself
  double distance = 0;  // ||theta_k - centre||
};

// Computed in double over every parameter.
PlaneCoordinates projectOntoPlane(const Plane& plane, const Vector& theta);

}  // namespace mulab
