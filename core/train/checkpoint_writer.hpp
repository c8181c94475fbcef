// Writes a live run's checkpoints to a folder on a thread of its own, so the
// training thread only copies weights into memory (train/checkpoint.hpp) and
// never waits on a disk. The thread polls the run's checkpoint version; when
// it falls behind (a slow disk), it writes the latest list and skips what the
// run has thinned away meanwhile.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "train/checkpoint_files.hpp"
#include "train/run.hpp"

namespace mulab {

class CheckpointWriter {
 public:
  // Starts writing `run`'s checkpoints to `dir` (see checkCheckpointFolder).
  CheckpointWriter(const TrainingRun& run, std::string dir);
  ~CheckpointWriter();  // stops without a final write

  // Stops polling, writes what the run kept last (call after the run ended)
  // and returns the first error, if any; the error names the file.
  std::optional<std::string> finish();

 private:
  void writeLatest();
  void loop(std::stop_token stop);

  const TrainingRun& run_;
  CheckpointFolderWriter folder_;
  long written_version_ = 0;  // the writing thread's, then finish()'s
  std::optional<std::string> error_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace mulab
