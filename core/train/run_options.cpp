#include "train/run_options.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "train/memory_budget.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

using nlohmann::json;
using C = RunConfig;

constexpr unsigned bit(Method m) { return 1u << static_cast<unsigned>(m); }
constexpr unsigned kAll = bit(Method::kBp) | bit(Method::kEr) | bit(Method::kAltMin) | bit(Method::kFa) | bit(Method::kDtp);
constexpr unsigned kGradient = kAll & ~bit(Method::kEr);  // the methods with an optimizer
constexpr unsigned kEr = bit(Method::kEr);

// [SECTION] Rows

struct RowBuilder {
  std::vector<RunOption>& rows;

  template <class Accessors>
  RunOption& add(const char* key, OptionKind kind, const char* help, const char* label, unsigned methods,
                 Accessors f, std::function<bool(const C&)> matters = {}) {
    RunOption o;
    o.spec.key = key;
    o.spec.kind = kind;
    o.spec.help = help;
    o.spec.label = label;
    o.get = std::move(f.first);
    o.set = std::move(f.second);
    o.matters = std::move(matters);
    o.methods = methods;
    rows.push_back(std::move(o));
    return rows.back();
  }
  RunOption& choice(const char* key, const ChoiceNames& names, const char* help, const char* label, unsigned methods,
                    auto f) {
    RunOption& o = add(key, OptionKind::kChoice, help, label, methods, f);
    o.spec.choices = &names;
    return o;
  }
  RunOption& number(const char* key, double lo, double hi, const char* help, const char* label, unsigned methods,
                    auto f) {
    RunOption& o = add(key, OptionKind::kNumber, help, label, methods, f);
    o.spec.lo = lo;
    o.spec.hi = hi;
    return o;
  }
  RunOption& positive(const char* key, double hi, const char* help, const char* label, unsigned methods, auto f) {
    RunOption& o = number(key, 0, hi, help, label, methods, f);
    o.spec.lo_open = true;
    return o;
  }
  RunOption& count(const char* key, double lo, double hi, const char* help, const char* label, unsigned methods,
                   auto f, FormHint form = {}, std::function<bool(const C&)> matters = {}) {
    RunOption& o = add(key, OptionKind::kCount, help, label, methods, f, std::move(matters));
    o.spec.lo = lo;
    o.spec.hi = hi;
    o.spec.form = form;
    return o;
  }
};

const ChoiceNames& erModeChoices() {
  static const ChoiceNames c{"mode", {"full", "incremental"}};
  return c;
}
const ChoiceNames& erOutputStartChoices() {
  static const ChoiceNames c{"value", {"zero", "random"}};
  return c;
}

