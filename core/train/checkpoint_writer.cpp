#include "train/checkpoint_writer.hpp"

#include <chrono>

namespace mulab {

CheckpointWriter::CheckpointWriter(const TrainingRun& run, std::string dir)
    : run_(run), folder_(std::move(dir)) {
  thread_ = std::jthread([this](std::stop_token st) { loop(st); });
}

CheckpointWriter::~CheckpointWriter() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void CheckpointWriter::writeLatest() {
  if (error_) return;
  const long version = run_.checkpointVersion();
  if (version == written_version_) return;
  const CheckpointSnapshot s = run_.checkpoints();
  if (s.items.empty()) return;
  error_ = folder_.write(run_.config(), run_.progress().description, s);
  written_version_ = s.version;
}

void CheckpointWriter::loop(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    lock.unlock();
    writeLatest();
    lock.lock();
    // 200 ms: a few writes a second at most, whatever the checkpoint rate.
    wake_.wait_for(lock, stop, std::chrono::milliseconds(200), [] { return false; });
  }
}

std::optional<std::string> CheckpointWriter::finish() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  writeLatest();
  return error_;
}

}  // namespace mulab
