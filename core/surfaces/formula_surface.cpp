// Formula surfaces over muparser 2.3 (https://beltoforion.de/en/muparser):
// the text is compiled to muparser's bytecode once per parser and evaluated
// with x and y bound to the parser's own variables.
#include "surfaces/formula_surface.hpp"

#include <muParser.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>
#include <numbers>
#include <vector>

namespace mulab {
namespace {

// Central-difference step. The error of (f(x+h) - f(x-h)) / 2h is about
// h^2 |f'''| / 6 (truncation) plus eps |f| / h (rounding of f), smallest at
// h = (3 eps |f| / |f'''|)^(1/3). Without knowing f''' we take the usual
// h = eps^(1/3) max(1, |x|) = 6.06e-6 max(1, |x|) (Nocedal & Wright,
// "Numerical Optimization", 2nd ed., Sec. 8.1): when f, f' and f''' share a
// scale the gradient is good to about eps^(2/3) = 4e-11 relative, far below
// what a 2D optimizer notices (formula_surface tests measure it against the
// catalogue's analytic gradients). The max(1, |x|) keeps h above the rounding
// of x itself far from the origin. Dividing by (x+h) - (x-h) as computed,
// not by 2h, removes the error of representing x +- h.
constexpr double kCbrtEps = 6.055454452393343e-06;  // cbrt(2^-52)

// Side of the grid sampled to refuse formulas that are mostly not finite.
constexpr int kFiniteSample = 64;

// One muparser instance with its own x and y. muparser binds variables by
// address and keeps evaluation buffers in the parser, so an instance serves
// one thread at a time; it is not movable (the parser points at x and y).
struct Evaluator {
  double x = 0, y = 0;
  mu::Parser parser;

  explicit Evaluator(const std::string& formula) {
    parser.DefineVar("x", &x);
    parser.DefineVar("y", &y);
    // muparser's own _pi and _e carry 13 digits; ours carry all 17.
    parser.DefineConst("pi", std::numbers::pi);
    parser.DefineConst("e", std::numbers::e);
    parser.DefineConst("_pi", std::numbers::pi);
    parser.DefineConst("_e", std::numbers::e);
    parser.SetExpr(formula);
  }
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  double operator()(double px, double py) {
    x = px;
    y = py;
    try {
      return parser.Eval();
    } catch (const mu::Parser::exception_type&) {
      // The formula was compiled and evaluated once before the surface was
      // made; should muparser still refuse a point, the point has no value.
      return std::numeric_limits<double>::quiet_NaN();
    }
  }

  double valueAndGradient(const Vec2& p, Vec2* grad) {
    const double f = (*this)(p.x(), p.y());
    if (grad) {
      const double hx = kCbrtEps * std::max(1.0, std::abs(p.x()));
      const double hy = kCbrtEps * std::max(1.0, std::abs(p.y()));
      const double xp = p.x() + hx, xm = p.x() - hx;
      const double yp = p.y() + hy, ym = p.y() - hy;
      const double gx = ((*this)(xp, p.y()) - (*this)(xm, p.y())) / (xp - xm);
      const double gy = ((*this)(p.x(), yp) - (*this)(p.x(), ym)) / (yp - ym);
      *grad = Vec2(gx, gy);
    }
    return f;
  }
};

class FormulaSurface final : public Surface {
 public:
  FormulaSurface(SurfaceInfo info, std::unique_ptr<Evaluator> first) : Surface(std::move(info)) {
    idle_.push_back(std::move(first));
  }

  double evaluate(const Vec2& p, Vec2* grad) const override {
    Lease e(*this);
    return e->valueAndGradient(p, grad);
  }

  void evaluateBatch(const Eigen::Array2Xd& points, Eigen::ArrayXd& values,
                     Eigen::Array2Xd& grads) const override {
    values.resize(points.cols());
    grads.resize(2, points.cols());
    Lease e(*this);  // one parser for the whole batch
    for (Eigen::Index i = 0; i < points.cols(); ++i) {
      Vec2 g;
      values[i] = e->valueAndGradient(points.col(i), &g);
      grads.col(i) = g;
    }
  }

 private:
  // Borrows an idle parser for one call, or makes one (a thread's first call
  // while the others are busy); gives it back afterwards. The pool grows to
  // the number of threads that ever evaluated at once and no further.
  class Lease {
   public:
    explicit Lease(const FormulaSurface& s) : surface_(s) {
      {
        std::lock_guard lock(s.mutex_);
        if (!s.idle_.empty()) {
          e_ = std::move(s.idle_.back());
          s.idle_.pop_back();
        }
      }
      if (!e_) e_ = std::make_unique<Evaluator>(s.info().formula);
    }
    ~Lease() {
      std::lock_guard lock(surface_.mutex_);
      surface_.idle_.push_back(std::move(e_));
    }
    Evaluator* operator->() { return e_.get(); }

   private:
    const FormulaSurface& surface_;
    std::unique_ptr<Evaluator> e_;
  };

  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Evaluator>> idle_;
};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string at(size_t index) {
  return "at character " + std::to_string(index + 1);
}

// Checks muparser never needs to see: size, bytes, nesting, and the parts of
// its language a surface must not use (strings, assignments to x and y, a
// list of several values).
std::optional<std::string> precheck(const std::string& f) {
  if (f.find_first_not_of(" \t") == std::string::npos) return "the formula is empty";
  if (f.size() > kMaxFormulaLength) {
    return "the formula has " + std::to_string(f.size()) + " characters; at most " +
           std::to_string(kMaxFormulaLength);
  }
  int depth = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(f[i]);
    if ((c < 0x20 && c != '\t') || c > 0x7e) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "unexpected byte 0x%02x %s", c, at(i).c_str());
      return std::string(buf);
    }
    if (c == '"') return "strings are not allowed (" + at(i) + ")";
    if (c == '=') {
      const char before = i > 0 ? f[i - 1] : ' ';
      const char after = i + 1 < f.size() ? f[i + 1] : ' ';
      const bool comparison =
          after == '=' || before == '=' || before == '<' || before == '>' || before == '!';
      if (!comparison) return "assignments are not allowed (" + at(i) + "; for equality use ==)";
    }
    if (c == '(') {
      if (++depth > kMaxFormulaNesting) {
        return "brackets nest deeper than " + std::to_string(kMaxFormulaNesting) + " (" + at(i) +
               ")";
      }
    }
    if (c == ')') depth = std::max(0, depth - 1);  // unbalanced: muparser names it
    if (c == ',' && depth == 0) {
      return "a comma outside a function's arguments (" + at(i) + "): f must be one value";
    }
  }
  return std::nullopt;
}

