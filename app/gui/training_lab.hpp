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

#include "gui/gl.hpp"
#include "gui/plot.hpp"
#include "scene/scene.hpp"
#include "train/run.hpp"

namespace mulab::gui {

class TrainingLab {
 public:
  TrainingLab();
  ~TrainingLab();

  // Starts the scene's live runs and loads its replays; errors go to `error`.
  void applyScene(const Scene& scene);
  void fillScene(Scene& scene) const;
  void draw();
  bool anyTraining() const;
  // Training throughput of each live run so far (for bench/lab_throughput.sh).
  std::vector<double> samplesPerSecond() const;
  void stopAll() { manager_.stopAll(); }
  // Screen rectangle of the plots, for "save plot as PNG".
  ImVec4 plotRect() const { return plot_rect_; }

  std::string error;
  std::string pending_plot_png;  // set by the UI; the main loop crops and writes it

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
  ImVec4 plot_rect_{0, 0, 0, 0};

  GLuint weights_tex_ = 0, digits_tex_ = 0;
  int weights_w_ = 0, weights_h_ = 0, digits_w_ = 0, digits_h_ = 0;
  long tex_version_ = -1;
  const TrainingRun* tex_run_ = nullptr;
  RunInspection inspection_;

  char export_buf_[512] = "metrics.csv";
  char png_buf_[512] = "plots.png";
  bool export_popup_ = false, png_popup_ = false;
};

}  // namespace mulab::gui
