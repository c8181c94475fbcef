// The training lab: configure MNIST / Fashion-MNIST runs, run several at once
// on background threads through core's RunManager, and compare them the way
// dashboards do (TensorBoard, W&B): a sortable run table, curves with a
// legend that hides and highlights, debiased smoothing, and for the selected
// runs (one, or two side by side) their first-layer weights, confusion matrix
// and misclassified digits. The UI only copies new metric points and
// inspection snapshots under short locks; it never waits on a training step.
//
// Files: training_lab.cpp (runs, scenes, layout), new_run_form.cpp,
// lab_run_table.cpp, lab_plots.cpp, lab_inspection.cpp.
#pragma once

#include <imgui.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/shell/export_request.hpp"
#include "gui/widgets/gl.hpp"
#include "gui/landscape/landscape_view.hpp"
#include "gui/lab/new_run_form.hpp"
#include "gui/widgets/plot.hpp"
#include "gui/shell/room.hpp"
#include "gui/sweep/sweep_view.hpp"
#include "scene/scene.hpp"
#include "train/run.hpp"

namespace mulab::gui {

class TrainingLab final : public Room {
 public:
  // `open_landscape` shows the selected runs' checkpoints as a landscape
  // (the explorer's, through the shell), each run in its colour.
  TrainingLab(ShellServices& shell,
              std::function<void(LandscapeRequest, std::vector<Color>)> open_landscape);
  ~TrainingLab() override;

  // Shows a sweep folder (sweep_view.hpp) beside the runs; errors go to the banner.
  void openSweep(const std::string& dir);
  // Training throughput of each live run so far (for bench/lab_throughput.sh).
  std::vector<double> samplesPerSecond() const;
  // Every run's series as one tidy CSV: run id, label, every setting, then
  // epoch, step, samples, updates, wall time and each metric per row.
  std::string runsCsv(bool visible_only) const;

  // [SECTION] Room
  const char* title() const override { return "Training lab"; }
  const char* sceneName() const override { return "lab"; }
  void draw() override;
  // Live runs, or a sweep folder still being written: the app keeps refreshing.
  bool busy(bool shown) const override;
  bool training() const override { return busy(false); }
  // Headless screenshots: live runs train to the end before anything is drawn.
  void setDeterministic(bool on) override { deterministic_ = on; }
  // Adds the scene's lab runs (live ones start, replays load) to the lab's
  // own: runs, live or finished, are never discarded by loading a scene.
  bool applyScene(const Scene& scene) override;
  void fillScene(Scene& scene) const override;
  // Writes every run's curves to DIR/run_<n>.csv and puts them in `scene`
  // as replays (a live run keeps what it trained so far); CSVs of earlier
  // sessions no longer referenced are removed. Returns the first error.
  std::optional<std::string> saveSession(Scene& scene, const std::string& dir) const override;
  void fileMenu() override;
  ExportRequest::What mainExport() const override { return ExportRequest::What::kLabLoss; }
  // One plot (loss or accuracy) filling the window, for PNG exports.
  bool drawExport(ExportRequest::What what) override;
  void stop() override { manager_.stopAll(); }

 private:
  struct Entry {
    int id = 0;
    LabRun spec;
    std::shared_ptr<TrainingRun> run;  // null for a replay
    std::vector<MetricPoint> points;   // UI-side copy, grown incrementally
    size_t seen = 0;
    bool visible = true;
    std::string label;
    std::string origin;  // "" (trained here), "replay"
  };
  // One run's inspection as shown: a snapshot and its textures.
  struct Inspector {
    int entry_id = -1;
    long version = -1;
    RunInspection data;
    GLuint weights_tex = 0, digits_tex = 0;
    int weights_w = 0, weights_h = 0, digits_cols = 0;
    int filter_truth = -1, filter_pred = -1;  // a confusion cell clicked
    void release();
  };
  // Per-run arrays in UI memory: x, raw and smoothed loss, train and test accuracy.
  struct Curves {
    std::vector<double> x, loss, loss_s, train, train_s, tx, test;
  };

  void startRun(const LabRun& spec);
  void addReplay(const LabRun& spec);
  void poll();
  Entry* entry(int id);
  void removeEntry(int id);

  void drawRunsView();
  void drawRunTable();  // lab_run_table.cpp
  void drawRunActions();
  void drawLandscapeAction();  // lab_run_table.cpp
  // The selected run (and the compared one when it can share the plane:
  // same architecture and dataset, and for PCA the same initialisation) as a
  // landscape request and the runs' colours; false and `why` when it cannot be.
  bool landscapeRequest(LandscapeRequest& out, std::vector<Color>& colors, std::string& why,
                        std::string& note);
  void buildCurves();  // lab_plots.cpp
  void drawPlotControls();
  void drawPlot(bool loss, ImVec2 size);
  void drawInspection(ImVec2 size);  // lab_inspection.cpp
  void drawInspector(Inspector& in, const Entry& e, float width);
  void updateTextures(Inspector& in);

  ShellServices& shell_;
  std::function<void(LandscapeRequest, std::vector<Color>)> open_landscape_;
  bool deterministic_ = false;
  RunManager manager_;
  std::vector<Entry> entries_;
  int next_id_ = 1;
  int selected_ = -1, compare_ = -1;  // entry ids; compare_ shows beside selected_
  NewRunForm form_;
  LabPlot plot_;
  PlotView loss_view_, acc_view_;
  PlotLegend legend_;
  std::vector<Curves> curves_;
  std::array<Inspector, 2> inspectors_;
  int confirm_remove_ = -1;
  // What "Landscape" computes (its "▾" popup): PCA plane of the paths or a
  // random filter-normalised plane around the final weights, grid side and
  // evaluation subset.
  struct LandscapeOptions {
    bool pca = true;
    int grid = 41;
    long samples = 1000;
  } landscape_options_;
  std::vector<int> table_order_;  // entry ids in the table's sort order

  SweepView sweep_;
  bool sweep_popup_ = false, select_sweep_ = false;
  char sweep_buf_[512] = "";

  char export_buf_[512] = "runs.csv";
  bool export_popup_ = false, export_visible_only_ = true;
};

}  // namespace mulab::gui
