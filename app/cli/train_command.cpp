// `mulab-cli train`: one MNIST / Fashion-MNIST run on a background thread
// through the core run manager, with a live progress line and closing lines
// train_samples_per_s=N and test_error=X.XX%.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/checkpoint_flags.hpp"
#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/option_checks.hpp"
#include "cli/train_options.hpp"
#include "train/memory_budget.hpp"
#include "train/run.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

struct TrainFlags {
  // Empty: the method's default from core's defaultRunConfig.
  std::string dataset = "mnist", method = "bp", hidden, activation, optimizer = "adam",
              rule = "additive", batch, epochs, seed = "1", csv, data_dir, eval_every = "0",
              train_limit = "0", ridge, mu = "0.003", er_mode, er_init;
  std::string er_hidden_ridge, er_solve, er_output, er_hidden_update, er_inverse, er_step,
      er_input, er_bias_scale, er_output_start, dtp_target_lr, dtp_noise, memory_limit;
  bool quiet = false;
  HyperFlags hyper;
  CheckpointFlags checkpoints;
  std::string gamma_patience = "off";
};

// The ER and DTP options added for the ER study (docs/er.md); each flag
// left out keeps defaultRunConfig's value.
void applyErFlags(const TrainFlags& f, RunConfig& c) {
  auto number = [](const std::string& text, const char* flag, double& out) {
    if (!text.empty()) out = parseNumberFlag(text, flag);
  };
  number(f.er_hidden_ridge, "--er-hidden-ridge", c.er_hidden_ridge);
  number(f.er_step, "--er-step", c.er_step);
  number(f.er_bias_scale, "--er-bias-scale", c.er_bias_scale);
  number(f.dtp_target_lr, "--dtp-target-lr", c.dtp_target_lr);
  number(f.dtp_noise, "--dtp-noise", c.dtp_noise);
  if (!f.er_solve.empty()) c.er_solve = require(parseErSolve(f.er_solve), "--er-solve");
  if (!f.er_output.empty()) c.er_output = require(parseErOutput(f.er_output), "--er-output");
  if (!f.er_hidden_update.empty()) {
    c.er_hidden_update = require(parseErHiddenUpdate(f.er_hidden_update), "--er-hidden-update");
  }
  if (!f.er_inverse.empty()) c.er_inverse = require(parseErInverse(f.er_inverse), "--er-inverse");
  if (!f.er_input.empty()) c.er_input = require(parseErInput(f.er_input), "--er-input");
  if (!f.er_output_start.empty()) {
    if (f.er_output_start != "zero" && f.er_output_start != "random") {
      throw UsageError{"--er-output-start: unknown value '" + f.er_output_start +
                       "' (valid: zero, random)"};
    }
    c.er_random_output_start = f.er_output_start == "random";
  }
}

