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
  float thickness = 2.0f;
  bool in_tooltip = true;  // faint raw curves behind smoothed ones stay out of the readout
};

// Axis ranges a user has panned or zoomed to; `automatic` fits the data.
struct PlotView {
  bool automatic = true;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // in log10 units on log axes
};

struct PlotOptions {
  const char* x_label = "";
  const char* y_label = "";
  bool log_y = false;
  bool log_x = false;  // points with x <= 0 are left out
};

// Draws the plot filling `size` at the cursor. Without a view the axes fit
// the data; with one, drag pans, the wheel zooms about the cursor (shift: y
// only, ctrl: x only) and a double-click returns to automatic fitting.
void drawLinePlot(const char* id, ImVec2 size, std::span<const PlotSeries> series,
                  const PlotOptions& options, PlotView* view = nullptr);

// Appends the min/max-per-pixel-column decimation of (px, py) pixel points
// (px increasing) to `out`; exposed for tests.
void decimateByColumn(std::span<const ImVec2> points, std::vector<ImVec2>& out);

}  // namespace mulab::gui
