#include "optim/optimizer_config.hpp"

#include <cstdio>

#include "util/parse.hpp"

namespace mulab {

const Choices<BaseOptimizer>& baseOptimizerChoices() {
  static const Choices<BaseOptimizer> choices{
      "optimizer",
      {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"},
      {"SGD", "Momentum", "Nesterov", "Adagrad", "RMSProp", "Adam"}};
  return choices;
}

const Choices<UpdateRule>& updateRuleChoices() {
  static const Choices<UpdateRule> choices{"rule", {"additive", "multiplicative", "hybrid"}};
  return choices;
}

std::string_view toString(BaseOptimizer base) { return baseOptimizerChoices().name(base); }
std::string_view displayName(BaseOptimizer base) { return baseOptimizerChoices().display(base); }
std::string_view toString(UpdateRule rule) { return updateRuleChoices().name(rule); }
const std::vector<std::string>& baseOptimizerNames() { return baseOptimizerChoices().names(); }
const std::vector<std::string>& updateRuleNames() { return updateRuleChoices().names(); }
Result<BaseOptimizer> parseBaseOptimizer(std::string_view name) { return baseOptimizerChoices().parse(name); }
Result<UpdateRule> parseUpdateRule(std::string_view name) { return updateRuleChoices().parse(name); }

std::string describe(const OptimizerConfig& c) {
  std::string s(displayName(c.base));
  s += " + ";
  s += toString(c.rule);
  if (c.rule == UpdateRule::kHybrid) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "(gamma=%g)", c.gamma);
    s += buf;
  }
  return s;
}

}  // namespace mulab