// Throws UsageError naming the flag; includes the memory-budget check, so a
// run that would not fit is refused before anything is loaded.
RunConfig runConfigFromFlags(const TrainFlags& f) {
  const Method method = require(parseMethod(f.method), "--method");
  RunConfig c = defaultRunConfig(method);
  c.dataset = require(parseDatasetKind(f.dataset), "--dataset");
  if (!f.activation.empty()) c.activation = require(parseActivation(f.activation), "--activation");
  const bool er = c.method == Method::kEr;
  if (!f.hidden.empty()) c.hidden.clear();
  const std::string hidden = f.hidden.empty() ? "" : f.hidden;
  if (!hidden.empty() && hidden != "none") {
    for (const auto& part : splitList(hidden)) {
      const long w = parseCountFlag(part, "--hidden");
      if (w < 1 || w > 16384) throw UsageError{"--hidden: widths must lie in 1..16384, got " + part};
      c.hidden.push_back(static_cast<int>(w));
    }
    if (c.hidden.empty()) throw UsageError{"--hidden: expected widths like 500,500 or 'none'"};
    if (c.hidden.size() > kMaxHiddenLayers) {
      throw UsageError{"--hidden: at most " + std::to_string(kMaxHiddenLayers) + " hidden layers"};
    }
  } else if (hidden == "none" && !er) {
    throw UsageError{"--hidden: " + f.method + " needs at least one hidden layer"};
  }
  // Each method's own default step size unless --lr is given (AltMin: 0.008, spec 4).
  HyperFlags hyper = f.hyper;
  if (hyper.lr.empty()) hyper.lr = c.method == Method::kAltMin ? "0.008" : "0.001";
  c.optimizer = hyperConfig(hyper);
  c.optimizer.base = require(parseBaseOptimizer(f.optimizer), "--optimizer");
  c.optimizer.rule = require(parseUpdateRule(f.rule), "--rule");
  if (!f.batch.empty()) {
    const long batch = parseCountFlag(f.batch, "--batch");
    if (batch < 1 || batch > 60000) throw UsageError{"--batch: must lie in 1..60000"};
    c.batch = static_cast<int>(batch);
  }
  if (!f.epochs.empty()) {
    const long epochs = parseCountFlag(f.epochs, "--epochs");
    if (epochs < 1 || epochs > 10000) throw UsageError{"--epochs: must lie in 1..10000"};
    c.epochs = static_cast<int>(epochs);
  }
  c.seed = static_cast<uint64_t>(parseCountFlag(f.seed, "--seed"));
  c.eval_every = parseCountFlag(f.eval_every, "--eval-every");
  c.train_limit = parseCountFlag(f.train_limit, "--train-limit");
  if (!f.ridge.empty()) c.er_ridge = parseNumberFlag(f.ridge, "--ridge");
  if (c.er_ridge <= 0) throw UsageError{"--ridge: must be positive"};
  if (!f.er_mode.empty()) {
    if (f.er_mode != "full" && f.er_mode != "incremental") {
      throw UsageError{"--er-mode: unknown mode '" + f.er_mode + "' (valid: full, incremental)"};
    }
    c.er_incremental = f.er_mode == "incremental";
  }
  if (!f.er_init.empty()) c.er_init_scale = parseNumberFlag(f.er_init, "--er-init-scale");
  if (c.er_init_scale <= 0) throw UsageError{"--er-init-scale: must be positive"};
  applyErFlags(f, c);
  c.altmin_mu = parseNumberFlag(f.mu, "--mu");
  if (c.altmin_mu <= 0) throw UsageError{"--mu: must be positive"};
  c.data_dir = f.data_dir;
  if (!f.memory_limit.empty()) c.memory_limit = require(parseByteSize(f.memory_limit, "--memory-limit"), "");
  applyCheckpointFlags(f.checkpoints, c);
  if (f.gamma_patience != "off") {
    const long patience = parseCountFlag(f.gamma_patience, "--gamma-patience");
    if (patience > 10000) throw UsageError{"--gamma-patience: must lie in 0..10000 (or off)"};
    c.gamma_patience = static_cast<int>(patience);
  }
  if (auto err = validate(c)) throw UsageError{"--" + *err};
  // Refuse a run that would not fit before loading anything.
  if (auto over = checkMemoryBudget(c)) throw UsageError{over->flagMessage()};
  return c;
}

