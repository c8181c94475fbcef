// The surface explorer's model (app/gui/explorer/explorer_state.hpp): a
// change of the surface (catalogue choice, parameters, formula, found
// minima), the stop criteria and the title are undo steps that bring back
// the surface with its view and the runs' starts; a network landscape's
// surfaces are not edits, and leaving a landscape starts a new history.
#include <gtest/gtest.h>

#include <cmath>

#include "explorer_test_scene.hpp"
#include "gui/explorer/explorer_state.hpp"
#include "surfaces/surface.hpp"

namespace mulab::gui {
namespace {

using explorer_test::expectStart;
using explorer_test::expectWindow;
using explorer_test::freshState;
using explorer_test::undoAll;

// [SECTION] The surface

TEST(ExplorerHistory, SurfaceChangesUndoBackToEachSurfaceWithItsViewAndStarts) {
  ExplorerState state = freshState();
  state.setTitle("Rosenbrock's valley");
  state.setView(Window{-1, 1.5, 0, 2});  // panned and zoomed: not an edit
  const int steps_before = 1;            // the title
  // Rosenbrock -> Himmelblau: the view fits, every run starts from its standard start.
  ASSERT_TRUE(state.setSurface("himmelblau"));
  EXPECT_EQ(state.surface()->info().name, "himmelblau");
  EXPECT_EQ(state.scene().title, "");  // it described Rosenbrock
  EXPECT_TRUE(state.stopCarriedOver());
  expectWindow(state.view(), -5, 5, -5, 5);
  for (int i = 0; i < 3; ++i) expectStart(state, i, 0.5, 4.5);
  // -> a formula: starts inside its window stay, the others take its standard start.
  state.select(0, false);
  state.moveSelectedStarts(Vec2(1, 1));
  ASSERT_FALSE(state.setFormulaSurface("x^2 + 3*y^2", Window{-3, 3, -2, 2}).has_value());
  EXPECT_EQ(state.scene().surface, "custom");
  EXPECT_EQ(state.scene().formula, "x^2 + 3*y^2");
  expectWindow(state.view(), -3, 3, -2, 2);
  expectStart(state, 0, 1, 1);
  const Vec2 standard = state.surface()->info().standard_start;
  expectStart(state, 1, standard.x(), standard.y());
  EXPECT_DOUBLE_EQ(state.surface()->evaluate(Vec2(1, 1), nullptr), 4.0);

  ASSERT_TRUE(state.undo());  // the formula
  EXPECT_EQ(state.scene().surface, "himmelblau");
  EXPECT_EQ(state.surface()->info().name, "himmelblau");
  expectWindow(state.view(), -5, 5, -5, 5);
  expectStart(state, 0, 1, 1);
  expectStart(state, 1, 0.5, 4.5);
  ASSERT_TRUE(state.undo());  // the start move
  expectStart(state, 0, 0.5, 4.5);
  ASSERT_TRUE(state.undo());  // Himmelblau
  EXPECT_EQ(state.scene().surface, "rosenbrock");
  EXPECT_EQ(state.surface()->info().name, "rosenbrock");
  EXPECT_EQ(state.scene().title, "Rosenbrock's valley");
  EXPECT_FALSE(state.stopCarriedOver());
  expectWindow(state.view(), -1, 1.5, 0, 2);
  expectStart(state, 0, -1.5, 2.5);
  expectStart(state, 1, -1.0, 0.5);
  expectStart(state, 2, 1.5, 2.0);
  EXPECT_EQ(undoAll(state), steps_before);

  // Redo replays them all, the formula's window and starts included.
  while (state.redo()) {
  }
  EXPECT_EQ(state.scene().surface, "custom");
  EXPECT_EQ(state.scene().formula, "x^2 + 3*y^2");
  expectWindow(state.scene().formula_window, -3, 3, -2, 2);
  expectWindow(state.view(), -3, 3, -2, 2);
  expectStart(state, 0, 1, 1);
  expectStart(state, 1, standard.x(), standard.y());
  EXPECT_DOUBLE_EQ(state.surface()->evaluate(Vec2(1, 1), nullptr), 4.0);
}

TEST(ExplorerHistory, ASurfaceParameterDragIsOneStep) {
  ExplorerState state = freshState();
  ASSERT_TRUE(state.setSurface("quadratic"));
  state.setView(Window{-1, 1, -1, 1});
  state.pushUndo();  // the condition slider's drag starts
  for (double c : {2.0, 5.0, 10.0})
    ASSERT_TRUE(state.setSurfaceParams({c, 30}, /*undoable=*/false));
  EXPECT_DOUBLE_EQ(state.scene().surface_params.condition, 10.0);
  expectWindow(state.view(), -1, 1, -1, 1);  // a parameter keeps the view and the starts
  expectStart(state, 0, -1.5, 1.5);
  // Condition 10 at 30 degrees: no longer x^2 + y^2.
  EXPECT_GT(std::abs(state.surface()->evaluate(Vec2(1, 0), nullptr) - 1.0), 0.1);

  ASSERT_TRUE(state.undo());
  EXPECT_DOUBLE_EQ(state.scene().surface_params.condition, 1.0);
  EXPECT_DOUBLE_EQ(state.scene().surface_params.rotation_deg, 0.0);
  EXPECT_DOUBLE_EQ(state.surface()->evaluate(Vec2(1, 0), nullptr), 1.0);
  expectStart(state, 0, -1.5, 1.5);
  ASSERT_TRUE(state.undo());  // the choice of the quadratic bowl
  EXPECT_EQ(state.scene().surface, "rosenbrock");
  EXPECT_FALSE(state.canUndo());
  ASSERT_TRUE(state.redo());
  ASSERT_TRUE(state.redo());
  EXPECT_DOUBLE_EQ(state.scene().surface_params.condition, 10.0);
  EXPECT_DOUBLE_EQ(state.scene().surface_params.rotation_deg, 30.0);
}

TEST(ExplorerHistory, FoundMinimaUndo) {
  ExplorerState state = freshState();
  ASSERT_FALSE(
      state.setFormulaSurface("(x - 1)^2 + (y + 0.5)^2 + 2", Window{-3, 3, -3, 3}).has_value());
  EXPECT_FALSE(state.fStar().has_value());
  ASSERT_FALSE(state.findFormulaMinima().has_value());
  ASSERT_TRUE(state.fStar().has_value());
  EXPECT_NEAR(*state.fStar(), 2.0, 1e-9);
  EXPECT_TRUE(state.scene().formula_minima);
  const Vec2 at = state.surface()->info().minima.front().point;
  EXPECT_NEAR(at.x(), 1.0, 1e-6);
  EXPECT_NEAR(at.y(), -0.5, 1e-6);
  // f* is in the previews' plots: f - f* at the start.
  const ExplorerRun& r = state.runs()[0];
  EXPECT_DOUBLE_EQ(r.plot_y.front(), r.preview->path().front().f - *state.fStar());

  ASSERT_TRUE(state.undo());
  EXPECT_FALSE(state.fStar().has_value());
  EXPECT_FALSE(state.scene().formula_minima);
  EXPECT_EQ(state.scene().formula, "(x - 1)^2 + (y + 0.5)^2 + 2");
  EXPECT_DOUBLE_EQ(state.runs()[0].plot_y.front(), state.runs()[0].preview->path().front().f);
  ASSERT_TRUE(state.redo());
  ASSERT_TRUE(state.fStar().has_value());
  EXPECT_NEAR(*state.fStar(), 2.0, 1e-9);
  EXPECT_TRUE(state.scene().formula_minima);
}

TEST(ExplorerHistory, AnInvalidSurfaceChangesNothing) {
  ExplorerState state = freshState();
  const uint64_t v = state.version();
  EXPECT_FALSE(state.setSurface("no-such-surface"));
  EXPECT_NE(state.takeError(), "");
  EXPECT_EQ(state.takeError(), "");  // taken once
  EXPECT_TRUE(state.setFormulaSurface("x +* y", Window{-1, 1, -1, 1}).has_value());
  EXPECT_EQ(state.scene().surface, "rosenbrock");
  EXPECT_FALSE(state.canUndo());
  EXPECT_EQ(state.version(), v);
}

TEST(ExplorerHistory, StopCriteriaAndTitleEditsUndo) {
  ExplorerState state = freshState();
  ASSERT_TRUE(state.setSurface("booth"));  // carries the stop criteria over
  StopCriteria stop = state.scene().stop;
  stop.max_steps = 50;
  state.setStop(stop);
  EXPECT_FALSE(state.stopCarriedOver());
  state.advancePreviews(-1);
  EXPECT_LE(state.runs()[0].preview->steps(), 50);
  // A typed title: the first keystroke records, the rest join it.
  state.setTitle("B");
  state.setTitle("Bo", false);
  state.setTitle("Booth", false);
  state.setDescription("A bowl");

  ASSERT_TRUE(state.undo());
  EXPECT_EQ(state.scene().description, "");
  EXPECT_EQ(state.scene().title, "Booth");
  ASSERT_TRUE(state.undo());
  EXPECT_EQ(state.scene().title, "");
  ASSERT_TRUE(state.undo());
  EXPECT_EQ(state.scene().stop.max_steps, 200);
  EXPECT_TRUE(state.stopCarriedOver());
  state.advancePreviews(-1);
  EXPECT_EQ(state.runs()[0].preview->steps(),
            200);  // Adam at 0.01 does not reach Booth's f* in 200
}

// [SECTION] A network landscape's surfaces

TEST(ExplorerLandscape, ItsSurfacesAreNotEditsAndLeavingItStartsANewHistory) {
  ExplorerState state = freshState();
  state.setBasinMap(true);
  state.moveSelectedStarts(Vec2(0, 0));
  ASSERT_TRUE(state.canUndo());

  state.beginLandscape();
  EXPECT_TRUE(state.runs().empty());
  EXPECT_EQ(state.focusedRun(), nullptr);
  EXPECT_FALSE(state.scene().basin_map);
  EXPECT_EQ(state.scene().equal_scale, std::optional<bool>(false));
  EXPECT_FALSE(state.canUndo());  // the runs set aside do not come back by undo

  auto first = makeSurface("booth").value();
  state.showLandscapeSurface(first, /*fit=*/true);
  EXPECT_EQ(state.surface(), first);
  expectWindow(state.view(), -10, 10, -10, 10);
  EXPECT_FALSE(state.canUndo());

  // A run added over the landscape undoes without touching its surface,
  // though a finer level came in between.
  state.addRunLikeFocused(Vec2(1, 2));
  state.setView(Window{-4, 4, -4, 4});
  auto finer = makeSurface("matyas").value();
  state.showLandscapeSurface(finer, /*fit=*/false);
  expectWindow(state.view(), -4, 4, -4, 4);
  expectStart(state, 0, 1, 2);  // recomputed on the finer level
  ASSERT_TRUE(state.undo());
  EXPECT_TRUE(state.runs().empty());
  EXPECT_EQ(state.surface(), finer);
  expectWindow(state.view(), -4, 4, -4, 4);
  ASSERT_TRUE(state.redo());

  // Choosing a surface ends it; undo cannot go back to a landscape whose jobs are gone.
  ASSERT_TRUE(state.setSurface("himmelblau"));
  EXPECT_NE(state.surface(), finer);
  EXPECT_FALSE(state.canUndo());
  EXPECT_FALSE(state.canRedo());
  state.moveSelectedStarts(Vec2(1, 1));
  ASSERT_TRUE(state.undo());
  expectStart(state, 0, 0.5, 4.5);
  EXPECT_FALSE(state.canUndo());
}

}  // namespace
}  // namespace mulab::gui
