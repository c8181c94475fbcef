// A small line-plot widget drawn into the ImGui draw list, in ImPlot's spirit
// (ImPlot is not packaged in Debian): data -> pixel transform -> one polyline
// per series, min/max decimation per pixel column so long series cost what
// the pixels cost, nice 1/2/5 x 10^k ticks, log axes with a bounded span,
// clipping, a legend that hides a run on click and highlights it on hover,
// and a hover readout that snaps to real samples.
#pragma once

#include <imgui.h>

#include <cmath>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace mulab::gui {

struct PlotSeries {
  std::string label;  // hover and legend text; "" keeps the series out of both
  ImU32 color;
  std::span<const double> x, y;  // x increasing
  float thickness = 2.0f;
  bool in_tooltip = true;  // faint raw curves behind smoothed ones stay out of the readout
  int group = -1;          // series of one run share a group: the legend hides and highlights them together
  bool in_legend = true;   // one entry per group is enough
  std::span<const double> band_lo = {}, band_hi = {};  // optional band around the curve (mean ± std)
  bool markers = false;    // a dot on every sample (ER's per-solve evaluations)
};

// Axis ranges a user has panned or zoomed to; `automatic` fits the data.
struct PlotView {
  bool automatic = true;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // in log10 units on log axes
};

// Which groups the legend has hidden, and which one the cursor highlights.
struct PlotLegend {
  std::set<int> hidden;
  int hovered = -1;
};

struct PlotOptions {
  const char* title = "";  // above the plot area, never over the curves
  const char* x_label = "";
  const char* y_label = "";
  bool log_y = false;
  bool log_x = false;      // points with x <= 0 are left out
  double marker_x = NAN;   // a vertical line (the timeline's cursor)
  bool legend = false;     // a legend to the right of the plot area
  double max_decades = 14; // a log y axis spans at most this many decades below its top
};

// Draws the plot filling `size` at the cursor. Without a view the axes fit
// the data; with one, drag pans, the wheel zooms about the cursor (shift: x
// only, ctrl: y only) and a double-click returns to automatic fitting.
void drawLinePlot(const char* id, ImVec2 size, std::span<const PlotSeries> series,
                  const PlotOptions& options, PlotView* view = nullptr, PlotLegend* legend = nullptr);

// Data to pixels inside a plot's area [a, b]: x0..x1 and y0..y1 in log10
// units on log axes; y is clamped to the area's bottom (and far above its top).
struct PlotMapping {
  ImVec2 a, b;
  double x0, x1, y0, y1;
  bool log_x = false, log_y = false;
  float px(double x) const;
  float py(double y) const;
};

// Whether sample i can be drawn: finite, and positive on a log axis.
inline bool drawable(const PlotSeries& s, size_t i, bool log_x, bool log_y) {
  const double x = s.x[i], y = s.y[i];
  return std::isfinite(x) && std::isfinite(y) && !(log_y && y <= 0) && !(log_x && x <= 0);
}

// A pixel column where a series spans more than a pixel: its four points
// start at out[first]; x is the column's centre, top/bottom its extremes.
struct DenseColumn {
  size_t first;
  float x, top, bottom;
};

// plot_decimation.cpp. Appends to `out` exactly what decimateByColumn gives
// for every usable sample of `s` mapped to pixels, transforming only the few
// samples per pixel column it keeps (the axis maps are monotonic): no
// logarithm per sample. `dense`, if given, lists the columns that span more
// than a pixel.
void decimateSeries(const PlotSeries& s, const PlotMapping& m, std::vector<ImVec2>& out,
                    std::vector<DenseColumn>* dense = nullptr);

// Draws decimated points as a line, except runs of three or more adjacent
// dense columns, which become one filled band over the columns' extents
// (what the line zig-zagging through them covers, at a quarter of the
// triangles).
void addDecimatedSeries(ImDrawList* dl, std::span<const ImVec2> pts, std::span<const DenseColumn> dense, ImU32 color,
                        float thickness);

// Appends the min/max-per-pixel-column decimation of (px, py) pixel points
// (px increasing) to `out`; exposed for tests.
void decimateByColumn(std::span<const ImVec2> points, std::vector<ImVec2>& out);

// Exponential smoothing with weight `w` on the previous value, debiased at the
// start as TensorBoard does (the average starts at 0 and is divided by
// 1 - w^n), so the first points are not dragged towards the first value.
// Non-finite values are skipped (the output repeats the last smoothed value).
std::vector<double> smoothDebiased(const std::vector<double>& y, double w);

// The index of the last sample with x <= at, or -1 (the hover readout: never
// a later sample, nothing before the first or after a series has ended).
long sampleAtOrBefore(std::span<const double> x, double at);

}  // namespace mulab::gui
