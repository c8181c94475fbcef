// The surface catalogue (docs/algorithms.md, §2): formulas, analytic gradients,
// windows, minima and standard starts. Minima off the obvious points were
// refined by Newton's method to full double precision.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <type_traits>

#include "surfaces/surface.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kE = std::numbers::e;

template <class F>
class SurfaceImpl final : public Surface {
 public:
  SurfaceImpl(SurfaceInfo info, F f) : Surface(std::move(info)), f_(std::move(f)) {}
  double evaluate(const Vec2& p, Vec2* grad) const override { return f_(p, grad); }
  void evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values,
                     Eigen::Array2Xd& grads) const override {
    values.resize(points.cols());
    grads.resize(2, points.cols());
    for (Eigen::Index i = 0; i < points.cols(); ++i) {
      Vec2 g;
      values[i] = f_(points.col(i), &g);
      grads.col(i) = g;
    }
  }

 private:
  F f_;
};

template <class F>
std::shared_ptr<const Surface> make(SurfaceInfo info, F f) {
  return std::make_shared<SurfaceImpl<F>>(std::move(info), std::move(f));
}

// A surface whose formula is written once over a generic number type: double
// for one point, and 8-lane Eigen arrays for batches, so Eigen evaluates exp
// and the arithmetic over SIMD lanes (glibc's scalar exp was a third of a
// two-wells basin map's time). f(x, y, gx, gy) returns f and writes the
// gradient. Batches and single points agree to rounding (Eigen's vector exp
// and glibc's differ in the last bit), not bit for bit.
template <class F>
class LaneSurfaceImpl final : public Surface {
 public:
  LaneSurfaceImpl(SurfaceInfo info, F f) : Surface(std::move(info)), f_(std::move(f)) {}
  double evaluate(const Vec2& p, Vec2* grad) const override {
    double gx, gy;
    const double f = f_(p.x(), p.y(), gx, gy);
    if (grad) *grad = Vec2(gx, gy);
    return f;
  }
  void evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values,
                     Eigen::Array2Xd& grads) const override {
    using Lanes = Eigen::Array<double, 8, 1>;
    const Eigen::Index n = points.cols();
    values.resize(n);
    grads.resize(2, n);
    // A last partial group fills its spare lanes with its last point, so
    // every column of a batch goes through the same (vector) arithmetic.
    using Strided = Eigen::Map<const Lanes, 0, Eigen::InnerStride<2>>;
    using StridedOut = Eigen::Map<Lanes, 0, Eigen::InnerStride<2>>;
    Eigen::Index i = 0;
    for (; i + 8 <= n; i += 8) {
      const Lanes x = Strided(points.data() + 2 * i), y = Strided(points.data() + 2 * i + 1);
      Lanes gx, gy;
      values.segment<8>(i) = f_(x, y, gx, gy);
      StridedOut(grads.data() + 2 * i) = gx;
      StridedOut(grads.data() + 2 * i + 1) = gy;
    }
    if (i < n) {
      const int used = int(n - i);
      Lanes x, y, gx, gy;
      for (int l = 0; l < 8; ++l) {
        x[l] = points(0, i + std::min(l, used - 1));
        y[l] = points(1, i + std::min(l, used - 1));
      }
      const Lanes f = f_(x, y, gx, gy);
      for (int l = 0; l < used; ++l) {
        values[i + l] = f[l];
        grads(0, i + l) = gx[l];
        grads(1, i + l) = gy[l];
      }
    }
  }

 private:
  F f_;
};

template <class F>
std::shared_ptr<const Surface> makeLanes(SurfaceInfo info, F f) {
  return std::make_shared<LaneSurfaceImpl<F>>(std::move(info), std::move(f));
}

Minimum global(double x, double y, double f) { return {Vec2(x, y), f, true}; }
Minimum local(double x, double y, double f) { return {Vec2(x, y), f, false}; }

// [SECTION] Convex

// 1/2 p^T A p with A = R diag(2, 2/kappa) R^T: kappa = 1, rotation 0 is x^2 + y^2.
// The steep curvature stays 2 for every kappa, so one stable step size serves
// all condition numbers and only the shallow direction slows down.
std::shared_ptr<const Surface> quadratic(const SurfaceParams& params) {
  const double phi = params.rotation_deg * kPi / 180.0;
  const double c = std::cos(phi), s = std::sin(phi);
  const double l1 = 2.0, l2 = 2.0 / params.condition;
  const double a = l1 * c * c + l2 * s * s;
  const double b = (l1 - l2) * c * s;
  const double d = l1 * s * s + l2 * c * c;
  std::string formula = "x^2 + y^2";
  if (params.condition != 1.0 || params.rotation_deg != 0.0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "1/2 p^T A p, A = R(%g deg) diag(2, 2/%g) R^T", params.rotation_deg,
                  params.condition);
    formula = buf;
  }
  return make(SurfaceInfo{"quadratic", "Quadratic bowl", formula, SurfaceFamily::kConvex,
                          {-2, 2, -2, 2}, {global(0, 0, 0)}, Vec2(-1.5, 1.5)},
              [a, b, d](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y();
                const double gx = a * x + b * y, gy = b * x + d * y;
                if (g) *g = Vec2(gx, gy);
                return 0.5 * (x * gx + y * gy);
              });
}

