// A surface typed by the user as text, f(x, y), parsed and evaluated by
// muparser (Debian's libmuparser-dev; https://beltoforion.de/en/muparser).
// The formula box of the explorer, `"surface": {"formula": ...}` in scenes and
// `--surface custom --formula EXPR` in the CLI all build it here.
//
// The gradient is a central difference (see formulaGradientMethod()); minima
// are not known until findMinima() searches for them and withMinima() attaches
// them (minima_search.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "surfaces/minima_search.hpp"
#include "surfaces/surface.hpp"
#include "util/result.hpp"

namespace mulab {

// Longest formula accepted, in characters, and deepest nesting of brackets:
// checked before muparser sees the text, so no input can make it work hard.
inline constexpr size_t kMaxFormulaLength = 1000;
inline constexpr int kMaxFormulaNesting = 32;
// Largest |coordinate| of a formula window (as for scene windows).
inline constexpr double kMaxFormulaWindowExtent = 1e6;

// The window's own error ("needs x0 < x1 ...", "... is not finite"), if any.
std::optional<std::string> validateFormulaWindow(const Window& window);

// Parses `formula` in the variables x and y. Accepts muparser's operators and
// functions (sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, asinh,
// acosh, atanh, exp, ln, log, log2, log10, sqrt, abs, sign, rint, min, max,
// sum, avg; ^ is the power, right-associative, and binds tighter than unary
// minus: -x^2 is -(x^2)) and the constants pi and e (full double precision;
// also muparser's _pi, _e). Refuses, with one line naming what and where
// ("at character N", 1-based): an empty or over-long formula, too deep
// nesting, bytes outside printable ASCII, strings, assignments (x = 1), more
// than one value (x, y), syntax errors, unknown names, and a formula that is
// not finite on more than half of a 64 x 64 sample of the window.
//
// The surface: name "custom", the formula as given, `window` as its default
// window (and the bound box trajectories must stay in), no minima, standard
// start at the window centre moved by (0.35, 0.45) of the half-widths (the
// centre itself is often a symmetric point, where a multiplicative rule would
// sit dead at zero). evaluate() and evaluateBatch() may be called from many
// threads at once: each call borrows a parser of its own from a pool.
Result<std::shared_ptr<const Surface>> makeFormulaSurface(const std::string& formula,
                                                          const Window& window);

// How the gradient of a formula surface is computed, for the UI and docs.
std::string_view formulaGradientMethod();

}  // namespace mulab
