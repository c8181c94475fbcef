// Names, hyper-parameters and validation for the GOFAU optimizers.
//
// Kirtas, Passalis, Tefas, "Multiplicative update rules for accelerating deep
// learning training and increasing robustness" (arXiv 2307.07189), GOFAU
// framework: theta_t = theta_{t-1} - xi(theta_{t-1}, m_t, l_t) with momentum
// m_t = phi(g_1..g_t) and adaptive rate l_t = psi(g_1..g_t).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/choice.hpp"
#include "util/result.hpp"

namespace mulab {

// The (phi, psi) pairs: momentum and adaptive rate of each base optimizer.
enum class BaseOptimizer { kSgd, kMomentum, kNesterov, kAdagrad, kRmsProp, kAdam };

// xi: how a step is taken from m_t and l_t.
enum class UpdateRule { kAdditive, kMultiplicative, kHybrid };

// Hyper-parameters. Defaults are the ones the CLI, the GUI and the docs use.
struct OptimizerConfig {
  BaseOptimizer base = BaseOptimizer::kAdam;
  UpdateRule rule = UpdateRule::kAdditive;
  double lr = 1e-2;       // eta: additive step size
  double lr_in = 1.0;     // eta_in: scales u_t inside tanh (multiplicative share)
  double lr_out = 1e-2;   // eta_out: fraction of |theta| a multiplicative step may move
  double gamma = 0.5;     // hybrid share of the multiplicative term, in [0, 1]
  double momentum = 0.9;  // mu: Momentum and Nesterov
  double alpha = 0.99;    // RMSProp decay of the squared-gradient average
  double beta1 = 0.9;     // Adam first-moment decay
  double beta2 = 0.999;   // Adam second-moment decay
  double eps = 1e-8;      // added to sqrt(v) in Adagrad, RMSProp, Adam

  bool operator==(const OptimizerConfig&) const = default;
};

const Choices<BaseOptimizer>& baseOptimizerChoices();
const Choices<UpdateRule>& updateRuleChoices();
const std::vector<std::string>& baseOptimizerNames();
const std::vector<std::string>& updateRuleNames();
std::string_view toString(BaseOptimizer base);
std::string_view toString(UpdateRule rule);
std::string_view displayName(BaseOptimizer base);  // "RMSProp"
Result<BaseOptimizer> parseBaseOptimizer(std::string_view name);
Result<UpdateRule> parseUpdateRule(std::string_view name);

// One-line description for tooltips, legends and CLI output,
// e.g. "Adam + hybrid(gamma=0.5)".
std::string describe(const OptimizerConfig& config);

}  // namespace mulab