std::vector<RunOption> makeRows() {
  std::vector<RunOption> rows;
  RowBuilder r{rows};
  const FormHint main{FormHint::kInput, 0, 0, 0, 0, true};
  r.choice("dataset", datasetChoices(), "mnist|fashion", "dataset", kAll, field(&C::dataset)).spec.form = main;
  r.choice("method", methodChoices(), "bp|er|altmin|fa|dtp", "method", kAll, field(&C::method)).spec.form = main;
  RunOption& hidden = r.add("hidden", OptionKind::kWidths, "hidden widths, e.g. 500,500 (none: single-layer ER)",
                            "hidden", kAll, field(&C::hidden));
  hidden.spec.lo = 1;
  hidden.spec.hi = 16384;
  hidden.spec.max_items = kMaxHiddenLayers;
  hidden.spec.form = main;
  r.choice("activation", activationChoices(), "hidden activation: relu|tanh|sigmoid", "activation",
           bit(Method::kBp) | bit(Method::kFa) | bit(Method::kAltMin), field(&C::activation))
      .spec.form = main;
  r.count("batch", 1, 60000, "mini-batch size (er: samples per streamed chunk)", "batch", kAll, field(&C::batch),
          {FormHint::kInput, 0, 0, 50, 500, true});
  r.count("epochs", 1, 10000, "epochs", "epochs", kAll, field(&C::epochs), {FormHint::kInput, 0, 0, 1, 10, true});
  r.count("seed", 0, 9007199254740992.0, "random seed", "seed", kAll, field(&C::seed),
          {FormHint::kInput, 0, 0, 1, 100, true});
  // A grid cannot name a checkpoint folder per run: checkpoints are for runs
  // trained one at a time (the lab, `train --checkpoints DIR`).
  r.count("checkpoint_every", 0, 1e9, "steps between kept weights (0: none)", "checkpoint every", kAll,
          field(&C::checkpoint_every), {FormHint::kInput, 0, 0, 10, 100, true})
      .spec.stored = kStoreScene | kStoreManifest;
  RunOption& kept = r.count("checkpoint_max", 2, double(kMaxCheckpoints),
                            "keep at most this many, thinned by doubling the stride", "checkpoints kept", kAll,
                            field(&C::checkpoint_max), {FormHint::kInput, 0, 0, 10, 100, true},
                            [](const C& c) { return keepsCheckpoints(c); });
  kept.spec.stored = kStoreScene | kStoreManifest;
  for (const OptimizerOption& o : optimizerOptions()) {
    RunOption lifted;
    static_cast<Option<C>&>(lifted) = lift(o, &C::optimizer);
    lifted.methods = kGradient;
    rows.push_back(std::move(lifted));
  }
  RunOption& patience = r.count("gamma_patience", 0, 10000,
                                "hybrid gamma schedule (bp, fa): gamma = 1 for E epochs, then gamma^k", "γ patience",
                                bit(Method::kBp) | bit(Method::kFa), field(&C::gamma_patience), {},
                                [](const C& c) { return c.optimizer.rule == UpdateRule::kHybrid; });
  patience.spec.off = "off";
  r.count("eval_every", 0, 1e9, "steps between test evaluations (0: each epoch)", "eval every (0: epoch)", kAll,
          field(&C::eval_every));
  r.count("train_limit", 0, 1e9, "use only the first N training samples (0: all)", "samples used (0: all)", kAll,
          field(&C::train_limit));
  // Expectation Reflection (docs/er.md).
  r.positive("ridge", 1e12, "ER ridge lambda of the output solve", "ridge λ", kEr, field(&C::er_ridge)).spec.form =
      main;
  r.choice("er_mode", erModeChoices(), "ER: full (full-batch statistics) or incremental (mini-batch ridge steps)",
           "ER mode", kEr, field(&C::er_incremental))
      .spec.form = main;
  r.positive("er_init_scale", 1000, "ER: scale of the random initial hidden weights", "init scale", kEr,
             field(&C::er_init_scale));
  r.number("er_bias_scale", 0, 1e6, "ER: std of the random hidden biases", "bias scale", kEr, field(&C::er_bias_scale));
  r.positive("er_hidden_ridge", 1e12, "ER: ridge lambda of the hidden solves", "hidden ridge λ", kEr,
             field(&C::er_hidden_ridge));
  r.choice("er_solve", erSolveChoices(),
           "ER: augmented ([a;1] Gram, bias unpenalised) or centred (the group's Cov + lambda/2n)", "solve", kEr,
           field(&C::er_solve));
  r.choice("er_output", erOutputChoices(), "ER: output reflection, tanh or softmax", "output reflection", kEr,
           field(&C::er_output));
  r.choice("er_hidden_update", erHiddenUpdateChoices(),
           "ER: pinv (target-propagation inverse) or none (random features, readout only)", "hidden update", kEr,
           field(&C::er_hidden_update));
  r.choice("er_inverse", erInverseChoices(), "ER: hidden inverse of tanh, secant or atanh", "tanh inverse", kEr,
           field(&C::er_inverse));
  r.number("er_step", 0, 1e6, "ER: alpha in a* = a + alpha W+ (h* - h)", "hidden step α", kEr, field(&C::er_step));
  r.choice("er_input", erInputChoices(), "ER: input scaling, pixel (per-pixel std), global (one std) or raw",
           "input scaling", kEr, field(&C::er_input));
  r.choice("er_output_start", erOutputStartChoices(), "ER: output weights start at zero or random N(0, 1/fan_in)",
           "output start", kEr, field(&C::er_random_output_start));
  // Difference target propagation (Lee et al. 2015).
  r.positive("dtp_target_lr", 1e6, "DTP: step of the top target (eta-hat)", "target step η̂", bit(Method::kDtp),
             field(&C::dtp_target_lr));
  r.number("dtp_noise", 0, 1e6, "DTP: std of the inverses' corruption noise", "inverse noise σ", bit(Method::kDtp),
           field(&C::dtp_noise));
  // Online alternating minimization (Choromanska et al. 2019).
  r.positive("mu", 1e6, "AltMin mu", "AltMin μ", bit(Method::kAltMin), field(&C::altmin_mu));
  // Where a run reads and how much memory it may take: not part of what it
  // is, so scenes and manifests leave them to the machine that runs it.
  r.add("data_dir", OptionKind::kPath, "data folder (default $MULAB_DATA or ./data)", "data folder", kAll,
        field(&C::data_dir))
      .spec.stored = kStoreGrid;
  r.add("memory_limit", OptionKind::kBytes,
        "refuse runs whose estimated peak memory exceeds this, e.g. 4G (default: half the memory)", "memory limit",
        kAll, field(&C::memory_limit))
      .spec.stored = kStoreGrid;
  for (RunOption& o : rows) {
    if (o.spec.form.widget == FormHint::kInput && o.spec.kind == OptionKind::kPath) o.spec.form.widget = FormHint::kHidden;
    if (o.spec.kind == OptionKind::kBytes) o.spec.form.widget = FormHint::kHidden;
  }
  return rows;
}

std::string canonical(std::string_view name) {
  std::string key(name);
  for (char& ch : key) ch = ch == '-' ? '_' : ch;
  return key;
}

}  // namespace

// [SECTION] Lookup

const std::vector<RunOption>& runOptions() {
  static const std::vector<RunOption> rows = makeRows();
  return rows;
}

const RunOption* findRunOption(std::string_view name) {
  const std::string key = canonical(name);
  for (const RunOption& o : runOptions()) {
    if (o.spec.key == key) return &o;
  }
  return nullptr;
}

