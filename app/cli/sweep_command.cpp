// `mulab-cli sweep --grid FILE.json --out DIR [--workers N] [--force]`: every
// run of a grid (core/sweep/grid.hpp) through the core run manager, N runs at
// a time with cores / N OpenMP threads each. Each finished run's metrics and
// record land in DIR at once and the summaries are rewritten, so re-running
// the same command resumes an interrupted sweep. Under `mpirun -n P` the
// ranks share the runs (sweep_cluster.hpp) and rank 0 alone writes.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/sweep_cluster.hpp"
#include "cli/sweep_plan.hpp"
#include "sweep/groups.hpp"
#include "sweep/summary.hpp"
#include "sweep/sweep_folder.hpp"
#include "util/compute_threads.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * fraction);
  return buf;
}

// The progress line on stderr: runs done / total, ETA, the latest result. On
// a terminal it redraws in place; otherwise one line per finished run.
class ProgressLine {
 public:
  ProgressLine(size_t total, size_t done_before, bool quiet)
      : total_(total),
        done_(done_before),
        before_(done_before),
        quiet_(quiet),
        tty_(isatty(STDERR_FILENO)) {}

  void finished(const RunRecord& r) {
    ++done_;
    char wall[32];
    std::snprintf(wall, sizeof wall, " (%.1f s)", r.wall_s);
    last_ = r.name + ": " +
            (r.status == RunStatus::kDiverged ? "diverged"
                                              : "test error " + percent(r.final_test_error)) +
            wall;
    if (!tty_) print(0);
  }

  void tick(size_t running) {
    if (tty_) print(running);
  }

  void end() {
    if (tty_ && !quiet_ && drawn_) std::fprintf(stderr, "\n");
  }

 private:
  void print(size_t running) {
    if (quiet_) return;
    const size_t now = done_ - before_;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double eta = now > 0 ? elapsed / double(now) * double(total_ - done_) : NAN;
    std::string line = "sweep: " + std::to_string(done_) + "/" + std::to_string(total_) + " done";
    if (tty_) line += ", " + std::to_string(running) + " running";
    line += ", ETA " + formatDuration(eta);
    if (!last_.empty()) line += "; last: " + last_;
    std::fprintf(stderr, "%s%s%s", tty_ ? "\r\033[K" : "", line.c_str(), tty_ ? "" : "\n");
    std::fflush(stderr);
    drawn_ = true;
  }

  size_t total_, done_, before_;
  bool quiet_, tty_, drawn_ = false;
  Clock::time_point start_ = Clock::now();
  std::string last_;
};

std::vector<const RunRecord*> pointers(const std::vector<std::optional<RunRecord>>& records) {
  std::vector<const RunRecord*> out;
  for (const auto& r : records) out.push_back(r ? &*r : nullptr);
  return out;
}

void writeResult(const SweepFlags& f, const SweepPlan& plan,
                 std::vector<std::optional<RunRecord>>& records, const RunOutcome& o) {
  const RunRecord record = makeRecord(plan.runs[o.index], o);
  if (auto err = writeRunResult(f.out, record, o.metrics)) throw OutputError{"--out: " + *err};
  records[o.index] = record;
  if (auto err = writeSummaries(f.out, plan.grid, plan.runs, pointers(records))) {
    throw OutputError{"--out: " + *err};
  }
}

// Hands out runs while workers are free and records what comes back. A run
// that could not run (not one that diverged) stops the hand-out: the runs
// already going finish and are kept, and the sweep ends with that error.
int drive(const SweepFlags& f, const SweepPlan& plan,
          std::vector<std::optional<RunRecord>>& records, RunBackend& backend,
          const std::string& capacity) {
  std::vector<size_t> pending;
  for (size_t i = 0; i < plan.runs.size(); ++i) {
    if (!records[i]) pending.push_back(i);
  }
  const size_t before = plan.runs.size() - pending.size();
  if (!f.quiet) {
    std::fprintf(stderr, "sweep: %zu runs, %s\n", plan.runs.size(), capacity.c_str());
    if (before > 0) {
      std::fprintf(stderr, "sweep: %zu of %zu runs already finished in %s; skipping them\n", before,
                   plan.runs.size(), f.out.c_str());
    }
  }
  if (auto err = writeSummaries(f.out, plan.grid, plan.runs, pointers(records))) {
    throw OutputError{"--out: " + *err};
  }
  ProgressLine progress(plan.runs.size(), before, f.quiet);
  std::optional<std::string> failure;
  size_t next = 0, diverged = 0;
  try {
    while (true) {
      while (!failure && next < pending.size() && backend.canStart()) {
        backend.start(plan.planned[pending[next++]]);
      }
      if (backend.running() == 0 && (failure || next == pending.size())) break;
      for (const RunOutcome& o : backend.collect(250ms)) {
        if (o.kind == RunOutcome::Kind::kFailed) {
          const SweepRun& run = plan.runs[o.index];
          if (!failure) {
            failure = "run " + std::to_string(run.index + 1) + " (" + run.name + ")" +
                      (o.where.empty() ? "" : " on " + o.where) + ": " + o.error;
          }
          continue;
        }
        writeResult(f, plan, records, o);
        diverged += o.kind == RunOutcome::Kind::kDiverged;
        progress.finished(*records[o.index]);
      }
      progress.tick(backend.running());
    }
    backend.finish();
  } catch (...) {
    progress.end();
    backend.abort();
    throw;
  }
  progress.end();

  size_t done = 0;
  for (const auto& r : records) done += r.has_value();
  std::printf("sweep: %zu of %zu runs done in %s: %zu finished before (skipped), %zu now", done,
              plan.runs.size(), f.out.c_str(), before, done - before);
  if (diverged > 0) std::printf(", %zu diverged", diverged);
  std::printf("\nsummary: %s\n", SweepFolder{f.out}.summaryMd().c_str());
  for (const RunGroup& g : groupOverSeeds(plan.runs, pointers(records), gridAxes(plan.grid))) {
    if (!g.best) continue;
    std::printf("best: %s: final test error %s%% (n=%zu)\n", g.label.c_str(),
                percentCell(g.final_error).c_str(), g.finished);
  }
  if (failure) {
    std::fflush(stdout);
    std::fprintf(stderr, "mulab-cli: error: %s\n", failure->c_str());
    return 1;
  }
  return 0;
}

