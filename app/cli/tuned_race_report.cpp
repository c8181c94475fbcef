#include "cli/tuned_race_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace mulab::cli {
namespace {

std::string fmt(const char* format, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string stepSize(double v) {
  return v > 0 ? fmt("%.3g", v) : "-";
}

std::string steps(double v) {
  if (!std::isfinite(v)) return "not reached";
  return v == std::floor(v) ? fmt("%.0f", v) : fmt("%.1f", v);
}

std::string gap(double v) {
  return std::isfinite(v) ? fmt("%.3g", v) : "diverged";
}

std::string percent(double fraction) {
  return fmt("%.0f%%", 100 * fraction);
}

std::string ratio(double v, int n) {
  return n > 0 && std::isfinite(v) ? fmt("%.3g", v) + " (" + std::to_string(n) + ")" : "-";
}

std::string gridText(const std::vector<double>& grid) {
  if (grid.empty()) return "none";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.3g .. %.3g (%zu values)", grid.front(), grid.back(),
                grid.size());
  return buf;
}

}  // namespace

void printTunedRace(const TunedRaceConfig& cfg, const std::vector<TunedEntry>& entries) {
  const OptimizerConfig& h = cfg.hyper;
  std::printf(
      "Tuned race: %d starts per setting (SplitMix64 seed %llu, uniform in the inner 80%% of "
      "each surface's window), %ld steps, converged when f - f* < %g, early step %ld; "
      "lr_in=%g, gamma=%g, momentum=%g, alpha=%g, beta1=%g, beta2=%g, eps=%g\n\n",
      cfg.starts, static_cast<unsigned long long>(cfg.seed), cfg.steps, cfg.tol, cfg.early_step,
      h.lr_in, h.gamma, h.momentum, h.alpha, h.beta1, h.beta2, h.eps);
  const std::string hybrid =
      cfg.hybrid_diagonal
          ? "hybrid eta = eta_out over the eta_out grid (" +
                std::to_string(cfg.grids.eta_out.size()) + " settings)"
          : "hybrid every (eta, eta_out) pair (" +
                std::to_string(cfg.grids.eta.size() * cfg.grids.eta_out.size()) + " settings)";
  std::printf(
      "Step sizes (log grids, 3 per decade): additive eta %s; multiplicative eta_out %s; "
      "%s.\n\n",
      gridText(cfg.grids.eta).c_str(), gridText(cfg.grids.eta_out).c_str(), hybrid.c_str());
  std::printf(
      "Best setting per surface x optimizer x rule: fewest median steps to tol over the "
      "starts, then smallest median f - f* at step %ld. \"best early\" is the smallest median "
      "f - f* at step %ld over every setting. \"starts conv.\" is the share of starts the best "
      "setting brought to tol; \"pairs conv.\" and \"pairs div.\" are shares of all (start, "
      "setting) pairs of the grid.\n\n",
      cfg.early_step, cfg.early_step);
  std::printf(
      "| surface | optimizer | rule | eta | eta_out | median steps | f - f* @%ld | best early | "
      "starts conv. | pairs conv. | pairs div. |\n",
      cfg.early_step);
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const TunedEntry& e : entries) {
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", e.surface.c_str(),
                std::string(displayName(e.base)).c_str(), std::string(toString(e.rule)).c_str(),
                stepSize(e.best.lr).c_str(), stepSize(e.best.lr_out).c_str(),
                steps(e.best.median_steps).c_str(), gap(e.best.median_early_gap).c_str(),
                gap(e.best_early_gap).c_str(), percent(e.best.converged).c_str(),
                percent(e.converged).c_str(), percent(e.diverged).c_str());
  }

  const auto tally = tallyTunedRace(entries);
  const int groups = tally.empty() ? 0 : tally.front().groups;
  std::printf(
      "\nTally over %d (surface, optimizer) groups (ties credit every tied rule). Ratios are "
      "medians over the groups where both rules have a finite value (how many in brackets).\n\n",
      groups);
  std::printf(
      "| rule | fastest to tol | smallest f - f* @%ld (best setting) | smallest f - f* @%ld (any "
      "setting) | most pairs converged | mean pairs conv. | mean pairs div. | median steps / "
      "additive's | best early / additive's |\n",
      cfg.early_step, cfg.early_step);
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (const TunedTally& t : tally) {
    std::printf("| %s | %d | %d | %d | %d | %s | %s | %s | %s |\n",
                std::string(toString(t.rule)).c_str(), t.fastest, t.best_early, t.best_early_any,
                t.most_robust, percent(t.converged).c_str(), percent(t.diverged).c_str(),
                ratio(t.steps_vs_additive, t.steps_compared).c_str(),
                ratio(t.early_vs_additive, t.early_compared).c_str());
  }
}

}  // namespace mulab::cli
