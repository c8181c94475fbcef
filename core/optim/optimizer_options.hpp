// The GOFAU optimizer's options as a table (util/option.hpp): the base
// optimizer, the update rule and its hyper-parameters, each with its key,
// help, bounds and field on OptimizerConfig. The explorer's runs in scene
// files, the CLI's hyper-parameter flags and, lifted into the run table
// (train/run_options.hpp), every training run read and write them here.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "optim/optimizer_config.hpp"
#include "util/option.hpp"

namespace mulab {

using OptimizerOption = Option<OptimizerConfig>;

// In the order the lab's form and `--help` show them: optimizer, rule, lr,
// lr_out, lr_in, gamma, momentum, alpha, beta1, beta2, eps.
const std::vector<OptimizerOption>& optimizerOptions();

// How a check names an option: "--lr-out" on the command line, "runs[0].lr_out" in a scene.
using OptionNamer = std::function<std::string(const std::string& key)>;
inline std::string plainKey(const std::string& key) { return key; }
std::string flagName(const std::string& key);  // "lr_out" -> "--lr-out"

// Every option as JSON, {"optimizer": "adam", "rule": "hybrid", "lr": 0.01, ...}.
nlohmann::json optimizerJson(const OptimizerConfig& config);
// Reads such an object over `base` (keys not given keep base's values);
// `path` prefixes every error; keys neither options nor in `other_keys` are errors.
Result<OptimizerConfig> optimizerFromJson(const nlohmann::json& object, const std::string& path,
                                          const std::vector<std::string>& other_keys, OptimizerConfig base = {});

// The first option out of its bounds, named by `name`.
std::optional<std::string> validate(const OptimizerConfig& config, const OptionNamer& name = plainKey);

}  // namespace mulab
