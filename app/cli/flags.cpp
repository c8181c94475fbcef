#include "cli/flags.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

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

}  // namespace mulab::cli
