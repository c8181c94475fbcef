// A sweep across MPI ranks: `mpirun -n P mulab-cli sweep ...`. Rank 0 plans
// the sweep, owns its folder and hands runs out one at a time to whichever
// rank asks (dynamic assignment: a slow run never idles the others); every
// rank, rank 0 included, trains with its own pool of worker threads, and
// every result travels back to rank 0, which alone writes files.
//
// Built from sweep_mpi.cpp when CMake finds MPI, else from sweep_no_mpi.cpp.
// MPI is initialised only when mpirun started this process with two or more
// ranks, so a plain `mulab-cli` never touches MPI.
#pragma once

#include <memory>
#include <string>

#include "cli/sweep_backend.hpp"

namespace mulab::cli {

class Cluster {
 public:
  virtual ~Cluster() = default;  // finalises MPI
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual int localRanks() const = 0;  // ranks on this machine, this one included
  virtual std::string host() const = 0;

  // Rank 0, after planning: the other ranks may start (status 0), or exit
  // with `status` because the sweep will not run.
  virtual void release(int status) = 0;
  // Rank 0: the backend over `local` and the other ranks.
  virtual std::unique_ptr<RunBackend> backend(RunPool& local) = 0;
  // Ranks above 0: wait for rank 0's release, then run what it sends on
  // `pool` until it has no more. Returns the exit status.
  virtual int serve(RunPool& pool) = 0;
};

// Null unless this process was started by mpirun with two or more ranks.
// Throws UsageError if it was but this build has no MPI.
std::unique_ptr<Cluster> joinClusterIfLaunched();

}  // namespace mulab::cli
