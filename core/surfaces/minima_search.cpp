// Minima by grid + local refinement: damped Newton (Nocedal & Wright,
// "Numerical Optimization", 2nd ed., Ch. 3: backtracking line search, Newton
// direction where the Hessian is positive definite, steepest descent
// elsewhere) followed by a compass search (Kolda, Lewis, Torczon, "Optimization
// by direct search", SIAM Review 45(3), 2003, Sec. 3), which needs no
// derivative and so also settles on kinks.
#include "surfaces/minima_search.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace mulab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double finiteOrInf(double v) {
  return std::isfinite(v) ? v : kInf;
}

class Refiner {
 public:
  Refiner(const Surface& s, const Window& w) : s_(s), scale_(std::hypot(w.width(), w.height())) {}

  // Returns the refined point and its value.
  std::pair<Vec2, double> refine(Vec2 p) const {
    double f = finiteOrInf(s_.value(p));
    newton(p, f);
    compass(p, f);
    return {p, f};
  }

  // No point at `radius` around p in 8 directions is lower than f (beyond rounding).
  bool isMinimum(const Vec2& p, double f, double radius) const {
    if (!std::isfinite(f)) return false;
    for (int k = 0; k < 8; ++k) {
      const double a = k * std::numbers::pi / 4;
      const double fq = s_.value(p + radius * Vec2(std::cos(a), std::sin(a)));
      if (std::isfinite(fq) && fq < f - 1e-12 * std::max(1.0, std::abs(f))) return false;
    }
    return true;
  }

 private:
  Vec2 gradient(const Vec2& p) const { return s_.gradient(p); }

  void newton(Vec2& p, double& f) const {
    for (int it = 0; it < 60 && std::isfinite(f); ++it) {
      const Vec2 g = gradient(p);
      if (!g.allFinite() || (g == 0).all()) return;
      // Hessian by central differences of the gradient. The step is larger
      // than the gradient's own (1e-4 rather than 6e-6 relative) because a
      // formula surface's gradient is itself a difference quotient, good to
      // ~1e-10: its difference over h must stay well above that noise.
      Eigen::Matrix2d h;
      for (int i = 0; i < 2; ++i) {
        const double step = 1e-4 * std::max(1e-2 * scale_, std::abs(p[i]));
        Vec2 a = p, b = p;
        a[i] += step;
        b[i] -= step;
        h.col(i) = ((gradient(a) - gradient(b)) / (a[i] - b[i])).matrix();
      }
      h = 0.5 * (h + h.transpose()).eval();
      Vec2 d;
      if (h.allFinite() && h.determinant() > 0 && h.trace() > 0) {
        d = -(h.inverse() * g.matrix()).array();
      } else {
        d = -g * (0.05 * scale_ / g.matrix().norm());
      }
      if (!d.allFinite()) return;
      double alpha = 1;
      bool moved = false;
      for (int k = 0; k < 60 && !moved; ++k, alpha *= 0.5) {
        const Vec2 q = p + alpha * d;
        const double fq = s_.value(q);
        if (std::isfinite(fq) && fq < f) {
          moved = (q != p).any();
          p = q;
          f = fq;
        }
      }
      if (!moved || (alpha * d).matrix().norm() <= 1e-15 * (scale_ + p.matrix().norm())) return;
    }
  }

  void compass(Vec2& p, double& f) const {
    double step = 1e-3 * scale_;
    for (int it = 0; it < 400 && std::isfinite(f); ++it) {
      if (step <= 1e-16 * (scale_ + p.matrix().norm())) return;
      Vec2 best = p;
      double best_f = f;
      for (int k = 0; k < 8; ++k) {
        const double a = k * std::numbers::pi / 4;
        const Vec2 q = p + step * Vec2(std::cos(a), std::sin(a));
        const double fq = s_.value(q);
        if (std::isfinite(fq) && fq < best_f) {
          best = q;
          best_f = fq;
        }
      }
      if (best_f < f) {
        p = best;
        f = best_f;
      } else {
        step *= 0.5;
      }
    }
  }