std::string knownNames(const mu::Parser& parser) {
  std::string funs;
  for (const auto& [name, callback] : parser.GetFunDef()) {
    (void)callback;
    funs += (funs.empty() ? "" : " ") + name;
  }
  return "variables x, y; constants pi, e; functions " + funs;
}

// One line from muparser's error: what, and where as a 1-based character.
std::string describe(const mu::Parser::exception_type& e, const std::string& formula,
                     const mu::Parser& parser) {
  std::string token = e.GetToken();
  while (!token.empty() && token.back() == ' ') token.pop_back();
  const int pos = e.GetPos();
  const std::string where = pos < 0                         ? ""
                            : size_t(pos) >= formula.size() ? " at the end of the formula"
                                                            : " " + at(size_t(pos));
  if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !token.empty()) {
    const unsigned char first = static_cast<unsigned char>(token[0]);
    if (std::isalpha(first) || first == '_') {
      return "unknown name '" + token + "'" + where + " (" + knownNames(parser) + ")";
    }
    return "unexpected '" + token + "'" + where;
  }
  // muparser says only "Internal error" for an operator left without its
  // operand ("-", "2-+", "x ? y : +"), found by fuzzing.
  if (e.GetCode() == mu::ecINTERNAL_ERROR)
    return "syntax error" + where + ": incomplete expression";
  // muparser's messages end in a 0-based "at position N"; ours replaces it.
  std::string msg = e.GetMsg();
  for (const char* tail :
       {" found at position", " at expression position", " at position", " (position:"}) {
    const size_t cut = msg.find(tail);
    if (cut != std::string::npos) msg.erase(cut);
  }
  while (!msg.empty() && (msg.back() == '.' || msg.back() == ' ')) msg.pop_back();
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  return "syntax error" + where + ": " + msg;
}

}  // namespace

std::string_view formulaGradientMethod() {
  return "central difference, h = cbrt(eps) max(1, |x|) ~ 6e-6 max(1, |x|), "
         "error ~ 1e-10 relative";
}

std::optional<std::string> validateFormulaWindow(const Window& w) {
  for (double v : {w.xmin, w.xmax, w.ymin, w.ymax}) {
    if (!std::isfinite(v) || std::abs(v) > kMaxFormulaWindowExtent) {
      return num(v) + " is outside [-1e6, 1e6]";
    }
  }
  if (!(w.xmax > w.xmin) || !(w.ymax > w.ymin)) {
    return "needs x0 < x1 and y0 < y1, got [" + num(w.xmin) + ", " + num(w.xmax) + ", " +
           num(w.ymin) + ", " + num(w.ymax) + "]";
  }
  return std::nullopt;
}

Result<std::shared_ptr<const Surface>> makeFormulaSurface(const std::string& formula,
                                                          const Window& window) {
  if (auto err = validateFormulaWindow(window)) return Error{"window " + *err};
  if (auto err = precheck(formula)) return Error{*err};

  auto evaluator = std::make_unique<Evaluator>(formula);
  const double cx = 0.5 * (window.xmin + window.xmax), cy = 0.5 * (window.ymin + window.ymax);
  try {
    // muparser compiles on the first evaluation: syntax and names fail here.
    evaluator->x = cx;
    evaluator->y = cy;
    evaluator->parser.Eval();
    if (evaluator->parser.GetNumResults() != 1) return Error{"f must be one value, not a list"};
  } catch (const mu::Parser::exception_type& e) {
    return Error{describe(e, formula, evaluator->parser)};
  }

  int not_finite = 0;
  for (int j = 0; j < kFiniteSample; ++j) {
    for (int i = 0; i < kFiniteSample; ++i) {
      const double x = window.xmin + (i + 0.5) * window.width() / kFiniteSample;
      const double y = window.ymin + (j + 0.5) * window.height() / kFiniteSample;
      not_finite += !std::isfinite((*evaluator)(x, y));
    }
  }
  if (2 * not_finite > kFiniteSample * kFiniteSample) {
    const int percent = (100 * not_finite) / (kFiniteSample * kFiniteSample);
    return Error{"f is not finite on " + std::to_string(percent) + "% of the window [" +
                 num(window.xmin) + ", " + num(window.xmax) + "] x [" + num(window.ymin) + ", " +
                 num(window.ymax) + "] (sampled " + std::to_string(kFiniteSample) + " x " +
                 std::to_string(kFiniteSample) + ")"};
  }

  SurfaceInfo info;
  info.name = "custom";
  info.display_name = "Custom formula";
  info.formula = formula;
  info.family = SurfaceFamily::kCustom;
  info.window = window;
  info.standard_start = Vec2(cx + 0.35 * 0.5 * window.width(), cy + 0.45 * 0.5 * window.height());
  return std::shared_ptr<const Surface>(
      std::make_shared<FormulaSurface>(std::move(info), std::move(evaluator)));
}

}  // namespace mulab