std::vector<std::string> runOptionKeys(OptionStore where) {
  std::vector<std::string> keys;
  for (const RunOption& o : runOptions()) {
    if (o.spec.stored & where) keys.push_back(o.spec.key);
  }
  return keys;
}

// [SECTION] Checks

std::optional<std::string> validate(const RunConfig& c, const OptionNamer& name) {
  for (const RunOption& o : runOptions()) {
    if (auto err = checkOptionValue(o.spec, o.get(c), name(o.spec.key))) return err;
  }
  if (c.hidden.empty() && c.method != Method::kEr) {
    return name("hidden") + ": " + std::string(toString(c.method)) + " needs at least one hidden layer";
  }
  if (c.gamma_patience >= 0) {
    if (c.optimizer.rule != UpdateRule::kHybrid) {
      return name("gamma_patience") + ": the gamma schedule needs " + name("rule") + " hybrid";
    }
    if (c.method != Method::kBp && c.method != Method::kFa) {
      return name("gamma_patience") + ": the gamma schedule applies to bp and fa";
    }
  }
  return std::nullopt;
}

std::optional<std::string> checkRunConfig(const RunConfig& c, const OptionNamer& name) {
  if (auto err = validate(c, name)) return err;
  if (auto over = checkMemoryBudget(c)) return name(over->option) + ": " + over->message;
  return std::nullopt;
}

// [SECTION] Options as text and as JSON

Result<RunConfig> runConfigFromOptions(const OptionList& options, OptionStore allowed) {
  auto valid = [&] {
    std::string names;
    for (const std::string& key : runOptionKeys(allowed)) names += (names.empty() ? "" : ", ") + flagName(key);
    return names;
  };
  Method method = Method::kBp;
  for (const auto& [name, value] : options) {
    if (canonical(name) != "method" || value.empty()) continue;
    auto m = methodChoices().parse(value);
    if (!m) return Error{"--method: " + m.error()};
    method = *m;
  }
  RunConfig c = defaultRunConfig(method);
  for (const auto& [name, value] : options) {
    const RunOption* o = findRunOption(name);
    const std::string flag = flagName(canonical(name));
    if (!o || !(o->spec.stored & allowed)) return Error{"unknown option " + flag + " (valid: " + valid() + ")"};
    if (value.empty()) return Error{flag + ": expected a value, got an empty string"};
    if (auto err = setOptionText(*o, c, value, flag)) return Error{*err};
  }
  if (auto err = checkRunConfig(c, flagName)) return Error{*err};
  return c;
}

json runConfigJson(const RunConfig& c, OptionStore where) {
  json out = json::object();
  for (const RunOption& o : runOptions()) {
    if (o.spec.stored & where) out[o.spec.key] = optionValueJson(o.spec, o.get(c));
  }
  return out;
}

Result<RunConfig> runConfigFromJson(const json& object, OptionStore where, const std::string& path,
                                    const std::vector<std::string>& other_keys) {
  auto name = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (!object.is_object()) return Error{(path.empty() ? "run" : path) + ": expected an object"};
  Method method = Method::kBp;
  if (auto it = object.find("method"); it != object.end()) {
    auto m = parseOptionJson(findRunOption("method")->spec, *it, name("method"));
    if (!m) return Error{m.error()};
    method = static_cast<Method>(int(std::get<double>(*m)));
  }
  std::vector<std::string> keys = runOptionKeys(where);
  keys.insert(keys.end(), other_keys.begin(), other_keys.end());
  if (auto err = unknownField(object, keys, path)) return Error{*err};
  RunConfig c = defaultRunConfig(method);
  for (const RunOption& o : runOptions()) {
    auto it = object.find(o.spec.key);
    if (it == object.end() || !(o.spec.stored & where)) continue;
    auto v = parseOptionJson(o.spec, *it, name(o.spec.key));
    if (!v) return Error{v.error()};
    o.set(c, *v);
  }
  if (auto err = validate(c, name)) return Error{*err};
  return c;
}

// [SECTION] Defaults

RunConfig switchMethod(const RunConfig& from, Method to) {
  const RunConfig old_defaults = defaultRunConfig(from.method);
  RunConfig out = defaultRunConfig(to);
  for (const RunOption& o : runOptions()) {
    if (o.spec.key == "method") continue;
    if (o.get(old_defaults) == o.get(out)) o.set(out, o.get(from));
  }
  return out;
}

std::string defaultsText(const RunOption& o) {
  // A path's and a size's defaults depend on the machine: their help says so.
  if (o.spec.kind == OptionKind::kPath || o.spec.kind == OptionKind::kBytes) return "";
  std::string first, text;
  for (int m = 0; m < methodChoices().size(); ++m) {
    const Method method = static_cast<Method>(m);
    if (!o.appliesTo(method)) continue;
    const std::string value = optionText(o, defaultRunConfig(method));
    if (first.empty()) {
      first = value;
      text = "(default " + value;
      if (o.spec.key == "method") break;
    } else if (value != first) {
      text += "; " + std::string(toString(method)) + ": " + value;
    }
  }
  return text + ")";
}

}  // namespace mulab
