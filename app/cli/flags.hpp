// Flag plumbing shared by the mulab-cli commands. Numbers are taken as text
// and parsed strictly by core (util/parse) so every bad value gets one
// message naming its flag.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/option_flags.hpp"
#include "optim/optimizer_options.hpp"
#include "surfaces/surface.hpp"
#include "trajectory/trajectory.hpp"
#include "util/choice.hpp"
#include "util/result.hpp"

namespace mulab::cli {

// Thrown by commands for bad input; main prints it and exits with status 2.
struct UsageError {
  std::string message;
};

// The optimizer's hyper-parameters (optim/optimizer_options.hpp): --lr
// --lr-in --lr-out --gamma --momentum --alpha --beta1 --beta2 --eps.
void addHyperFlags(CLI::App& cmd, OptionFlags& flags);
// Applies the given flags over OptimizerConfig's defaults and validates them.
OptimizerConfig hyperConfig(const OptionFlags& flags);

struct SurfaceFlags {
  std::string condition, rotation;
};
void addSurfaceFlags(CLI::App& cmd, SurfaceFlags& flags);
SurfaceParams surfaceParams(const SurfaceFlags& flags);

// --formula and --window: a surface typed as f(x, y) (`--surface custom`).
struct FormulaFlags {
  std::string formula, window;
};
void addFormulaFlags(CLI::App& cmd, FormulaFlags& flags);

// The surface `name` given by `flag` ("--surface"): the catalogue's (with
// --condition/--rotation), or for "custom" the formula of --formula over
// --window (default [-5, 5]^2) with its minima found numerically, so f* and
// --tol work as for a built-in. Every mistake is a UsageError naming its flag.
std::shared_ptr<const Surface> surfaceFromFlags(const std::string& name, const std::string& flag,
                                                const SurfaceFlags& params,
                                                const FormulaFlags& formula);

// One optimizer on one surface, as `trajectory` and `basin` take it:
// --surface (or custom with --formula/--window), --optimizer, --rule, the
// hyper-parameters, the bowl's --condition/--rotation and the stop tests
// --tol and --grad-tol (each command reads its own --steps).
struct SurfaceRunFlags {
  std::string surface, optimizer = "adam", rule = "additive", tol = "1e-6", grad_tol = "0";
  OptionFlags hyper;
  SurfaceFlags surface_params;
  FormulaFlags formula;
};
void addSurfaceRunFlags(CLI::App& cmd, SurfaceRunFlags& flags);
struct SurfaceRun {
  std::shared_ptr<const Surface> surface;
  OptimizerConfig config;
  StopCriteria stop;  // max_steps left for the command to set
};
SurfaceRun surfaceRunFromFlags(const SurfaceRunFlags& flags);

// Unwraps a Result, turning its error into a UsageError.
template <class T>
T require(Result<T> r, const std::string& flag) {
  if (!r) throw UsageError{flag.empty() ? r.error() : flag + ": " + r.error()};
  return std::move(r).value();
}

// Thrown when standard output cannot be written (a full disk, a closed
// pipe); main reports it in one line and exits with status 1.
struct OutputError {
  std::string message;
};
// Flushes stdout and throws OutputError if anything written so far failed.
void requireStdout();


// The index of `text` among `names` (core's one choice parser); UsageError
// "FLAG: unknown NOUN 'x' (valid: ...)" otherwise.
int parseChoiceFlag(const std::string& text, const std::string& flag, const ChoiceNames& names);

double parseNumberFlag(const std::string& text, const std::string& flag);
long parseCountFlag(const std::string& text, const std::string& flag);
// A whole number in lo..hi; UsageError "FLAG: must lie in LO..HI, got V" otherwise.
long boundedCount(const std::string& text, const char* flag, long lo, long hi);

}  // namespace mulab::cli
