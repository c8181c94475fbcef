// `mulab-cli surfaces`: the catalogue with windows, minima and formulas.
#include <cstdio>

#include "cli/commands.hpp"
#include "surfaces/surface.hpp"

namespace mulab::cli {

CommandRunner addSurfacesCommand(CLI::App& app) {
  app.add_subcommand("surfaces", "List the 2D loss surfaces with window, minima and formula");
  return [] {
    for (const auto& name : surfaceNames()) {
      const auto surface = makeSurface(name).value();
      const SurfaceInfo& info = surface->info();
      std::printf("%s  (%s, %s)\n", info.name.c_str(), info.display_name.c_str(),
                  std::string(toString(info.family)).c_str());
      std::printf("  f(x, y) = %s\n", info.formula.c_str());
      std::printf("  window  x in [%g, %g], y in [%g, %g]\n", info.window.xmin, info.window.xmax,
                  info.window.ymin, info.window.ymax);
      std::printf("  start   (%g, %g)\n", info.standard_start.x(), info.standard_start.y());
      if (info.minima.empty()) std::printf("  minima  none (unbounded below)\n");
      for (const Minimum& m : info.minima) {
        std::printf("  minimum %-6s f = %.10g at (%.10g, %.10g)\n", m.global ? "global" : "local",
                    m.value, m.point.x(), m.point.y());
      }
    }
    return 0;
  };
}

}  // namespace mulab::cli