std::string capacityText(const SweepPlan& plan, const Cluster* cluster) {
  auto plural = [](int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::string s = plural(plan.workers, "worker") + " x " + plural(plan.threads, "thread") + " on " +
                  plural(plan.cores, "core");
  if (cluster) s += " per rank, " + plural(cluster->size(), "rank");
  return s;
}

int runSweep(const SweepFlags& f) {
  std::unique_ptr<Cluster> cluster = joinClusterIfLaunched();
  int cores = availableCores();
  if (cluster) {
    // Ranks sharing a machine share its cores (whether or not mpirun bound them).
    const int machine = std::max(1, int(std::thread::hardware_concurrency()));
    cores = std::max(1, std::min(cores, machine / std::max(1, cluster->localRanks())));
  }
  if (cluster && cluster->rank() != 0) {
    // Rank 0 checked --workers and the memory of its machine; another machine
    // takes the same count, within its own cores.
    int workers = cores;
    try {
      workers = parseWorkers(f.workers, cores);
    } catch (const UsageError&) {
      // Rank 0 reports a bad --workers; this rank only waits to be told.
    }
    RunPool pool(workers, std::max(1, cores / workers));
    return cluster->serve(pool);
  }
  SweepPlan plan;
  std::vector<std::optional<RunRecord>> records;
  try {
    plan = planSweep(f, cores, cluster ? cluster->localRanks() : 1);
    if (auto err = checkSweepFolder(f.out, plan.grid_json, f.force))
      throw UsageError{"--out: " + *err};
    if (!f.dry_run) {
      if (auto err = prepareSweepFolder(f.out, plan.grid_json)) throw OutputError{"--out: " + *err};
    }
    records = require(readFinishedRuns(f.out, plan.runs), "--out");
  } catch (const UsageError&) {
    if (cluster) cluster->release(2);
    throw;
  } catch (...) {
    if (cluster) cluster->release(1);
    throw;
  }
  if (cluster) cluster->release(0);
  RunPool pool(plan.workers, plan.threads);
  std::unique_ptr<RunBackend> backend =
      cluster ? cluster->backend(pool) : std::make_unique<LocalBackend>(pool);
  if (f.dry_run) {
    // The plan only: every run checked, nothing started, nothing written.
    backend->finish();
    size_t done = 0;
    for (const SweepRun& run : plan.runs) {
      done += records[run.index].has_value();
      std::printf("%s %s%s\n", run.id.c_str(), run.name.c_str(),
                  records[run.index] ? " (finished)" : "");
    }
    std::printf("sweep: %zu runs, %zu finished in %s, %s\n", plan.runs.size(), done, f.out.c_str(),
                capacityText(plan, cluster.get()).c_str());
    return 0;
  }
  return drive(f, plan, records, *backend, capacityText(plan, cluster.get()));
}

}  // namespace

CommandRunner addSweepCommand(CLI::App& app) {
  auto flags = std::make_shared<SweepFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run every combination of a grid of train options, resumably (also under mpirun)");
  cmd->add_option("--grid", flags->grid,
                  "grid file: JSON with train options (the base run) and \"axes\": lists of values")
      ->required();
  cmd->add_option("--out", flags->out, "sweep folder: runs/, summary.csv, summary.md")->required();
  cmd->add_option("--workers", flags->workers,
                  "runs at once (per rank under mpirun), each with cores / N threads (default: "
                  "one per core, as many as fit in memory)");
  cmd->add_option("--data-dir", flags->data_dir,
                  "data folder for every run, over the grid's (default $MULAB_DATA or ./data)");
  cmd->add_flag("--force", flags->force,
                "run this grid in a folder holding a sweep of another grid");
  cmd->add_flag("--quiet", flags->quiet, "no progress lines on stderr (errors only)");
  cmd->add_flag("--dry-run", flags->dry_run,
                "check everything and list the runs (id, settings), run and write nothing");
  return [flags] { return runSweep(*flags); };
}

}  // namespace mulab::cli