int runTrain(const TrainFlags& f) {
  const RunConfig c = runConfigFromFlags(f);

  // The CSV is written at the end, atomically, so a failed or interrupted run
  // never leaves a half-written file; check now that it could be written.
  if (!f.csv.empty()) {
    if (auto err = checkOutputPath(f.csv)) throw UsageError{"--csv: " + *err};
  }

  TrainingRun run(1, c);
  CheckpointOutput checkpoint_output(f.checkpoints, run);
  const bool tty = isatty(STDERR_FILENO);
  run.on_point = [&](const MetricPoint& p, const RunProgress& pr) {
    if (f.quiet || (!tty && std::isnan(p.test_acc))) return;
    char acc[32] = "";
    if (!std::isnan(p.test_acc)) std::snprintf(acc, sizeof acc, "  test acc %.2f%%", 100 * p.test_acc);
    std::fprintf(stderr, "%sepoch %d/%d  step %ld/%ld  %.0f samples/s  ETA %s  loss %.4f%s%s",
                 tty ? "\r\033[K" : "", pr.epoch + 1, c.epochs, pr.step_in_epoch,
                 pr.steps_per_epoch, pr.samples_per_s, formatDuration(pr.eta_s).c_str(),
                 p.train_loss, acc, tty ? "" : "\n");
    std::fflush(stderr);
  };
  run.start();
  run.join();
  if (tty && !f.quiet) std::fprintf(stderr, "\n");

  const RunProgress pr = run.progress();
  if (pr.state == RunState::kFailed) {
    std::fprintf(stderr, "mulab-cli: error: %s\n", pr.error.c_str());
    return 1;
  }
  // The results reach stdout first: a CSV that cannot be written at the end
  // (a full disk, a folder removed meanwhile) loses the file, not the numbers.
  const auto points = run.metrics().all();
  std::printf("run: %s\n", pr.description.c_str());
  if (!points.empty()) {
    std::printf("epochs=%.3g weight_updates=%ld train_seconds=%.1f\n", points.back().epoch,
                points.back().updates, points.back().wall_s);
  }
  std::printf("train_samples_per_s=%.0f\n", run.trainSamplesPerSecond());
  std::printf("test_error=%.2f%%\n", 100.0 * (1.0 - run.finalTestAccuracy()));
  // Likewise a stdout that cannot be written does not cost the CSV.
  std::optional<OutputError> stdout_error;
  try {
    requireStdout();
  } catch (const OutputError& e) {
    stdout_error = e;
  }
  if (!f.csv.empty()) {
    if (auto err = writeFileAtomically(f.csv, metricsCsv(points))) {
      std::fprintf(stderr, "mulab-cli: error: --csv: %s\n", err->c_str());
      return 1;
    }
  }
  if (stdout_error) throw *stdout_error;
  return checkpoint_output.finish();
}


// The train command and its options, declared once: `train` parses them from
// its command line, sweep grids from (name, value) pairs (runConfigFromOptions).
std::pair<CLI::App*, std::shared_ptr<TrainFlags>> declareTrainCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainFlags>();
  CLI::App* cmd = app.add_subcommand("train", "Train on MNIST or Fashion-MNIST (bp, er, altmin, fa, dtp)");
  cmd->add_option("--dataset", flags->dataset, "mnist|fashion (default mnist)");
  cmd->add_option("--method", flags->method, "bp|er|altmin|fa|dtp (default bp)");
  cmd->add_option("--hidden", flags->hidden,
                  "hidden widths, e.g. 500,500 (default 500,500; er: none = single layer)");
  cmd->add_option("--activation", flags->activation, "relu|tanh|sigmoid (default relu; ER uses tanh)");
  cmd->add_option("--optimizer", flags->optimizer, "base optimizer for bp/fa/altmin (default adam)");
  cmd->add_option("--rule", flags->rule, "additive|multiplicative|hybrid (default additive)");
  cmd->add_option("--batch", flags->batch, "mini-batch size (default 200; er: 2000 per chunk)");
  cmd->add_option("--epochs", flags->epochs, "epochs (default 10)");
  cmd->add_option("--seed", flags->seed, "random seed (default 1)");
  cmd->add_option("--csv", flags->csv, "write the metrics series to this CSV file");
  cmd->add_option("--data-dir", flags->data_dir, "data folder (default $MULAB_DATA or ./data)");
  cmd->add_option("--eval-every", flags->eval_every, "steps between test evaluations (default: each epoch)");
  cmd->add_option("--train-limit", flags->train_limit, "use only the first N training samples");
  cmd->add_option("--ridge", flags->ridge, "ER ridge lambda (default 10)");
  cmd->add_option("--er-mode", flags->er_mode,
                  "ER: full (full-batch statistics) or incremental (mini-batch ridge steps)");
  cmd->add_option("--er-init-scale", flags->er_init,
                  "ER: scale of the random initial hidden weights (default 1)");
  cmd->add_option("--er-hidden-ridge", flags->er_hidden_ridge, "ER: ridge lambda of the hidden solves");
  cmd->add_option("--er-solve", flags->er_solve,
                  "ER: augmented ([a;1] Gram, bias unpenalised) or centred (the group's Cov + lambda/2n)");
  cmd->add_option("--er-output", flags->er_output, "ER: output reflection, tanh or softmax");
  cmd->add_option("--er-hidden-update", flags->er_hidden_update,
                  "ER: pinv (target-propagation inverse) or none (random features, readout only)");
  cmd->add_option("--er-inverse", flags->er_inverse, "ER: hidden inverse of tanh, secant or atanh");
  cmd->add_option("--er-step", flags->er_step, "ER: alpha in a* = a + alpha W+ (h* - h)");
  cmd->add_option("--er-input", flags->er_input,
                  "ER: input scaling, pixel (per-pixel std), global (one std) or raw");
  cmd->add_option("--er-bias-scale", flags->er_bias_scale, "ER: std of the random hidden biases");
  cmd->add_option("--er-output-start", flags->er_output_start,
                  "ER: output weights start at zero or random N(0, 1/fan_in)");
  cmd->add_option("--dtp-target-lr", flags->dtp_target_lr, "DTP: step of the top target (eta-hat)");
  cmd->add_option("--dtp-noise", flags->dtp_noise, "DTP: std of the inverses' corruption noise");
  cmd->add_option("--mu", flags->mu, "AltMin mu (default 0.003)");
  cmd->add_flag("--quiet", flags->quiet, "no progress lines on stderr (errors only)");
  cmd->add_option("--memory-limit", flags->memory_limit,
                  "refuse runs whose estimated peak memory exceeds this, e.g. 4G (default: half the memory)");
  addHyperFlags(*cmd, flags->hyper);
  addCheckpointFlags(*cmd, flags->checkpoints);
  cmd->add_option(
      "--gamma-patience", flags->gamma_patience,
      "hybrid gamma schedule (bp, fa): gamma = 1 for E epochs, then gamma^k (default off)");
  return {cmd, flags};
}