  const Surface& s_;
  double scale_;
};

// Forwards evaluation to the wrapped surface; only the listed minima differ.
class SurfaceWithMinima final : public Surface {
 public:
  SurfaceWithMinima(std::shared_ptr<const Surface> inner, std::vector<Minimum> minima)
      : Surface(infoWith(inner->info(), std::move(minima))), inner_(std::move(inner)) {}

  double evaluate(const Vec2& p, Vec2* grad) const override { return inner_->evaluate(p, grad); }
  void evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values,
                     Eigen::Array2Xd& grads) const override {
    inner_->evaluateBatch(points, values, grads);
  }

 private:
  static SurfaceInfo infoWith(SurfaceInfo info, std::vector<Minimum> minima) {
    info.minima = std::move(minima);
    return info;
  }
  std::shared_ptr<const Surface> inner_;
};

}  // namespace

std::vector<Minimum> findMinima(const Surface& surface, const Window& w,
                                const MinimaSearchOptions& opt) {
  const int n = std::max(3, opt.grid);
  std::vector<double> f(size_t(n) * n);
  auto cell = [&](int i, int j) {
    return Vec2(w.xmin + (i + 0.5) * w.width() / n, w.ymin + (j + 0.5) * w.height() / n);
  };
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) f[size_t(j) * n + i] = finiteOrInf(surface.value(cell(i, j)));
  }

  struct Candidate {
    double value;
    int i, j;
  };
  std::vector<Candidate> candidates;
  for (int j = 1; j + 1 < n; ++j) {
    for (int i = 1; i + 1 < n; ++i) {
      const double v = f[size_t(j) * n + i];
      if (!std::isfinite(v)) continue;
      bool lowest = true, below_one = false;
      for (int dj = -1; dj <= 1; ++dj) {
        for (int di = -1; di <= 1; ++di) {
          const double u = f[size_t(j + dj) * n + (i + di)];
          lowest = lowest && v <= u;
          below_one = below_one || v < u;
        }
      }
      if (lowest && below_one) candidates.push_back({v, i, j});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.value != b.value ? a.value < b.value : (a.j != b.j ? a.j < b.j : a.i < b.i);
  });
  if (candidates.size() > size_t(opt.max_candidates)) candidates.resize(opt.max_candidates);

  const Refiner refiner(surface, w);
  const double diag = std::hypot(w.width(), w.height());
  std::vector<Minimum> found;
  for (const Candidate& c : candidates) {
    const auto [p, value] = refiner.refine(cell(c.i, c.j));
    if (!w.contains(p) || !refiner.isMinimum(p, value, 1e-5 * diag)) continue;
    found.push_back({p, value, false});
  }
  std::sort(found.begin(), found.end(), [](const Minimum& a, const Minimum& b) {
    if (a.value != b.value) return a.value < b.value;
    return a.point.x() != b.point.x() ? a.point.x() < b.point.x() : a.point.y() < b.point.y();
  });
  std::vector<Minimum> minima;
  for (const Minimum& m : found) {
    const bool seen = std::any_of(minima.begin(), minima.end(), [&](const Minimum& k) {
      return (k.point - m.point).matrix().norm() <= 1e-5 * diag;
    });
    if (!seen) minima.push_back(m);
  }
  if (!minima.empty()) {
    const double lowest = minima.front().value;
    for (Minimum& m : minima) {
      m.global = m.value <= lowest + opt.global_rel_tol * std::max(1.0, std::abs(lowest));
    }
  }
  return minima;
}

std::shared_ptr<const Surface> withMinima(std::shared_ptr<const Surface> surface,
                                          std::vector<Minimum> minima) {
  return std::make_shared<SurfaceWithMinima>(std::move(surface), std::move(minima));
}

}  // namespace mulab
