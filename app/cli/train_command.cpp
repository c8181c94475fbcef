// `mulab-cli train`: one MNIST / Fashion-MNIST run on a background thread
// through the core run manager, with a live progress line and closing lines
// train_samples_per_s=N and test_error=X.XX%.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/option_flags.hpp"
#include "train/checkpoint_writer.hpp"
#include "train/run_options.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

// Steps between checkpoints when --checkpoints is given without --checkpoint-every.
constexpr long kCheckpointEvery = 10;

struct TrainFlags {
  OptionFlags options;  // one flag per run option (train/run_options.hpp)
  std::string csv, checkpoints;
  bool quiet = false;
};

// Throws UsageError naming the flag; includes the memory-budget check, so a
// run that would not fit is refused before anything is loaded.
RunConfig runConfigFromFlags(const TrainFlags& f) {
  const OptionList given = f.options.given();
  if (f.checkpoints.empty()) {
    // The options a sweep grid cannot hold are the checkpoints' (a grid
    // cannot name a folder per run): here they need the folder.
    for (const auto& [key, text] : given) {
      if (!(findRunOption(key)->spec.stored & kStoreGrid)) {
        throw UsageError{flagName(key) + ": needs --checkpoints DIR to write them to"};
      }
    }
  }
  RunConfig c = require(runConfigFromOptions(given), "");
  if (!f.checkpoints.empty()) {
    const RunConfig asked = c;
    keepCheckpointsEvery(c, kCheckpointEvery);
    // A stride of 0 (none) given beside --checkpoints contradicts it.
    for (const auto& [key, text] : given) {
      const RunOption& o = *findRunOption(key);
      if (!(o.get(asked) == o.get(c))) {
        throw UsageError{o.spec.flag() + ": must lie in 1.." + std::to_string(long(o.spec.hi)) +
                         " with --checkpoints (0 keeps none)"};
      }
    }
    if (auto err = checkRunConfig(c, flagName)) throw UsageError{*err};
    if (auto err = checkCheckpointFolder(f.checkpoints)) throw UsageError{"--checkpoints: " + *err};
  }
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
  std::unique_ptr<CheckpointWriter> checkpoint_writer;
  if (!f.checkpoints.empty()) checkpoint_writer = std::make_unique<CheckpointWriter>(run, f.checkpoints);
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
  if (checkpoint_writer) {
    if (auto err = checkpoint_writer->finish()) {
      std::fprintf(stderr, "mulab-cli: error: --checkpoints: %s\n", err->c_str());
      return 1;
    }
  }
  return 0;
}


}  // namespace

CommandRunner addTrainCommand(CLI::App& app) {
  auto flags = std::make_shared<TrainFlags>();
  CLI::App* cmd = app.add_subcommand("train", "Train on MNIST or Fashion-MNIST (bp, er, altmin, fa, dtp)");
  for (const RunOption& o : runOptions()) flags->options.add(*cmd, o.spec, defaultsText(o));
  cmd->add_option("--csv", flags->csv, "write the metrics series to this CSV file");
  cmd->add_flag("--quiet", flags->quiet, "no progress lines on stderr (errors only)");
  cmd->add_option("--checkpoints", flags->checkpoints,
                  "write checkpoints (.npy per tensor + manifest.json) to this new or empty folder (every " +
                      std::to_string(kCheckpointEvery) + " steps unless --checkpoint-every says otherwise)");
  return [flags] { return runTrain(*flags); };
}

}  // namespace mulab::cli
