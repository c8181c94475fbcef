// What the explorer model's tests share (explorer_state_test.cpp,
// explorer_surface_test.cpp): a small scene and checks of starts and windows.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "gui/explorer/explorer_state.hpp"

namespace mulab::gui::explorer_test {

// Three runs (Adam: additive, multiplicative, hybrid) on Rosenbrock from three
// starts, with a small step budget so previews are cheap.
inline Scene threeRuns() {
  Scene s;
  s.surface = "rosenbrock";
  s.stop.max_steps = 200;
  const Vec2 starts[] = {Vec2(-1.5, 2.5), Vec2(-1.0, 0.5), Vec2(1.5, 2.0)};
  for (int i = 0; i < 3; ++i) {
    SceneRun r;
    r.optimizer.rule = static_cast<UpdateRule>(i);
    r.optimizer.lr_out = 0.1;
    r.start = starts[i];
    r.color = paletteColor(i);
    s.runs.push_back(r);
  }
  return s;
}

inline ExplorerState freshState() {
  ExplorerState state;
  EXPECT_TRUE(state.applyScene(threeRuns()));
  return state;
}

inline void expectStart(const ExplorerState& state, int run, double x, double y) {
  SCOPED_TRACE("run " + std::to_string(run));
  ASSERT_LT(run, int(state.runs().size()));
  const ExplorerRun& r = state.runs()[run];
  EXPECT_DOUBLE_EQ(r.spec.start.x(), x);
  EXPECT_DOUBLE_EQ(r.spec.start.y(), y);
  // The preview was recomputed from there, on the surface shown.
  ASSERT_FALSE(r.preview->path().empty());
  EXPECT_DOUBLE_EQ(r.preview->path().front().x, x);
  EXPECT_DOUBLE_EQ(r.preview->path().front().y, y);
  EXPECT_EQ(&r.preview->surface(), state.surface().get());
}

inline void expectWindow(const Window& w, double x0, double x1, double y0, double y1) {
  EXPECT_DOUBLE_EQ(w.xmin, x0);
  EXPECT_DOUBLE_EQ(w.xmax, x1);
  EXPECT_DOUBLE_EQ(w.ymin, y0);
  EXPECT_DOUBLE_EQ(w.ymax, y1);
}

inline int undoAll(ExplorerState& state) {
  int n = 0;
  while (state.undo()) ++n;
  return n;
}

}  // namespace mulab::gui::explorer_test
