#include "optim/optimizer_options.hpp"

#include <limits>
#include <nlohmann/json.hpp>

namespace mulab {
namespace {

using O = OptimizerConfig;

bool hasMomentum(const O& c) { return c.base == BaseOptimizer::kMomentum || c.base == BaseOptimizer::kNesterov; }
bool isAdaptive(const O& c) {
  return c.base == BaseOptimizer::kAdagrad || c.base == BaseOptimizer::kRmsProp || c.base == BaseOptimizer::kAdam;
}

OptimizerOption row(OptionSpec spec, std::pair<std::function<OptionValue(const O&)>, std::function<void(O&, const OptionValue&)>> f,
                    std::function<bool(const O&)> matters = {}) {
  return OptimizerOption{std::move(spec), std::move(f.first), std::move(f.second), std::move(matters)};
}

// A rate (any finite value from 0: a huge one is a lesson in divergence) or a decay, in [0, 1).
OptionSpec rate(const char* key, const char* help, const char* label, FormHint form = {}) {
  OptionSpec s;
  s.key = key;
  s.help = help;
  s.label = label;
  s.hi = std::numeric_limits<double>::max();
  s.form = form;
  return s;
}
OptionSpec decay(const char* key, const char* help, const char* label) {
  OptionSpec s = rate(key, help, label, FormHint{FormHint::kSlider, 0, 0.9999});
  s.hi = 1;
  s.hi_open = true;
  return s;
}

}  // namespace

std::string flagName(const std::string& key) {
  OptionSpec s;
  s.key = key;
  return s.flag();
}

const std::vector<OptimizerOption>& optimizerOptions() {
  static const std::vector<OptimizerOption> rows = [] {
    std::vector<OptimizerOption> r;
    OptionSpec base;
    base.key = "optimizer";
    base.help = "base optimizer: sgd|momentum|nesterov|adagrad|rmsprop|adam";
    base.label = "optimizer";
    base.kind = OptionKind::kChoice;
    base.choices = &baseOptimizerChoices();
    base.form.main = true;
    r.push_back(row(base, field(&O::base)));
    OptionSpec rule = base;
    rule.key = "rule";
    rule.help = "update rule: additive|multiplicative|hybrid";
    rule.label = "rule";
    rule.choices = &updateRuleChoices();
    r.push_back(row(rule, field(&O::rule)));
    r.push_back(row(rate("lr", "additive step size eta", "η (lr)", {FormHint::kLogSlider, 1e-5, 1, 0, 0, true}),
                    field(&O::lr), [](const O& c) { return c.rule != UpdateRule::kMultiplicative; }));
    r.push_back(row(rate("lr_out", "eta_out, max fraction of |theta| per multiplicative step", "η_out",
                         {FormHint::kLogSlider, 1e-4, 0.5, 0, 0, true}),
                    field(&O::lr_out), [](const O& c) { return c.rule != UpdateRule::kAdditive; }));
    r.push_back(row(rate("lr_in", "eta_in, scales u inside tanh", "η_in", {FormHint::kLogSlider, 1e-2, 1000, 0, 0, true}),
                    field(&O::lr_in), [](const O& c) { return c.rule != UpdateRule::kAdditive; }));
    OptionSpec gamma = rate("gamma", "hybrid share of the multiplicative term in [0,1]", "γ", {FormHint::kSlider, 0, 1, 0, 0, true});
    gamma.hi = 1;
    r.push_back(row(gamma, field(&O::gamma), [](const O& c) { return c.rule == UpdateRule::kHybrid; }));
    r.push_back(row(decay("momentum", "mu for momentum and nesterov", "momentum μ"), field(&O::momentum), hasMomentum));
    r.push_back(row(decay("alpha", "RMSProp decay", "RMSProp α"), field(&O::alpha),
                    [](const O& c) { return c.base == BaseOptimizer::kRmsProp; }));
    r.push_back(row(decay("beta1", "Adam beta1", "Adam β1"), field(&O::beta1),
                    [](const O& c) { return c.base == BaseOptimizer::kAdam; }));
    r.push_back(row(decay("beta2", "Adam beta2", "Adam β2"), field(&O::beta2),
                    [](const O& c) { return c.base == BaseOptimizer::kAdam; }));
    OptionSpec eps = rate("eps", "epsilon in adaptive rates", "ε", {FormHint::kLogSlider, 1e-12, 1e-2});
    eps.hi = 1;
    eps.lo_open = true;
    r.push_back(row(eps, field(&O::eps), isAdaptive));
    return r;
  }();
  return rows;
}

nlohmann::json optimizerJson(const OptimizerConfig& c) {
  nlohmann::json out = nlohmann::json::object();
  for (const OptimizerOption& o : optimizerOptions()) out[o.spec.key] = optionValueJson(o.spec, o.get(c));
  return out;
}

Result<OptimizerConfig> optimizerFromJson(const nlohmann::json& object, const std::string& path,
                                          const std::vector<std::string>& other_keys, OptimizerConfig c) {
  std::vector<std::string> keys;
  for (const OptimizerOption& o : optimizerOptions()) keys.push_back(o.spec.key);
  keys.insert(keys.end(), other_keys.begin(), other_keys.end());
  if (auto err = unknownField(object, keys, path)) return Error{*err};
  for (const OptimizerOption& o : optimizerOptions()) {
    auto it = object.find(o.spec.key);
    if (it == object.end()) continue;
    auto v = parseOptionJson(o.spec, *it, path + "." + o.spec.key);
    if (!v) return Error{v.error()};
    o.set(c, *v);
  }
  return c;
}

std::optional<std::string> validate(const OptimizerConfig& c, const OptionNamer& name) {
  for (const OptimizerOption& o : optimizerOptions()) {
    if (auto err = checkOptionValue(o.spec, o.get(c), name(o.spec.key))) return err;
  }
  return std::nullopt;
}

}  // namespace mulab
