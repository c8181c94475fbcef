#include "cli/checkpoint_flags.hpp"

#include <cstdio>

#include "cli/flags.hpp"

namespace mulab::cli {

void addCheckpointFlags(CLI::App& cmd, CheckpointFlags& f) {
  cmd.add_option("--checkpoints", f.dir,
                 "write checkpoints (.npy per tensor + manifest.json) to this new or empty folder");
  cmd.add_option("--checkpoint-every", f.every,
                 "steps between checkpoints (default 10 with --checkpoints; the first is step 0)");
  cmd.add_option("--checkpoint-max", f.max,
                 "keep at most this many, thinned by doubling the stride (default 100, at most " +
                     std::to_string(kMaxCheckpoints) + ")");
}

void applyCheckpointFlags(const CheckpointFlags& f, RunConfig& c) {
  if (f.dir.empty()) {
    if (!f.every.empty())
      throw UsageError{"--checkpoint-every: needs --checkpoints DIR to write them to"};
    if (!f.max.empty())
      throw UsageError{"--checkpoint-max: needs --checkpoints DIR to write them to"};
    return;
  }
  c.checkpoint_every = f.every.empty() ? 10 : parseCountFlag(f.every, "--checkpoint-every");
  if (c.checkpoint_every < 1 || c.checkpoint_every > 1000000000) {
    throw UsageError{"--checkpoint-every: must lie in 1..1000000000"};
  }
  if (!f.max.empty()) c.checkpoint_max = parseCountFlag(f.max, "--checkpoint-max");
  if (c.checkpoint_max < 2 || c.checkpoint_max > kMaxCheckpoints) {
    throw UsageError{"--checkpoint-max: must lie in 2.." + std::to_string(kMaxCheckpoints)};
  }
  if (auto err = checkCheckpointFolder(f.dir)) throw UsageError{"--checkpoints: " + *err};
}

CheckpointOutput::CheckpointOutput(const CheckpointFlags& f, const TrainingRun& run) {
  if (!f.dir.empty()) writer_ = std::make_unique<CheckpointWriter>(run, f.dir);
}

int CheckpointOutput::finish() {
  if (!writer_) return 0;
  if (auto err = writer_->finish()) {
    std::fprintf(stderr, "mulab-cli: error: --checkpoints: %s\n", err->c_str());
    return 1;
  }
  return 0;
}

}  // namespace mulab::cli
