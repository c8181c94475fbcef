// `mulab-cli basin`: the explorer's basin map without the GUI. Every cell of
// an N x N grid over the surface's window is a start; each runs the chosen
// optimizer until it converges (f - f* < tol), diverges or uses up --steps.
// Prints the wall time, optimizer steps per second and a summary; --png
// colours the cells like the GUI's basin overlay, --csv lists them.
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "trajectory/basin_job.hpp"
#include "util/atomic_file.hpp"
#include "util/colormap.hpp"
#include "util/compute_threads.hpp"
#include "util/parse.hpp"

namespace mulab::cli {
namespace {

// Largest grid side, and most optimizer steps a map may ask for (side^2 x
// --steps): about two minutes on two cores at the measured rate.
constexpr long kMaxResolution = 1024;
constexpr double kMaxBasinWork = 2e10;
constexpr long kMaxThreads = 64;

struct BasinFlags {
  SurfaceRunFlags run;
  std::string resolution = "128", steps = "5000", threads, png, csv, colormap = "viridis";
};

std::string fmt(const char* format, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// RGB of the cell like shaders/surface.frag's basin overlay: converged cells
// on the colour map at basinShade (fast = bright), diverged dark red, not
// reached grey. The LUT is read as GL reads its 256-texel texture with
// linear filtering.
std::array<uint8_t, 3> cellColor(long cell, long max_steps, const Lut& lut) {
  std::array<float, 3> c;
  if (cell == BasinMap::kDiverged) {
    c = {0.55f, 0.05f, 0.08f};
  } else if (cell < 0) {
    c = {0.45f, 0.45f, 0.45f};
  } else {
    const float pos = std::clamp(basinShade(cell, max_steps) * 256.0f - 0.5f, 0.0f, 255.0f);
    const int i = std::min(254, int(pos));
    const float w = pos - float(i);
    for (int k = 0; k < 3; ++k) c[k] = lut[i][k] * (1 - w) + lut[i + 1][k] * w;
  }
  return {uint8_t(std::lround(255 * c[0])), uint8_t(std::lround(255 * c[1])),
          uint8_t(std::lround(255 * c[2]))};
}

std::string basinPng(const BasinMap& map, long max_steps, const Lut& lut) {
  std::vector<uint8_t> rgb(size_t(map.nx) * map.ny * 3);
  for (int j = 0; j < map.ny; ++j) {
    const size_t row = size_t(map.ny - 1 - j);  // image row 0 is the top (ymax)
    for (int i = 0; i < map.nx; ++i) {
      const auto c = cellColor(map.steps[size_t(j) * map.nx + i], max_steps, lut);
      std::copy(c.begin(), c.end(), rgb.begin() + (row * map.nx + i) * 3);
    }
  }
  std::string png;
  const auto append = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), size_t(size));
  };
  if (!stbi_write_png_to_func(append, &png, map.nx, map.ny, 3, rgb.data(), map.nx * 3)) png.clear();
  return png;
}

std::string basinCsv(const BasinMap& map) {
  std::string out = "i,j,x,y,steps,status\n";
  const Window& w = map.window;
  char buf[128];
  for (int j = 0; j < map.ny; ++j) {
    const double y = w.ymin + (j + 0.5) * w.height() / map.ny;
    for (int i = 0; i < map.nx; ++i) {
      const double x = w.xmin + (i + 0.5) * w.width() / map.nx;
      const long v = map.steps[size_t(j) * map.nx + i];
      const char* status = v >= 0                       ? "converged"
                           : v == BasinMap::kDiverged   ? "diverged"
                           : v == BasinMap::kNotReached ? "not_reached"
                                                        : "pending";
      // Steps only for converged cells: the others have no step count to tol.
      std::snprintf(buf, sizeof buf, "%d,%d,%.10g,%.10g,%s,%s\n", i, j, x, y,
                    v >= 0 ? std::to_string(v).c_str() : "", status);
      out += buf;
    }
  }
  return out;
}

