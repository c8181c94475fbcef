// `mulab-cli train`'s checkpoint flags, kept apart from the train command so
// that they wire in with a few lines:
//   --checkpoints DIR        write checkpoints there (docs/landscape.md, "Format")
//   --checkpoint-every N     steps between checkpoints (default 10 with --checkpoints)
//   --checkpoint-max N       at most N kept, thinned by stride doubling (default 100)
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "train/checkpoint_writer.hpp"
#include "train/run.hpp"

namespace mulab::cli {

struct CheckpointFlags {
  std::string dir, every, max;
};

void addCheckpointFlags(CLI::App& cmd, CheckpointFlags& flags);

// Sets config.checkpoint_every / checkpoint_max and checks DIR before the
// run starts; throws UsageError naming the flag.
void applyCheckpointFlags(const CheckpointFlags& flags, RunConfig& config);

// Writes `run`'s checkpoints to --checkpoints DIR on a thread of its own
// while it trains; nothing without --checkpoints.
class CheckpointOutput {
 public:
  CheckpointOutput(const CheckpointFlags& flags, const TrainingRun& run);
  // After the run: the final write. 0, or 1 after printing the error line.
  int finish();

 private:
  std::unique_ptr<CheckpointWriter> writer_;
};

}  // namespace mulab::cli
