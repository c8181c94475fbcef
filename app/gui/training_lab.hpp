// The training lab: configure MNIST / Fashion-MNIST runs, run several at once
// on background threads through core's RunManager, and watch their curves,
// first-layer weights, confusion matrix and misclassified digits live. The UI
// only copies new metric points and inspection snapshots under short locks;
// it never waits on a training step.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "gui/export_request.hpp"
#include "gui/gl.hpp"
#include "gui/plot.hpp"
#include "scene/scene.hpp"
#include "train/run.hpp"

namespace mulab::gui {

class TrainingLab {
 public:
  TrainingLab();
  ~TrainingLab();

  // Adds the scene's lab runs (live ones start, replays load) to the lab's
  // own; a scene without lab runs changes nothing. Errors go to `error`.
  void applyScene(const Scene& scene);
  void fillScene(Scene& scene) const;
  void draw();
  bool anyTraining() const;
  // Training throughput of each live run so far (for bench/lab_throughput.sh).
  std::vector<double> samplesPerSecond() const;
  void stopAll() { manager_.stopAll(); }
  // Draws one plot (loss or accuracy) filling the window, for PNG exports.
  void drawExport(bool loss);
  // The lab's entries in the File menu.
  void fileMenuItems(ExportRequest::What& what, bool& popup);

  std::string error;

 private:
  struct Entry {
    LabRun spec;
    std::shared_ptr<TrainingRun> run;  // null for a replay
    std::vector<MetricPoint> points;   // UI-side copy, grown incrementally
    size_t seen = 0;
    bool visible = true;
    std::string label;
  };

  void startRun(const LabRun& spec);
  void addReplay(const LabRun& spec);
  void poll();
  void drawConfig();
  void drawRunList();
  void drawPlots();
  void drawInspection();
  void updateTextures(const RunInspection& in);

  RunManager manager_;
  std::vector<Entry> entries_;
  int selected_ = -1;
  LabRun draft_;
  char hidden_buf_[64] = "500,500";
  std::string data_dir_;
  LabPlot plot_;
  PlotView loss_view_, acc_view_;
  PlotLegend legend_;
  // Per-run arrays in UI memory: x, raw and smoothed loss, train and test accuracy.
  struct Curves {
    std::vector<double> x, loss, loss_s, train, train_s, tx, test;
  };
  std::vector<Curves> curves_;
  void buildCurves();
  void drawPlot(bool loss, ImVec2 size);

  GLuint weights_tex_ = 0, digits_tex_ = 0;
  int weights_w_ = 0, weights_h_ = 0, digits_w_ = 0, digits_h_ = 0;
  long tex_version_ = -1;
  const TrainingRun* tex_run_ = nullptr;
  RunInspection inspection_;

  char export_buf_[512] = "metrics.csv";
  bool export_popup_ = false;
};

}  // namespace mulab::gui
