#include "optim/optimizer_config.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "util/parse.hpp"

namespace mulab {
namespace {

constexpr std::array<BaseOptimizer, 6> kBases = {
    BaseOptimizer::kSgd,     BaseOptimizer::kMomentum, BaseOptimizer::kNesterov,
    BaseOptimizer::kAdagrad, BaseOptimizer::kRmsProp,  BaseOptimizer::kAdam};
constexpr std::array<UpdateRule, 3> kRules = {UpdateRule::kAdditive, UpdateRule::kMultiplicative,
                                              UpdateRule::kHybrid};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string_view toString(BaseOptimizer base) {
  switch (base) {
    case BaseOptimizer::kSgd: return "sgd";
    case BaseOptimizer::kMomentum: return "momentum";
    case BaseOptimizer::kNesterov: return "nesterov";
    case BaseOptimizer::kAdagrad: return "adagrad";
    case BaseOptimizer::kRmsProp: return "rmsprop";
    case BaseOptimizer::kAdam: return "adam";
  }
  return "?";
}

std::string_view displayName(BaseOptimizer base) {
  switch (base) {
    case BaseOptimizer::kSgd: return "SGD";
    case BaseOptimizer::kMomentum: return "Momentum";
    case BaseOptimizer::kNesterov: return "Nesterov";
    case BaseOptimizer::kAdagrad: return "Adagrad";
    case BaseOptimizer::kRmsProp: return "RMSProp";
    case BaseOptimizer::kAdam: return "Adam";
  }
  return "?";
}

std::string_view toString(UpdateRule rule) {
  switch (rule) {
    case UpdateRule::kAdditive: return "additive";
    case UpdateRule::kMultiplicative: return "multiplicative";
    case UpdateRule::kHybrid: return "hybrid";
  }
  return "?";
}

const std::vector<std::string>& baseOptimizerNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto b : kBases) v.emplace_back(toString(b));
    return v;
  }();
  return names;
}

const std::vector<std::string>& updateRuleNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto r : kRules) v.emplace_back(toString(r));
    return v;
  }();
  return names;
}

Result<BaseOptimizer> parseBaseOptimizer(std::string_view name) {
  const std::string key = lower(name);
  for (auto b : kBases) {
    if (key == toString(b)) return b;
  }
  return Error{"unknown optimizer '" + std::string(name) +
               "' (valid: " + joinNames(baseOptimizerNames()) + ")"};
}

Result<UpdateRule> parseUpdateRule(std::string_view name) {
  const std::string key = lower(name);
  for (auto r : kRules) {
    if (key == toString(r)) return r;
  }
  return Error{"unknown rule '" + std::string(name) + "' (valid: " + joinNames(updateRuleNames()) +
               ")"};
}

std::optional<std::string> validate(const OptimizerConfig& c) {
  struct Field {
    const char* name;
    double value;
  };
  for (const Field& f : {Field{"lr", c.lr}, Field{"lr-in", c.lr_in}, Field{"lr-out", c.lr_out},
                         Field{"gamma", c.gamma}, Field{"momentum", c.momentum},
                         Field{"alpha", c.alpha}, Field{"beta1", c.beta1},
                         Field{"beta2", c.beta2}, Field{"eps", c.eps}}) {
    if (!std::isfinite(f.value)) return std::string(f.name) + " must be a finite number";
    if (f.value < 0) return std::string(f.name) + " must not be negative, got " + num(f.value);
  }
  if (c.gamma > 1) return "gamma must lie in [0, 1], got " + num(c.gamma);
  for (const Field& f : {Field{"momentum", c.momentum}, Field{"alpha", c.alpha},
                         Field{"beta1", c.beta1}, Field{"beta2", c.beta2}}) {
    if (f.value >= 1) return std::string(f.name) + " must lie in [0, 1), got " + num(f.value);
  }
  if (c.eps <= 0) return "eps must be positive, got " + num(c.eps);
  return std::nullopt;
}

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
