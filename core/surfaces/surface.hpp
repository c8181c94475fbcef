// 2D loss surfaces for the explorer and the CLI (docs/algorithms.md, §2). Each
// surface is the single source of truth for its formula: the GUI samples it
// through `evaluate` into a texture and never re-implements it in GLSL.
#pragma once

#include <Eigen/Core>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mulab {

using Vec2 = Eigen::Array2d;

// Axis-aligned rectangle in parameter space.
struct Window {
  double xmin = -1, xmax = 1, ymin = -1, ymax = 1;
  double width() const { return xmax - xmin; }
  double height() const { return ymax - ymin; }
  bool contains(const Vec2& p) const {
    return p.x() >= xmin && p.x() <= xmax && p.y() >= ymin && p.y() <= ymax;
  }
  // The same rectangle grown about its centre by `factor`.
  Window scaled(double factor) const;
};

// kCustom: a formula typed by the user (formula_surface.hpp), shape unknown.
enum class SurfaceFamily { kConvex, kValley, kMultiModal, kSaddle, kCustom };
std::string_view toString(SurfaceFamily family);

struct Minimum {
  Vec2 point;
  double value;
  bool global;
};

struct SurfaceInfo {
  std::string name;          // CLI/scene key: "rosenbrock"
  std::string display_name;  // "Rosenbrock"
  std::string formula;       // human-readable f(x, y)
  SurfaceFamily family;
  Window window;             // default view
  std::vector<Minimum> minima;
  Vec2 standard_start;       // start used by `race` and the default scenes
};

// Parameters only some surfaces use (the quadratic bowl).
struct SurfaceParams {
  double condition = 1.0;     // ratio of the bowl's largest to smallest curvature, >= 1
  double rotation_deg = 0.0;  // rotation of the bowl's axes
};

class Surface {
 public:
  explicit Surface(SurfaceInfo info) : info_(std::move(info)) {}
  virtual ~Surface() = default;

  const SurfaceInfo& info() const { return info_; }
  const std::string& name() const { return info_.name; }

  // f(p); writes the analytic gradient to *grad when grad is not null.
  virtual double evaluate(const Vec2& p, Vec2* grad) const = 0;

  // Column-wise f and gradient for many points at once (basin maps, batched
  // trajectories): one virtual call per batch, independent columns the CPU
  // can overlap. The default calls evaluate() per column; the catalog's
  // surfaces override it with inlined or vectorised arithmetic.
  virtual void evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values,
                             Eigen::Array2Xd& grads) const;

  double value(const Vec2& p) const { return evaluate(p, nullptr); }
  Vec2 gradient(const Vec2& p) const {
    Vec2 g;
    evaluate(p, &g);
    return g;
  }

  // f* of the global minimum, when the surface is bounded below.
  std::optional<double> globalMinimumValue() const;

 private:
  SurfaceInfo info_;
};

const std::vector<std::string>& surfaceNames();

// Builds a surface by name; the error lists the valid names.
Result<std::shared_ptr<const Surface>> makeSurface(std::string_view name,
                                                   const SurfaceParams& params = {});

// Error naming the offending field, if params are out of range.
std::optional<std::string> validate(const SurfaceParams& params);

}  // namespace mulab