int runBasin(const BasinFlags& f) {
  // Outputs first, so nothing is computed that cannot be saved.
  for (const auto& [path, flag] : {std::pair{f.png, "--png"}, std::pair{f.csv, "--csv"}}) {
    if (path.empty()) continue;
    if (auto err = checkOutputPath(path)) throw UsageError{std::string(flag) + ": " + *err};
  }
  if (!f.png.empty() && f.png == f.csv) throw UsageError{"--csv: the same file as --png"};
  const std::string colormap(colormapChoices().name(parseChoiceFlag(f.colormap, "--colormap", colormapChoices())));
  const SurfaceRun setup = surfaceRunFromFlags(f.run);
  const auto& surface = setup.surface;
  const OptimizerConfig& config = setup.config;
  const int n = int(boundedCount(f.resolution, "--resolution", 2, kMaxResolution));
  StopCriteria stop = setup.stop;
  stop.max_steps = boundedCount(f.steps, "--steps", 1, kMaxTrajectorySteps);
  if (auto err = validate(stop)) throw UsageError{"--" + *err};
  const double work = double(n) * n * double(stop.max_steps);
  if (work > kMaxBasinWork) {
    throw UsageError{"--steps: " + std::to_string(n) + "x" + std::to_string(n) + " starts x " +
                     std::to_string(stop.max_steps) + " steps is " + fmt("%.3g", work) +
                     " optimizer steps; at most " + fmt("%.3g", kMaxBasinWork) +
                     " (lower --resolution or --steps)"};
  }
  const int threads = f.threads.empty() ? availableCores()
                                         : int(boundedCount(f.threads, "--threads", 1, kMaxThreads));

  const auto t0 = std::chrono::steady_clock::now();
  const BasinJob job(surface, config, stop, surface->info().window, n, n, threads);
  job.wait();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (job.job().state() == JobState::kFailed) throw OutputError{job.job().error()};
  const BasinMap& map = job.map();
  const long steps = job.optimizerSteps();

  if (!f.png.empty()) {
    const std::string png = basinPng(map, stop.max_steps, colormapLut(colormap));
    if (png.empty()) throw OutputError{"--png: " + f.png + ": cannot encode the PNG"};
    if (auto err = writeFileAtomically(f.png, png)) throw OutputError{"--png: " + *err};
  }
  if (!f.csv.empty()) {
    if (auto err = writeFileAtomically(f.csv, basinCsv(map))) throw OutputError{"--csv: " + *err};
  }

  const BasinSummary s = summarize(map);
  const double cells = double(n) * n;
  std::printf("basin %s %dx%d, %s, %ld steps, %s, %d thread%s\n", surface->name().c_str(), n, n,
              describe(config).c_str(), stop.max_steps,
              reasonFor(StopCause::kValueTolerance, stop).c_str(), threads,
              threads == 1 ? "" : "s");
  std::printf(
      "converged %ld (%.1f%%), median %ld steps, slowest %ld; diverged %ld (%.1f%%); "
      "not reached %ld (%.1f%%)\n",
      s.converged, 100 * s.converged / cells, s.median_steps, s.max_steps, s.diverged,
      100 * s.diverged / cells, s.not_reached, 100 * s.not_reached / cells);
  std::printf("wall_s=%.3f steps_per_s=%.4g optimizer_steps=%ld\n", wall,
              double(steps) / std::max(wall, 1e-9), steps);
  return 0;
}

}  // namespace

CommandRunner addBasinCommand(CLI::App& app) {
  auto flags = std::make_shared<BasinFlags>();
  CLI::App* cmd = app.add_subcommand(
      "basin", "Steps to converge from every start of a grid (the explorer's basin map)");
  addSurfaceRunFlags(*cmd, flags->run);
  cmd->add_option("--resolution", flags->resolution,
                  "grid side N: N x N starts at cell centres (default 128, at most 1024)");
  cmd->add_option("--steps", flags->steps, "step budget per start (default 5000)");
  cmd->add_option("--threads", flags->threads, "worker threads (default: the machine's cores)");
  cmd->add_option("--png", flags->png, "write the map as a PNG, one pixel per cell");
  cmd->add_option("--csv", flags->csv, "write i,j,x,y,steps,status per cell");
  cmd->add_option("--colormap", flags->colormap,
                  "viridis|magma|coolwarm for --png (default viridis)");
  return [flags] { return runBasin(*flags); };
}

}  // namespace mulab::cli
