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

void addHyperFlags(CLI::App& cmd, HyperFlags& f) {
  const OptimizerConfig d;
  auto add = [&cmd](const char* name, std::string& target, const std::string& help) {
    cmd.add_option(name, target, help);
  };
  add("--lr", f.lr, "additive step size eta (default " + std::to_string(d.lr) + ")");
  add("--lr-in", f.lr_in, "eta_in, scales u inside tanh (default " + std::to_string(d.lr_in) + ")");
  add("--lr-out", f.lr_out,
      "eta_out, max fraction of |theta| per multiplicative step (default " +
          std::to_string(d.lr_out) + ")");
  add("--gamma", f.gamma, "hybrid share of the multiplicative term in [0,1] (default 0.5)");
  add("--momentum", f.momentum, "mu for momentum and nesterov (default 0.9)");
  add("--alpha", f.alpha, "RMSProp decay (default 0.99)");
  add("--beta1", f.beta1, "Adam beta1 (default 0.9)");
  add("--beta2", f.beta2, "Adam beta2 (default 0.999)");
  add("--eps", f.eps, "epsilon in adaptive rates (default 1e-8)");
}

OptimizerConfig hyperConfig(const HyperFlags& f) {
  OptimizerConfig c;
  struct Binding {
    const std::string& text;
    const char* flag;
    double& target;
  };
  for (const Binding& b : {Binding{f.lr, "--lr", c.lr}, Binding{f.lr_in, "--lr-in", c.lr_in},
                           Binding{f.lr_out, "--lr-out", c.lr_out},
                           Binding{f.gamma, "--gamma", c.gamma},
                           Binding{f.momentum, "--momentum", c.momentum},
                           Binding{f.alpha, "--alpha", c.alpha},
                           Binding{f.beta1, "--beta1", c.beta1},
                           Binding{f.beta2, "--beta2", c.beta2}, Binding{f.eps, "--eps", c.eps}}) {
    if (!b.text.empty()) b.target = parseNumberFlag(b.text, b.flag);
  }
  if (auto err = validate(c)) throw UsageError{"--" + *err};
  return c;
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
