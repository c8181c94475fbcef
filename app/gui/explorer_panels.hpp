// The explorer's panels, each drawing from and editing the one ExplorerState:
// controls_panel.cpp (scene, surface, view, playback, basin map),
// run_panel.cpp (run list and the focused run's editor), timeline_panel.cpp
// (scrubber and f − f* plot).
#pragma once

#include <imgui.h>

#include "gui/explorer_state.hpp"
#include "gui/plot.hpp"
#include "gui/surface_view.hpp"

namespace mulab::gui {

void drawSceneControls(ExplorerState& state);
void drawSurfaceControls(ExplorerState& state);
void drawViewControls(ExplorerState& state);
void drawPlaybackControls(ExplorerState& state);
void drawBasinControls(ExplorerState& state, SurfaceView& view);

void drawRunList(ExplorerState& state);
void drawRunEditor(ExplorerState& state);

// The f − f* plot of every run with the timeline's cursor, and the scrubber.
struct TimelinePanel {
  PlotView plot_view;
  PlotLegend legend;
  void draw(ExplorerState& state, ImVec2 size, bool interactive = true);
};

}  // namespace mulab::gui
