// The surface explorer's model (app/gui/explorer/explorer_state.hpp): every
// edit of the runs is one undo step that undo and redo replay exactly
// (starts, settings, additions, removals, variants, with the selection), the
// history is capped and a new edit clears redo, display preferences stay out
// of the history, and version() moves exactly when a path can have changed.
// The surface's edits: explorer_surface_test.cpp.
#include "gui/explorer/explorer_state.hpp"

#include <gtest/gtest.h>

#include "explorer_test_scene.hpp"
#include "surfaces/surface.hpp"

namespace mulab::gui {
namespace {

using explorer_test::expectStart;
using explorer_test::expectWindow;
using explorer_test::freshState;
using explorer_test::threeRuns;
using explorer_test::undoAll;

// [SECTION] Start moves

TEST(ExplorerHistory, MovingTheFocusedRunsStartUndoesAndRedoes) {
  ExplorerState state = freshState();
  EXPECT_FALSE(state.canUndo());
  state.select(1, false);
  state.moveSelectedStarts(Vec2(0.5, 0.25));
  expectStart(state, 0, -1.5, 2.5);
  expectStart(state, 1, 0.5, 0.25);
  expectStart(state, 2, 1.5, 2.0);

  ASSERT_TRUE(state.undo());
  expectStart(state, 1, -1.0, 0.5);
  expectStart(state, 0, -1.5, 2.5);
  EXPECT_FALSE(state.canUndo());
  EXPECT_TRUE(state.canRedo());

  ASSERT_TRUE(state.redo());
  expectStart(state, 1, 0.5, 0.25);
  EXPECT_FALSE(state.canRedo());
  EXPECT_EQ(state.focus(), 1);
}

TEST(ExplorerHistory, MovingSeveralSelectedStartsIsOneStepAndRestoresTheSelection) {
  ExplorerState state = freshState();
  state.select(0, false);
  state.select(2, true);  // ctrl-click: 0 and 2 selected, 2 focused
  state.moveSelectedStarts(Vec2(0.0, 1.0));
  expectStart(state, 0, 0.0, 1.0);
  expectStart(state, 1, -1.0, 0.5);
  expectStart(state, 2, 0.0, 1.0);

  state.select(1, false);  // not an edit: no history entry
  ASSERT_TRUE(state.undo());
  expectStart(state, 0, -1.5, 2.5);
  expectStart(state, 2, 1.5, 2.0);
  // The selection and focus as they were when the starts moved.
  EXPECT_TRUE(state.runs()[0].selected);
  EXPECT_FALSE(state.runs()[1].selected);
  EXPECT_TRUE(state.runs()[2].selected);
  EXPECT_EQ(state.focus(), 2);
  EXPECT_FALSE(state.canUndo());

  ASSERT_TRUE(state.redo());
  expectStart(state, 0, 0.0, 1.0);
  expectStart(state, 2, 0.0, 1.0);
}

TEST(ExplorerHistory, UndoKeepsThePreviewsAndHiddenStateOfRunsItDidNotChange) {
  ExplorerState state = freshState();
  state.advancePreviews(-1);
  const Trajectory* kept = state.runs()[0].preview.get();
  const int id = state.runs()[0].id;
  const long steps = kept->steps();
  state.select(1, false);
  state.moveSelectedStarts(Vec2(0.5, 0.5));
  state.setRunHidden(0, true);  // a display preference
  ASSERT_TRUE(state.undo());
  EXPECT_EQ(state.runs()[0].preview.get(), kept);
  EXPECT_EQ(state.runs()[0].preview->steps(), steps);
  EXPECT_EQ(state.runs()[0].id, id);
  EXPECT_TRUE(state.runs()[0].hidden);
}

// [SECTION] Run edits, additions, removals, variants

TEST(ExplorerHistory, ARunEditUndoesAndRedoes) {
  ExplorerState state = freshState();
  SceneRun spec = state.runs()[0].spec;
  spec.optimizer.base = BaseOptimizer::kMomentum;
  spec.optimizer.lr = 0.05;
  state.setRunSpec(0, spec);
  EXPECT_EQ(state.runs()[0].spec.optimizer.base, BaseOptimizer::kMomentum);
  EXPECT_EQ(state.runs()[0].preview->config().base, BaseOptimizer::kMomentum);

  ASSERT_TRUE(state.undo());
  EXPECT_EQ(state.runs()[0].spec.optimizer.base, BaseOptimizer::kAdam);
  EXPECT_DOUBLE_EQ(state.runs()[0].spec.optimizer.lr, 0.01);
  EXPECT_EQ(state.runs()[0].preview->config().base, BaseOptimizer::kAdam);
  ASSERT_TRUE(state.redo());
  EXPECT_DOUBLE_EQ(state.runs()[0].spec.optimizer.lr, 0.05);
}

TEST(ExplorerHistory, ASliderDragIsOneUndoStep) {
  ExplorerState state = freshState();
  const double before = state.runs()[2].spec.optimizer.gamma;
  state.pushUndo();  // the drag starts
  for (double g : {0.6, 0.7, 0.8, 0.9}) {
    SceneRun spec = state.runs()[2].spec;
    spec.optimizer.gamma = g;
    state.setRunSpec(2, spec, /*undoable=*/false);
  }
  EXPECT_DOUBLE_EQ(state.runs()[2].preview->config().gamma, 0.9);
  EXPECT_EQ(undoAll(state), 1);
  EXPECT_DOUBLE_EQ(state.runs()[2].spec.optimizer.gamma, before);
  ASSERT_TRUE(state.redo());
  EXPECT_DOUBLE_EQ(state.runs()[2].spec.optimizer.gamma, 0.9);
}

TEST(ExplorerHistory, AddingAndRemovingRunsUndo) {
  ExplorerState state = freshState();
  state.select(1, false);
  state.addRunLikeFocused(Vec2(0.25, 0.75));  // a shift-click
  ASSERT_EQ(state.runs().size(), 4u);
  EXPECT_EQ(state.focus(), 3);
  expectStart(state, 3, 0.25, 0.75);
  EXPECT_EQ(state.runs()[3].spec.optimizer.rule, UpdateRule::kMultiplicative);  // run 1's settings
  EXPECT_EQ(state.runs()[3].spec.color, paletteColor(3));

  state.removeRun(0);
  ASSERT_EQ(state.runs().size(), 3u);
  expectStart(state, 0, -1.0, 0.5);

  ASSERT_TRUE(state.undo());  // the removal
  ASSERT_EQ(state.runs().size(), 4u);
  expectStart(state, 0, -1.5, 2.5);
  EXPECT_EQ(state.runs()[0].spec.optimizer.rule, UpdateRule::kAdditive);
  ASSERT_TRUE(state.undo());  // the addition
  ASSERT_EQ(state.runs().size(), 3u);
  EXPECT_EQ(state.focus(), 1);

  ASSERT_TRUE(state.redo());
  ASSERT_TRUE(state.redo());
  ASSERT_EQ(state.runs().size(), 3u);
  expectStart(state, 2, 0.25, 0.75);
}

TEST(ExplorerHistory, ReplacingWithVariantsUndoes) {
  ExplorerState state = freshState();
  state.select(2, false);  // hybrid
  state.replaceWithVariants(
      6, [](SceneRun& s, int i) { s.optimizer.base = static_cast<BaseOptimizer>(i); });
  ASSERT_EQ(state.runs().size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(state.runs()[i].spec.optimizer.base, static_cast<BaseOptimizer>(i));
    EXPECT_EQ(state.runs()[i].spec.optimizer.rule, UpdateRule::kHybrid);
    expectStart(state, i, 1.5, 2.0);
  }
  ASSERT_TRUE(state.undo());
  ASSERT_EQ(state.runs().size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(state.runs()[i].spec.optimizer.rule, static_cast<UpdateRule>(i));
    EXPECT_EQ(state.runs()[i].spec.color, paletteColor(i));
  }
  EXPECT_EQ(state.focus(), 2);
  ASSERT_TRUE(state.redo());
  EXPECT_EQ(state.runs().size(), 6u);
}

// [SECTION] The history itself

TEST(ExplorerHistory, ANewEditClearsRedo) {
  ExplorerState state = freshState();
  state.moveSelectedStarts(Vec2(0, 0));
  ASSERT_TRUE(state.undo());
  EXPECT_TRUE(state.canRedo());
  SceneRun spec = state.runs()[1].spec;
  spec.optimizer.lr = 0.002;
  state.setRunSpec(1, spec);
  EXPECT_FALSE(state.canRedo());
  EXPECT_FALSE(state.redo());
  expectStart(state, 0, -1.5, 2.5);
}

TEST(ExplorerHistory, KeepsTheLatestStepsUpToItsCap) {
  ExplorerState state = freshState();
  state.select(0, false);
  const int moves = int(ExplorerState::kMaxUndo) + 5;
  for (int i = 1; i <= moves; ++i) state.moveSelectedStarts(Vec2(0.001 * i, 0));
  EXPECT_EQ(undoAll(state), int(ExplorerState::kMaxUndo));
  // The five oldest steps went: the oldest left is the sixth move's.
  expectStart(state, 0, 0.001 * 5, 0);
  int redone = 0;
  while (state.redo()) ++redone;
  EXPECT_EQ(redone, int(ExplorerState::kMaxUndo));
  expectStart(state, 0, 0.001 * moves, 0);
}

// [SECTION] version() and display preferences

TEST(ExplorerVersion, BumpsOnEveryChangeOfAPathOrTheSurface) {
  ExplorerState state = freshState();
  auto bumps = [&](const char* what, auto change) {
    const uint64_t before = state.version();
    change();
    EXPECT_GT(state.version(), before) << what;
  };
  bumps("start move", [&] { state.moveSelectedStarts(Vec2(0.1, 0.2)); });
  bumps("run edit", [&] {
    SceneRun s = state.runs()[0].spec;
    s.optimizer.lr = 0.003;
    state.setRunSpec(0, s);
  });
  bumps("drag step", [&] {
    SceneRun s = state.runs()[0].spec;
    s.optimizer.lr = 0.004;
    state.setRunSpec(0, s, false);
  });
  bumps("addition", [&] { state.addRunLikeFocused(); });
  bumps("removal", [&] { state.removeRun(3); });
  bumps("variants", [&] {
    state.replaceWithVariants(
        3, [](SceneRun& s, int i) { s.optimizer.rule = static_cast<UpdateRule>(i); });
  });
  bumps("stop criteria", [&] {
    StopCriteria s = state.scene().stop;
    s.max_steps = 120;
    state.setStop(s);
  });
  bumps("catalogue surface", [&] { state.setSurface("quadratic"); });
  bumps("surface parameters", [&] { state.setSurfaceParams({4, 10}); });
  bumps("formula surface", [&] { state.setFormulaSurface("x^2 + y^2 + 1", Window{-2, 2, -2, 2}); });
  bumps("found minima", [&] { state.findFormulaMinima(); });
  bumps("undo", [&] { state.undo(); });
  bumps("redo", [&] { state.redo(); });
  bumps("landscape begins", [&] { state.beginLandscape(); });
  bumps("landscape level", [&] { state.showLandscapeSurface(makeSurface("booth").value(), true); });
  bumps("scene", [&] { state.applyScene(threeRuns()); });
}

TEST(ExplorerVersion, DisplayPreferencesNeitherBumpItNorEnterTheHistory) {
  ExplorerState state = freshState();
  const uint64_t v = state.version();
  state.setThreeD(true);
  state.setEqualScale(true);
  state.setColormap("magma");
  state.setLogScale(false);
  state.setContours(3);
  VectorToggles vectors;
  vectors.momentum = true;
  state.setVectors(vectors);
  state.setPlaying(false);
  state.setStepsPerSecond(500);
  state.setBasinMap(true);
  state.setBasinResolution(32);
  SensitivitySettings sensitivity;
  sensitivity.shown = true;
  sensitivity.starts = 8;
  state.setSensitivity(sensitivity);
  state.fitView();
  state.setCamera(OrbitCamera{0.1f, 0.2f, 3.0f});
  state.setView(Window{-1, 1, -1, 1});
  state.setCursor(42);
  state.setRunHidden(1, true);
  state.select(2, false);
  state.advancePreviews(-1);
  EXPECT_EQ(state.version(), v);
  EXPECT_FALSE(state.canUndo());
  // Neither do edits that leave every path as it was.
  SceneRun recoloured = state.runs()[0].spec;
  recoloured.color = Color{0.1f, 0.2f, 0.3f};
  state.setRunSpec(0, recoloured);
  state.setTitle("A title");
  EXPECT_EQ(state.version(), v);

  // Undoing an edit leaves every display preference where it was.
  state.moveSelectedStarts(Vec2(0, 0));
  ASSERT_TRUE(state.undo());
  ASSERT_TRUE(state.undo());
  ASSERT_TRUE(state.undo());
  EXPECT_FALSE(state.canUndo());
  const Scene& s = state.scene();
  EXPECT_TRUE(s.three_d);
  EXPECT_EQ(s.equal_scale, std::optional<bool>(true));
  EXPECT_EQ(s.colormap, "magma");
  EXPECT_FALSE(s.log_scale);
  EXPECT_EQ(s.contours, 3);
  EXPECT_TRUE(s.vectors.momentum);
  EXPECT_FALSE(s.playing);
  EXPECT_DOUBLE_EQ(s.steps_per_second, 500);
  EXPECT_TRUE(s.basin_map);
  EXPECT_EQ(s.basin_resolution, 32);
  EXPECT_EQ(s.sensitivity, sensitivity);
  EXPECT_FLOAT_EQ(state.camera().distance, 3.0f);
  expectWindow(state.view(), -1, 1, -1, 1);
  EXPECT_DOUBLE_EQ(state.cursor(), 42);
  EXPECT_TRUE(state.runs()[1].hidden);
  EXPECT_EQ(state.scene().title, "");
}

TEST(ExplorerScene, ToSceneWritesWhatTheModelHolds) {
  ExplorerState state = freshState();
  state.setView(Window{-1, 1, 0, 2});
  state.setCamera(OrbitCamera{0.5f, 0.4f, 2.0f});
  state.select(2, false);
  state.setCursor(17);
  const Scene s = state.toScene();
  ASSERT_EQ(s.runs.size(), 3u);
  EXPECT_DOUBLE_EQ(s.runs[2].start.x(), 1.5);
  ASSERT_TRUE(s.view.has_value());
  expectWindow(*s.view, -1, 1, 0, 2);
  EXPECT_FLOAT_EQ(s.yaw, 0.5f);
  EXPECT_EQ(s.basin_run, 2);
  EXPECT_EQ(s.advance_steps, 17);
  // And back: a new model from it holds the same.
  ExplorerState again = freshState();
  ASSERT_TRUE(again.applyScene(s));
  expectWindow(again.view(), -1, 1, 0, 2);
  EXPECT_DOUBLE_EQ(again.cursor(), 17);
  EXPECT_FALSE(again.canUndo());
}

}  // namespace
}  // namespace mulab::gui