// Train's options about its own output, not about the run: a sweep writes
// each run's metrics itself and shows its own progress; checkpoints need a
// folder per run, which a grid cannot name.
bool isOutputOption(const std::string& flag) {
  return flag == "--csv" || flag == "--quiet" || flag == "--checkpoints" ||
         flag == "--checkpoint-every" || flag == "--checkpoint-max";
}

std::string dashed(std::string name) {
  for (char& ch : name) ch = ch == '_' ? '-' : ch;
  return name;
}

}  // namespace

CommandRunner addTrainCommand(CLI::App& app) {
  auto flags = declareTrainCommand(app).second;
  return [flags] { return runTrain(*flags); };
}

const std::vector<std::string>& runOptionNames() {
  static const std::vector<std::string> names = [] {
    CLI::App app;
    std::vector<std::string> out;
    for (const CLI::Option* opt : declareTrainCommand(app).first->get_options()) {
      const std::string name = opt->get_name();
      if (name.rfind("--", 0) != 0 || name == "--help" || isOutputOption(name)) continue;
      std::string key = name.substr(2);
      for (char& ch : key) ch = ch == '-' ? '_' : ch;
      out.push_back(key);
    }
    return out;
  }();
  return names;
}

Result<RunConfig> runConfigFromOptions(const OptionList& options) {
  CLI::App app;
  const auto [cmd, flags] = declareTrainCommand(app);
  std::vector<std::string> args{"train"};
  for (const auto& [name, value] : options) {
    const std::string flag = "--" + dashed(name);
    const CLI::Option* opt = cmd->get_option_no_throw(flag);
    if (!opt || flag == "--help" || isOutputOption(flag)) {
      std::string valid;
      for (const std::string& key : runOptionNames()) valid += (valid.empty() ? "--" : ", --") + dashed(key);
      return Error{"unknown option " + flag + " (valid: " + valid + ")"};
    }
    if (opt->get_type_size() == 0) {  // a switch: true sets it, false leaves it off
      if (value != "true" && value != "false") {
        return Error{flag + ": expected true or false, got '" + value + "'"};
      }
      if (value == "true") args.push_back(flag);
      continue;
    }
    // CLI11 reads "--name=" as "--name" and takes the next argument as its
    // value; train refuses an empty value with this message.
    if (value.empty()) return Error{flag + ": expected a value, got an empty string"};
    // --name=value, so a value starting with '-' is never taken for a flag.
    args.push_back(flag + "=" + value);
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes the vector back to front
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return Error{e.what()};
  }
  if (auto err = emptyValueError(*cmd)) return Error{*err};
  try {
    return runConfigFromFlags(*flags);
  } catch (const UsageError& e) {
    return Error{e.message};
  }
}

}  // namespace mulab::cli
