// Everything `mulab-cli sweep` checks before any run starts, so a bad grid
// costs seconds, not the hours of the runs before it: the grid file, every
// run's options parsed exactly as `train` parses its flags, each run's memory
// budget and the concurrent workers' together, the data, and the output
// folder. Errors are UsageErrors of one line naming the grid key or the flag:
//   grid.json: axes.lr[2]: --lr: 'x' is not a number
#pragma once

#include <string>
#include <vector>

#include "cli/sweep_backend.hpp"
#include "sweep/grid.hpp"

namespace mulab::cli {

struct SweepFlags {
  std::string grid, out, workers, data_dir;  // workers empty: as many as cores and memory allow
  bool force = false, quiet = false, dry_run = false;
};

struct SweepPlan {
  SweepGrid grid;
  std::string grid_json;            // canonical, as stored in the folder
  std::vector<SweepRun> runs;       // plan order
  std::vector<PlannedRun> planned;  // planned[i] runs runs[i]
  int workers = 1;                  // concurrent runs on this machine (per rank under MPI)
  int threads = 1;                  // OpenMP threads per run
  int cores = 1;                    // cores of this process
};

// The number of concurrent runs --workers asks for, at most `cores`; all
// `cores` when `text` is empty.
int parseWorkers(const std::string& text, int cores);

// `cores`: what this process may use (under MPI: this rank's share);
// `ranks_here`: processes of the sweep sharing this machine's memory.
SweepPlan planSweep(const SweepFlags& flags, int cores, int ranks_here);

}  // namespace mulab::cli