std::shared_ptr<const Surface> booth() {
  return make(SurfaceInfo{"booth", "Booth", "(x + 2y - 7)^2 + (2x + y - 5)^2",
                          SurfaceFamily::kConvex, {-10, 10, -10, 10}, {global(1, 3, 0)},
                          Vec2(8, 8)},
              [](const Vec2& p, Vec2* g) {
                const double a = p.x() + 2 * p.y() - 7, b = 2 * p.x() + p.y() - 5;
                if (g) *g = Vec2(2 * a + 4 * b, 4 * a + 2 * b);
                return a * a + b * b;
              });
}

std::shared_ptr<const Surface> matyas() {
  return make(SurfaceInfo{"matyas", "Matyas", "0.26 (x^2 + y^2) - 0.48 x y",
                          SurfaceFamily::kConvex, {-10, 10, -10, 10}, {global(0, 0, 0)},
                          Vec2(8, -6)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y();
                if (g) *g = Vec2(0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x);
                return 0.26 * (x * x + y * y) - 0.48 * x * y;
              });
}

// [SECTION] Valleys

std::shared_ptr<const Surface> rosenbrock() {
  return make(SurfaceInfo{"rosenbrock", "Rosenbrock", "(1 - x)^2 + 100 (y - x^2)^2",
                          SurfaceFamily::kValley, {-2, 2, -1, 3}, {global(1, 1, 0)},
                          Vec2(-2, 2)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y();
                const double a = 1 - x, b = y - x * x;
                if (g) *g = Vec2(-2 * a - 400 * x * b, 200 * b);
                return a * a + 100 * b * b;
              });
}

std::shared_ptr<const Surface> beale() {
  return make(SurfaceInfo{"beale", "Beale",
                          "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
                          SurfaceFamily::kValley, {-4.5, 4.5, -4.5, 4.5}, {global(3, 0.5, 0)},
                          Vec2(3, 4)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y(), y2 = y * y, y3 = y2 * y;
                const double a = 1.5 - x + x * y, b = 2.25 - x + x * y2, c = 2.625 - x + x * y3;
                if (g) {
                  *g = Vec2(2 * (a * (y - 1) + b * (y2 - 1) + c * (y3 - 1)),
                            2 * x * (a + 2 * b * y + 3 * c * y2));
                }
                return a * a + b * b + c * c;
              });
}

std::shared_ptr<const Surface> himmelblau() {
  return make(SurfaceInfo{"himmelblau", "Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                          SurfaceFamily::kMultiModal,
                          {-5, 5, -5, 5},
                          {global(3, 2, 0), global(-2.805118086952745, 3.131312518250573, 0),
                           global(-3.779310253377747, -3.2831859912861696, 0),
                           global(3.5844283403304917, -1.8481265269644036, 0)},
                          Vec2(0.5, 4.5)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y();
                const double a = x * x + y - 11, b = x + y * y - 7;
                if (g) *g = Vec2(4 * x * a + 2 * b, 2 * a + 4 * y * b);
                return a * a + b * b;
              });
}

// [SECTION] Many minima

std::shared_ptr<const Surface> rastrigin() {
  return make(SurfaceInfo{"rastrigin", "Rastrigin",
                          "20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)",
                          SurfaceFamily::kMultiModal, {-5.12, 5.12, -5.12, 5.12},
                          {global(0, 0, 0)}, Vec2(-2, 3.5)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y();
                if (g) {
                  *g = Vec2(2 * x + 20 * kPi * std::sin(2 * kPi * x),
                            2 * y + 20 * kPi * std::sin(2 * kPi * y));
                }
                return 20 + x * x - 10 * std::cos(2 * kPi * x) + y * y - 10 * std::cos(2 * kPi * y);
              });
}

std::shared_ptr<const Surface> ackley() {
  return make(
      SurfaceInfo{"ackley", "Ackley",
                  "-20 exp(-0.2 sqrt((x^2 + y^2)/2)) - exp((cos 2 pi x + cos 2 pi y)/2) + e + 20",
                  SurfaceFamily::kMultiModal, {-5, 5, -5, 5}, {global(0, 0, 0)}, Vec2(-4.2, 3.6)},
      [](const Vec2& p, Vec2* g) {
        const double x = p.x(), y = p.y();
        const double r = std::sqrt(0.5 * (x * x + y * y));
        const double e1 = std::exp(-0.2 * r);
        const double e2 = std::exp(0.5 * (std::cos(2 * kPi * x) + std::cos(2 * kPi * y)));
        if (g) {
          // The cone term has no gradient at the origin; 0 is its subgradient there.
          const double cone = r > 0 ? 2 * e1 / r : 0.0;
          *g = Vec2(cone * x + kPi * std::sin(2 * kPi * x) * e2,
                    cone * y + kPi * std::sin(2 * kPi * y) * e2);
        }
        // Written as 20 (1 - e1) + (e - e2) so f(0, 0) is exactly 0.
        return 20 * (1 - e1) + (kE - e2);
      });
}

