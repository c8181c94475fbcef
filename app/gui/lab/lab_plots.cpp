// The training lab's curves: training loss and accuracy (test thick, train
// thin) against epochs, weight updates or wall time, with debiased
// smoothing over a faint raw curve, a legend that hides and highlights, and
// for ER a marker on every per-solve test evaluation.
#include <imgui.h>

#include <cmath>

#include "gui/lab/training_lab.hpp"
#include "gui/widgets/ui_style.hpp"
#include "gui/widgets/widgets.hpp"

namespace mulab::gui {
namespace {

int axisIndex(const LabPlot& p) { return p.x_axis == "updates" ? 1 : p.x_axis == "time" ? 2 : 0; }

}  // namespace

void TrainingLab::buildCurves() {
  const int axis = axisIndex(plot_);
  curves_.assign(entries_.size(), {});
  for (size_t k = 0; k < entries_.size(); ++k) {
    Curves& c = curves_[k];
    for (const MetricPoint& p : entries_[k].points) {
      const double x = axis == 1 ? double(p.updates) : axis == 2 ? p.wall_s : p.epoch;
      c.x.push_back(x);
      c.loss.push_back(p.train_loss);
      c.train.push_back(p.train_acc);
      if (!std::isnan(p.test_acc)) {
        c.tx.push_back(x);
        c.test.push_back(p.test_acc);
      }
    }
    c.loss_s = smoothDebiased(c.loss, plot_.smoothing);
    c.train_s = smoothDebiased(c.train, plot_.smoothing);
  }
}

void TrainingLab::drawPlotControls() {
  int axis = axisIndex(plot_);
  ImGui::SetNextItemWidth(ui::px(140));
  if (ImGui::Combo("x axis", &axis, "epoch\0weight updates\0wall time (s)\0")) {
    plot_.x_axis = axis == 1 ? "updates" : axis == 2 ? "time" : "epoch";
    loss_view_.automatic = acc_view_.automatic = true;
  }
  ImGui::SameLine();
  float smooth = float(plot_.smoothing);
  ImGui::SetNextItemWidth(ui::px(120));
  if (ImGui::SliderFloat("smoothing", &smooth, 0.0f, 0.99f, "%.2f")) plot_.smoothing = smooth;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Exponential moving average, debiased at the start as TensorBoard does;\n"
                      "the raw curve stays faint behind it");
  }
  ImGui::SameLine();
  ImGui::Checkbox("log loss", &plot_.log_loss);
  ImGui::SameLine();
  if (ImGui::Checkbox("log x", &plot_.log_x)) loss_view_.automatic = acc_view_.automatic = true;
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Drag: pan. Wheel: zoom about the cursor (shift: x only, ctrl: y only).\n"
                      "Double-click: fit the data again. Legend: click hides a run, hover highlights it.\n"
                      "ER runs mark each layer solve's test evaluation with a dot.");
  }
}

void TrainingLab::drawPlot(bool loss_plot, ImVec2 size) {
  if (curves_.size() != entries_.size()) buildCurves();
  const int axis = axisIndex(plot_);
  // The legend and the table's checkboxes hide the same runs.
  legend_.hidden.clear();
  for (const Entry& e : entries_) {
    if (!e.visible) legend_.hidden.insert(e.id);
  }
  std::vector<PlotSeries> series;
  for (size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    const Curves& c = curves_[k];
    const bool smooth = plot_.smoothing > 0;
    if (loss_plot) {
      if (smooth) series.push_back({"", toU32(e.spec.color, 0.25f), c.x, c.loss, 1.0f, false, e.id, false});
      series.push_back({e.label, toU32(e.spec.color), c.x, smooth ? c.loss_s : c.loss, 2.0f, true, e.id});
    } else {
      if (smooth) series.push_back({"", toU32(e.spec.color, 0.2f), c.x, c.train, 1.0f, false, e.id, false});
      series.push_back({e.label + " (train)", toU32(e.spec.color, 0.55f), c.x, smooth ? c.train_s : c.train, 1.5f,
                        true, e.id, false});
      PlotSeries test{e.label + " (test)", toU32(e.spec.color), c.tx, c.test, 2.5f, true, e.id};
      test.markers = e.spec.config.method == Method::kEr;
      series.push_back(test);
    }
  }
  PlotOptions o;
  o.x_label = axis == 1 ? "weight updates" : axis == 2 ? "wall time (s)" : "epoch";
  o.log_x = plot_.log_x;
  o.legend = size.x > ui::px(520);
  if (loss_plot) {
    o.title = "training loss";
    o.y_label = plot_.log_loss ? "log scale" : "";
    o.log_y = plot_.log_loss;
    drawLinePlot("loss", size, series, o, &loss_view_, &legend_);
  } else {
    o.title = "accuracy";
    o.y_label = "test (thick), train (thin)";
    drawLinePlot("accuracy", size, series, o, &acc_view_, &legend_);
  }
  for (Entry& e : entries_) e.visible = legend_.hidden.count(e.id) == 0;
}

}  // namespace mulab::gui
