#include "cli/flags.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "surfaces/formula_surface.hpp"
#include "util/parse.hpp"

namespace mulab::cli {

void requireStdout() {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int err = errno;
    throw OutputError{std::string("cannot write to standard output (") +
                      (err ? std::strerror(err) : "write error") + ")"};
  }
}

double parseNumberFlag(const std::string& text, const std::string& flag) {
  return require(parseFiniteDouble(text, flag), "");
}

int parseChoiceFlag(const std::string& text, const std::string& flag, const ChoiceNames& names) {
  return require(names.parse(text), flag);
}

long parseCountFlag(const std::string& text, const std::string& flag) {
  return require(parseCount(text, flag), "");
}

long boundedCount(const std::string& text, const char* flag, long lo, long hi) {
  const long v = parseCountFlag(text, flag);
  if (v < lo || v > hi) {
    throw UsageError{std::string(flag) + ": must lie in " + std::to_string(lo) + ".." +
                     std::to_string(hi) + ", got " + std::to_string(v)};
  }
  return v;
}

void addHyperFlags(CLI::App& cmd, OptionFlags& flags) {
  const OptimizerConfig defaults;
  for (const OptimizerOption& o : optimizerOptions()) {
    // --optimizer and --rule are each command's own (race takes lists of them).
    if (o.spec.kind != OptionKind::kNumber) continue;
    flags.add(cmd, o.spec, "(default " + optionText(o, defaults) + ")");
  }
}

OptimizerConfig hyperConfig(const OptionFlags& flags) {
  OptimizerConfig c;
  for (const auto& [key, text] : flags.given()) {
    for (const OptimizerOption& o : optimizerOptions()) {
      if (o.spec.key != key) continue;
      if (auto err = setOptionText(o, c, text, flagName(key))) throw UsageError{*err};
    }
  }
  if (auto err = validate(c, flagName)) throw UsageError{*err};
  return c;
}

void addSurfaceRunFlags(CLI::App& cmd, SurfaceRunFlags& f) {
  cmd.add_option("--surface", f.surface, "surface name (see `surfaces`), or custom with --formula")->required();
  cmd.add_option("--optimizer", f.optimizer, "sgd|momentum|nesterov|adagrad|rmsprop|adam (default adam)");
  cmd.add_option("--rule", f.rule, "additive|multiplicative|hybrid (default additive)");
  cmd.add_option("--tol", f.tol, "converged when f - f* < tol (default 1e-6; 0 disables)");
  cmd.add_option("--grad-tol", f.grad_tol, "converged when |grad f| < tol (default 0: off)");
  addHyperFlags(cmd, f.hyper);
  addSurfaceFlags(cmd, f.surface_params);
  addFormulaFlags(cmd, f.formula);
}

SurfaceRun surfaceRunFromFlags(const SurfaceRunFlags& f) {
  SurfaceRun r;
  r.surface = surfaceFromFlags(f.surface, "--surface", f.surface_params, f.formula);
  r.config = hyperConfig(f.hyper);
  r.config.base = require(parseBaseOptimizer(f.optimizer), "--optimizer");
  r.config.rule = require(parseUpdateRule(f.rule), "--rule");
  r.stop.f_tol = parseNumberFlag(f.tol, "--tol");
  r.stop.grad_tol = parseNumberFlag(f.grad_tol, "--grad-tol");
  return r;
}

void addSurfaceFlags(CLI::App& cmd, SurfaceFlags& f) {
  cmd.add_option("--condition", f.condition, "quadratic bowl: condition number >= 1 (default 1)");
  cmd.add_option("--rotation", f.rotation, "quadratic bowl: rotation in degrees (default 0)");
}

SurfaceParams surfaceParams(const SurfaceFlags& f) {
  SurfaceParams p;
  if (!f.condition.empty()) p.condition = parseNumberFlag(f.condition, "--condition");
  if (!f.rotation.empty()) p.rotation_deg = parseNumberFlag(f.rotation, "--rotation");
  if (auto err = validate(p)) throw UsageError{"--" + *err};
  return p;
}

void addFormulaFlags(CLI::App& cmd, FormulaFlags& f) {
  cmd.add_option("--formula", f.formula,
                 "with --surface custom: f(x, y) in muparser syntax, e.g. \"x^2 + 3*y^2\" "
                 "(gradient by central differences)");
  cmd.add_option("--window", f.window,
                 "with --surface custom: the surface's window x0,x1,y0,y1 (default -5,5,-5,5)");
}

namespace {

Window parseWindowFlag(const std::string& text) {
  const std::vector<std::string> parts = splitList(text);
  if (parts.size() != 4 || std::count(text.begin(), text.end(), ',') != 3) {
    throw UsageError{"--window: expected four numbers as x0,x1,y0,y1, got '" + text + "'"};
  }
  double v[4];
  for (int i = 0; i < 4; ++i) v[i] = parseNumberFlag(parts[i], "--window");
  const Window w{v[0], v[1], v[2], v[3]};
  if (auto err = validateFormulaWindow(w)) throw UsageError{"--window: " + *err};
  return w;
}

}  // namespace

std::shared_ptr<const Surface> surfaceFromFlags(const std::string& name, const std::string& flag,
                                                const SurfaceFlags& params,
                                                const FormulaFlags& formula) {
  if (name != "custom") {
    if (!formula.formula.empty()) {
      throw UsageError{"--formula: only with " + flag + " custom (got " + flag + " " + name + ")"};
    }
    if (!formula.window.empty()) {
      throw UsageError{"--window: only with " + flag + " custom (got " + flag + " " + name + ")"};
    }
    return require(makeSurface(name, surfaceParams(params)), flag);
  }
  if (formula.formula.empty()) {
    throw UsageError{"--formula: required with " + flag + " custom, e.g. --formula \"x^2 + y^2\""};
  }
  const Window window =
      formula.window.empty() ? Window{-5, 5, -5, 5} : parseWindowFlag(formula.window);
  const auto surface = require(makeFormulaSurface(formula.formula, window), "--formula");
  return withMinima(surface, findMinima(*surface, window));
}

}  // namespace mulab::cli