std::shared_ptr<const Surface> sixHumpCamel() {
  constexpr double kX = 0.08984201310031807, kY = 0.7126564030207396, kF = -1.0316284534898774;
  return make(SurfaceInfo{"six-hump-camel", "Six-hump camel",
                          "(4 - 2.1 x^2 + x^4/3) x^2 + x y + (-4 + 4 y^2) y^2",
                          SurfaceFamily::kMultiModal,
                          {-3, 3, -2, 2},
                          {global(kX, -kY, kF), global(-kX, kY, kF)},
                          Vec2(-2.5, 1.5)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y(), x2 = x * x, y2 = y * y;
                if (g) {
                  *g = Vec2(8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y2 * y);
                }
                return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
              });
}

std::shared_ptr<const Surface> styblinskiTang() {
  constexpr double kX = -2.903534027771177;
  return make(SurfaceInfo{"styblinski-tang", "Styblinski-Tang",
                          "(x^4 - 16 x^2 + 5 x + y^4 - 16 y^2 + 5 y) / 2",
                          SurfaceFamily::kMultiModal,
                          {-5, 5, -5, 5},
                          {global(kX, kX, -78.33233140754284)},
                          Vec2(-0.5, -4.5)},
              [](const Vec2& p, Vec2* g) {
                const double x = p.x(), y = p.y(), x2 = x * x, y2 = y * y;
                if (g) *g = Vec2(2 * x2 * x - 16 * x + 2.5, 2 * y2 * y - 16 * y + 2.5);
                return 0.5 * (x2 * x2 - 16 * x2 + 5 * x + y2 * y2 - 16 * y2 + 5 * y);
              });
}

// [SECTION] Saddles and wells

std::shared_ptr<const Surface> saddle() {
  return make(SurfaceInfo{"saddle", "Saddle", "x^2 - y^2", SurfaceFamily::kSaddle,
                          {-2, 2, -2, 2}, {}, Vec2(1.8, 0.01)},
              [](const Vec2& p, Vec2* g) {
                if (g) *g = Vec2(2 * p.x(), -2 * p.y());
                return p.x() * p.x() - p.y() * p.y();
              });
}

std::shared_ptr<const Surface> twoWells() {
  return makeLanes(
      SurfaceInfo{"two-wells",
                  "Two wells",
                  "x^2 + y^2 - 2 exp(-((x-1)^2 + y^2)/0.2) - 3 exp(-((x+1)^2 + y^2)/0.2)",
                  SurfaceFamily::kMultiModal,
                  {-2, 2, -2, 2},
                  {global(-0.9363006340109187, 0, -2.0630902517681946),
                   local(0.905317899160115, 0, -1.0927319992017408)},
                  Vec2(0.4, 0.9)},
      [](const auto& x, const auto& y, auto& gx, auto& gy) {
        using T = std::decay_t<decltype(x)>;
        using std::exp;
        const T a = x - 1.0, b = x + 1.0, y2 = y * y;
        const T e1 = exp(-5.0 * (a * a + y2));  // / 0.2 as a product: no division
        const T e2 = exp(-5.0 * (b * b + y2));
        gx = 2.0 * x + 20.0 * a * e1 + 30.0 * b * e2;
        gy = 2.0 * y + 20.0 * y * e1 + 30.0 * y * e2;
        return T(x * x + y2 - 2.0 * e1 - 3.0 * e2);
      });
}

}  // namespace

// [SECTION] The catalogue

const std::vector<std::string>& surfaceNames() {
  static const std::vector<std::string> names = {
      "quadratic", "booth",          "matyas",          "rosenbrock", "beale",    "himmelblau",
      "rastrigin", "ackley",         "six-hump-camel",  "styblinski-tang", "saddle", "two-wells"};
  return names;
}

Result<std::shared_ptr<const Surface>> makeSurface(std::string_view name,
                                                   const SurfaceParams& params) {
  if (auto err = validate(params)) return Error{*err};
  if (name == "quadratic") return quadratic(params);
  if (name == "booth") return booth();
  if (name == "matyas") return matyas();
  if (name == "rosenbrock") return rosenbrock();
  if (name == "beale") return beale();
  if (name == "himmelblau") return himmelblau();
  if (name == "rastrigin") return rastrigin();
  if (name == "ackley") return ackley();
  if (name == "six-hump-camel") return sixHumpCamel();
  if (name == "styblinski-tang") return styblinskiTang();
  if (name == "saddle") return saddle();
  if (name == "two-wells") return twoWells();
  return Error{"unknown surface '" + std::string(name) + "' (valid: " + joinNames(surfaceNames()) +
               ")"};
}

}  // namespace mulab
