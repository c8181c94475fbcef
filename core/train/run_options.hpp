// Every option of a training run, declared once as a row of one table
// (util/option.hpp): key, help, kind, bounds, the methods it applies to,
// where it is stored and its field on RunConfig. The CLI registers its
// train flags from it; scenes' lab runs, checkpoint manifests, sweep grids,
// the lab's new-run form and validate() read and write runs through it.
// Defaults live only in defaultRunConfig (train/run.hpp).
//
// Adding an option: a field on RunConfig, a row in run_options.cpp, and its
// use in the trainer (makeTrainer in run.cpp).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "optim/optimizer_options.hpp"
#include "train/run.hpp"

namespace mulab {

struct RunOption : Option<RunConfig> {
  unsigned methods = 0;  // bit (1 << Method) of each method it applies to
  bool appliesTo(Method m) const { return methods & (1u << static_cast<unsigned>(m)); }
  bool mattersFor(const RunConfig& c) const { return appliesTo(c.method) && (!matters || matters(c)); }
};

const std::vector<RunOption>& runOptions();
// The row of `key` ("lr_out", or "lr-out"), or null.
const RunOption* findRunOption(std::string_view key);
// The keys of the rows stored `where`, in table order ("lr_out").
std::vector<std::string> runOptionKeys(OptionStore where);

// The first option out of its bounds, or the first pair of options that do
// not go together (a hybrid schedule without the hybrid rule), named by `name`.
std::optional<std::string> validate(const RunConfig& config, const OptionNamer& name = plainKey);
// validate() and the memory budget (train/memory_budget.hpp), which names the
// option that makes the run too large: what a run must pass before it starts.
std::optional<std::string> checkRunConfig(const RunConfig& config, const OptionNamer& name);

// (name, value) pairs, as `mulab-cli train` takes them from its flags and a
// sweep from a grid: the method's defaults (defaultRunConfig), then each
// option in turn, then checkRunConfig. Names are keys or flags without their
// dashes ("lr_out", "lr-out"); errors name the flag ("--lr: 'x' is not a
// number"); an empty value is an error, never "not given".
Result<RunConfig> runConfigFromOptions(const OptionList& options, OptionStore allowed = kStoreAll);

// JSON: every option stored `where`, as {"dataset": "mnist", "hidden": [500, 500], ...}.
nlohmann::json runConfigJson(const RunConfig& config, OptionStore where);
// Reads such an object (scenes' lab runs, manifests): the method's defaults,
// then each key given, then validate() (not the memory budget: a manifest
// of a large run is still read on a small machine). `path` prefixes every error
// ("lab.runs[0]" -> "lab.runs[0].batch: must lie in 1..60000, got 0"); keys
// that are not options stored `where` are errors unless listed in `other_keys`.
Result<RunConfig> runConfigFromJson(const nlohmann::json& object, OptionStore where, const std::string& path,
                                    const std::vector<std::string>& other_keys = {});

// The configuration for `to`: its defaults, with every option the user can
// have changed whose default is the same for both methods carried over from
// `from` (the lab's form when its method changes).
RunConfig switchMethod(const RunConfig& from, Method to);

// "(default 500,500; er: 12000)": an option's defaults over the methods it applies to.
std::string defaultsText(const RunOption& option);

}  // namespace mulab
