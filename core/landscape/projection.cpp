#include "landscape/projection.hpp"

#include <cmath>

namespace mulab {

PlaneCoordinates projectOntoPlane(const Plane& p, const Vector& theta) {
  const long P = theta.size();
  double g11 = 0, g12 = 0, g22 = 0, r1 = 0, r2 = 0, vv = 0;
  for (long i = 0; i < P; ++i) {
    const double v = double(theta[i]) - double(p.centre[i]);
    const double a = p.d1[i], b = p.d2[i];
    g11 += a * a;
    g12 += a * b;
    g22 += b * b;
    r1 += a * v;
    r2 += b * v;
    vv += v * v;
  }
  PlaneCoordinates c;
  c.distance = std::sqrt(vv);
  if (vv == 0) return c;
  const double det = g11 * g22 - g12 * g12;
  c.x = (g22 * r1 - g12 * r2) / det;
  c.y = (g11 * r2 - g12 * r1) / det;
  // The residual from its own terms, not from vv - projection: that
  // difference cancels catastrophically when the point lies in the plane.
  double rr = 0;
  for (long i = 0; i < P; ++i) {
    const double r = double(theta[i]) - double(p.centre[i]) - c.x * p.d1[i] - c.y * p.d2[i];
    rr += r * r;
  }
  c.residual = std::sqrt(rr / vv);
  return c;
}

}  // namespace mulab
