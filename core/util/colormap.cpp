#include "util/colormap.hpp"

#include <algorithm>
#include <cmath>

namespace mulab {

const ChoiceNames& colormapChoices() {
  static const ChoiceNames names{"colour map", {"viridis", "magma", "coolwarm"}};
  return names;
}
namespace {

using Poly = std::array<std::array<double, 3>, 7>;

// Degree-6 least-squares fits of matplotlib's viridis and magma (public-domain
// fits by Matt Zucker), accurate to about 1/255.
constexpr Poly kViridis = {{{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                            {6.228269936347081, 14.17993336680509, 56.69055260068105},
                            {4.776384997670288, -13.74514537774601, -65.35303263337234},
                            {-5.435455855934631, 4.645852612178535, 26.3124352495832}}};
constexpr Poly kMagma = {{{-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
                          {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
                          {8.353717279216625, -3.577719514958484, 0.3144679030132573},
                          {-27.66873308576866, 14.26473078096533, -13.64921318813922},
                          {52.17613981234068, -27.94360607168351, 12.94416944238394},
                          {-50.76852536473588, 29.04658282127291, 4.23415299384598},
                          {18.65570506591883, -11.48977351997711, -5.601961508734096}}};

Lut fromPoly(const Poly& p) {
  Lut lut;
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0;
    for (int c = 0; c < 3; ++c) {
      double v = p[6][c];
      for (int k = 5; k >= 0; --k) v = v * t + p[k][c];
      lut[i][c] = static_cast<float>(std::clamp(v, 0.0, 1.0));
    }
  }
  return lut;
}

Lut coolwarm() {
  // Moreland 2009: blue (59, 76, 192), grey (221, 221, 221), red (180, 4, 38).
  const double a[3] = {59, 76, 192}, m[3] = {221, 221, 221}, b[3] = {180, 4, 38};
  Lut lut;
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0;
    for (int c = 0; c < 3; ++c) {
      const double v = t < 0.5 ? a[c] + (m[c] - a[c]) * (t / 0.5) : m[c] + (b[c] - m[c]) * ((t - 0.5) / 0.5);
      lut[i][c] = static_cast<float>(v / 255.0);
    }
  }
  return lut;
}

}  // namespace

const Lut& colormapLut(const std::string& name) {
  static const Lut viridis = fromPoly(kViridis), magma = fromPoly(kMagma), cw = coolwarm();
  if (name == "magma") return magma;
  if (name == "coolwarm") return cw;
  return viridis;
}

}  // namespace mulab
