// A small line-plot widget drawn into the ImGui draw list, in ImPlot's spirit
// (ImPlot is not packaged in Debian): data -> pixel transform -> one polyline
// per series, min/max decimation per pixel column so long series cost what
// the pixels cost, nice 1/2/5 x 10^k ticks, optional log y axis, clipping.
#pragma once

#include <imgui.h>

#include <span>
#include <string>
#include <vector>

namespace mulab::gui {

struct PlotSeries {
  std::string label;
  ImU32 color;
  std::span<const double> x, y;
};

struct PlotOptions {
  const char* x_label = "";
  const char* y_label = "";
  bool log_y = false;
};

// Draws the plot filling `size` at the cursor, with axes auto-fitted to the data.
void drawLinePlot(const char* id, ImVec2 size, std::span<const PlotSeries> series,
                  const PlotOptions& options);

// Appends the min/max-per-pixel-column decimation of (px, py) pixel points
// (px increasing) to `out`; exposed for tests.
void decimateByColumn(std::span<const ImVec2> points, std::vector<ImVec2>& out);

}  // namespace mulab::gui
