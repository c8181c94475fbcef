// The training lab's view of a sweep folder (mulab-cli sweep, docs/sweeps.md):
// its groups over seeds as a table, their test-error curves as mean ± std
// bands, and a heatmap of final test error over two axes with the others
// fixed (e.g. lr_out x gamma for SGD + hybrid), as sweep dashboards show them.
// A sweep that is still running is re-read every few seconds; core's
// loadSweep reuses what it read before, so a refresh reads only new runs.
//
// Files: sweep_view.cpp (folder, table, curves), sweep_heatmap.cpp.
#pragma once

#include <imgui.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gui/widgets/plot.hpp"
#include "sweep/load_sweep.hpp"

namespace mulab::gui {

class SweepView {
 public:
  // Reads DIR; on failure the view keeps what it showed and returns the error.
  std::optional<std::string> open(const std::string& dir);
  void close();
  bool isOpen() const { return sweep_.has_value(); }
  const std::string& dir() const { return dir_; }
  // True while the sweep is unfinished: the lab keeps refreshing.
  bool live() const { return sweep_ && !sweep_->done(); }
  // Re-reads a running sweep at most every few seconds; returns an error once.
  std::optional<std::string> refresh();
  void draw(ImVec2 size);

 private:
  void drawHeader();
  void drawGroupTable(ImVec2 size);
  void drawCurves(ImVec2 size);
  void drawHeatmap(ImVec2 size);  // sweep_heatmap.cpp
  void drawHeatmapControls();
  void chooseDefaults();
  void chooseHeatmapDefaults();
  void fixOtherBlockAxes();  // after the user picks axes: fix the block axes not plotted
  void makeShortLabels();

  std::string dir_;
  std::optional<LoadedSweep> sweep_;
  std::chrono::steady_clock::time_point last_read_{};
  std::string refresh_error_;
  std::set<size_t> shown_;  // groups whose curves are drawn
  // "sgd hybrid lr_out=0.2 gamma=0.75": block values, then only the numeric
  // settings that vary within the group's block (legends and the table).
  std::vector<std::string> short_labels_;
  bool log_y_ = true;
  PlotView view_;
  PlotLegend legend_;
  // Heatmap axes and the values the other block axes are fixed to.
  std::string x_key_, y_key_;
  std::vector<std::pair<std::string, std::string>> fixed_;
  int hovered_group_ = -1;
};

}  // namespace mulab::gui
