// Element-wise tanh for the multiplicative update rule.
//
// Eigen 3.4 vectorises tanh for float only; for double it calls std::tanh per
// coefficient, which was the largest single cost of a 2D multiplicative step.
// This version uses Eigen's vectorised exp for |x| >= 0.625 and Cephes'
// rational approximation (tanh.c, S. L. Moshier) below it, where 1 - e^{-2|x|}
// would cancel. Both branches are within a few ulp of std::tanh.
//
// It is one Eigen functor with a packet path, so `th -= c * th.abs() *
// gofauTanh(k * u)` is a single vectorised pass with no temporaries: Eigen's
// select() and sign() have no packet path in 3.4, and the array version they
// forced (eight temporaries, two scalar loops) was a third of a basin map's
// time. The sign is copied bit-wise, which equals multiplying by sign(x)
// wherever the exp branch is taken (|x| >= 0.625, or NaN).
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <type_traits>

namespace mulab {

struct GofauTanhOp {
  // Cephes tanh.c, |x| < 0.625: tanh x = x + x z P(z) / Q(z), z = x^2.
  static constexpr double kP0 = -9.64399179425052238628e-1, kP1 = 9.92877231001918586564e1,
                          kP2 = 1.61468768441708447952e3;
  static constexpr double kQ1 = 1.12811678491632931402e2, kQ2 = 2.23548839060100448583e3,
                          kQ3 = 4.84406305325125486048e3;
  static constexpr double kSmall = 0.625;

  double operator()(double x) const {
    const double ax = std::abs(x);
    if (ax < kSmall) {
      const double z = x * x;
      const double p = (kP0 * z - kP1) * z - kP2;
      const double q = ((z + kQ1) * z + kQ2) * z + kQ3;
      return x + x * z * p / q;
    }
    // |x| >= 0.625: tanh |x| = (1 - e) / (1 + e), e = exp(-2|x|) <= 0.29, no cancellation.
    const double e = std::exp(-2.0 * ax);
    return std::copysign((1.0 - e) / (1.0 + e), x);
  }

  template <class Packet>
  Packet packetOp(const Packet& x) const {
    using namespace Eigen::internal;
    const Packet ax = pabs(x);
    const Packet z = pmul(x, x);
    const Packet p =
        psub(pmul(psub(pmul(pset1<Packet>(kP0), z), pset1<Packet>(kP1)), z), pset1<Packet>(kP2));
    const Packet q = padd(pmul(padd(pmul(padd(z, pset1<Packet>(kQ1)), z), pset1<Packet>(kQ2)), z),
                          pset1<Packet>(kQ3));
    const Packet one = pset1<Packet>(1.0);
    const Packet e = pexp(pmul(pset1<Packet>(-2.0), ax));
    // Both branches end in a quotient: select numerator and denominator
    // first and divide once (division is the slowest step). Small branch:
    // x + (x z p) / q; large branch: 0 + (+-(1 - e)) / (1 + e), the sign
    // being x's sign bit; either way the same value as dividing per branch.
    const Packet is_small = pcmp_lt(ax, pset1<Packet>(kSmall));
    const Packet large_num = por(psub(one, e), pand(x, pset1<Packet>(-0.0)));
    const Packet num = pselect(is_small, pmul(pmul(x, z), p), large_num);
    const Packet den = pselect(is_small, q, padd(one, e));
    return padd(pselect(is_small, x, pzero(x)), pdiv(num, den));
  }
};

template <class Derived>
EIGEN_STRONG_INLINE auto gofauTanh(const Eigen::ArrayBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  if constexpr (std::is_same_v<Scalar, double>) {
    return x.unaryExpr(GofauTanhOp{});
  } else {
    return x.tanh();  // Eigen's vectorised float tanh
  }
}

}  // namespace mulab

namespace Eigen::internal {
template <>
struct functor_traits<mulab::GofauTanhOp> {
  enum {
    Cost = 40 * NumTraits<double>::MulCost,
    PacketAccess = packet_traits<double>::HasExp != 0 && packet_traits<double>::HasDiv != 0 &&
                   packet_traits<double>::HasAbs != 0
  };
};
}  // namespace Eigen::internal
