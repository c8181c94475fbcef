// What executes a sweep's runs for the scheduler in sweep_command.cpp: the
// local pool of worker threads, or (sweep_mpi.cpp) that pool plus the other
// MPI ranks, which rank 0 hands runs to one at a time as they ask for them.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "train/run_options.hpp"
#include "sweep/run_pool.hpp"

namespace mulab::cli {

struct PlannedRun {
  size_t index = 0;
  OptionList options;  // what another rank parses into the same config
  RunConfig config;
};

class RunBackend {
 public:
  virtual ~RunBackend() = default;
  // A worker is free (a local slot or a rank that asked for work).
  virtual bool canStart() = 0;
  virtual void start(const PlannedRun& run) = 0;
  // Runs that ended; waits up to `wait` for the first.
  virtual std::vector<RunOutcome> collect(std::chrono::milliseconds wait) = 0;
  virtual size_t running() const = 0;
  // No more runs: releases the workers once nothing runs.
  virtual void finish() {}
  // Stops every run now (an error on the scheduler's side).
  virtual void abort() = 0;
};

class LocalBackend final : public RunBackend {
 public:
  explicit LocalBackend(RunPool& pool) : pool_(pool) {}
  bool canStart() override { return pool_.freeSlots() > 0; }
  void start(const PlannedRun& run) override { pool_.start(run.index, run.config); }
  std::vector<RunOutcome> collect(std::chrono::milliseconds wait) override {
    return pool_.collect(wait);
  }
  size_t running() const override { return pool_.running(); }
  void abort() override { pool_.stopAll(); }

 private:
  RunPool& pool_;
};

}  // namespace mulab::cli
