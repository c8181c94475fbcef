#include "gui/training_lab.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "gui/colormap.hpp"
#include "gui/widgets.hpp"
#include "train/memory_budget.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"

namespace mulab::gui {
namespace {

std::string describeSpec(const LabRun& r) { return describeConfig(r.config); }

GLuint uploadRgba(GLuint tex, int w, int h, const std::vector<uint8_t>& rgba) {
  if (!tex) glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  return tex;
}

}  // namespace

TrainingLab::TrainingLab() {
  data_dir_ = resolveDataDir("");
  // Started from elsewhere than the checkout: fall back to its data folder.
  if (!std::getenv("MULAB_DATA") && !std::filesystem::exists(data_dir_)) data_dir_ = MULAB_DEFAULT_DATA_DIR;
  draft_.config.epochs = 10;
  draft_.config.optimizer.lr = 1e-3;
}

TrainingLab::~TrainingLab() {
  manager_.stopAll();
  const GLuint tex[] = {weights_tex_, digits_tex_};
  glDeleteTextures(2, tex);
}

bool TrainingLab::anyTraining() const {
  for (const Entry& e : entries_) {
    if (e.run && !e.run->finished()) return true;
  }
  return false;
}

std::vector<double> TrainingLab::samplesPerSecond() const {
  std::vector<double> out;
  for (const Entry& e : entries_) {
    if (e.run) out.push_back(e.run->trainSamplesPerSecond());
  }
  return out;
}

void TrainingLab::startRun(const LabRun& spec) {
  LabRun s = spec;
  // The usual folder stays implicit, so Fashion-MNIST may come from Debian's.
  if (data_dir_ != resolveDataDir("")) s.config.data_dir = data_dir_;
  const int id = manager_.start(s.config);
  Entry e{s, manager_.get(id), {}, 0, true, describeSpec(s)};
  entries_.push_back(std::move(e));
  selected_ = int(entries_.size()) - 1;
}

void TrainingLab::addReplay(const LabRun& spec) {
  auto points = readMetricsCsv(spec.replay);
  if (!points) {
    error = points.error();
    return;
  }
  Entry e{spec, nullptr, std::move(*points), 0, true,
          describeSpec(spec) + "  [replay]"};
  e.seen = e.points.size();
  entries_.push_back(std::move(e));
  if (selected_ < 0) selected_ = int(entries_.size()) - 1;
}

// A scene's lab runs join the lab's; a scene without any leaves the lab
// alone. Runs, live or finished, are never discarded by loading a scene.
void TrainingLab::applyScene(const Scene& scene) {
  if (scene.lab_runs.empty()) return;
  plot_ = scene.lab_plot;
  loss_view_ = acc_view_ = PlotView{};
  for (const LabRun& r : scene.lab_runs) {
    if (r.replay.empty()) {
      startRun(r);
    } else {
      addReplay(r);
    }
  }
}

void TrainingLab::fillScene(Scene& scene) const {
  scene.lab_runs.clear();
  for (const Entry& e : entries_) scene.lab_runs.push_back(e.spec);
  scene.lab_plot = plot_;
}

void TrainingLab::poll() {
  for (Entry& e : entries_) {
    if (e.run) e.seen = e.run->metrics().snapshot(e.seen, e.points);
  }
}

// [SECTION] Panels

void TrainingLab::draw() {
  poll();
  buildCurves();
  const float left_w = 340;
  ImGui::BeginChild("lab_controls", ImVec2(left_w, 0), true);
  drawConfig();
  ImGui::Separator();
  drawRunList();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Weights, confusion and digits exist for live runs only; replays are curves.
  const bool inspect = selected_ >= 0 && entries_[selected_].run != nullptr;
  const float inspect_w = inspect ? 300.0f : 0.0f;
  ImGui::BeginChild("lab_plots", ImVec2(avail.x - inspect_w, 0), false);
  drawPlots();
  ImGui::EndChild();
  if (inspect) {
    ImGui::SameLine();
    ImGui::BeginChild("lab_inspect", ImVec2(0, 0), true);
    drawInspection();
    ImGui::EndChild();
  }
  ImGui::EndGroup();


  pathPopup(export_popup_, "Export curves (CSV)", export_buf_, sizeof export_buf_,
            [&](const std::string& path) {
              if (selected_ < 0) return;
              if (auto err = writeFileAtomically(path, metricsCsv(entries_[selected_].points))) {
                error = *err;
              }
            });
}

void TrainingLab::drawConfig() {
  RunConfig& c = draft_.config;
  ImGui::TextDisabled("NEW RUN");
  ImGui::PushItemWidth(170);
  int ds = c.dataset == DatasetKind::kMnist ? 0 : 1;
  if (ImGui::Combo("dataset", &ds, "MNIST\0Fashion-MNIST\0")) {
    c.dataset = ds == 0 ? DatasetKind::kMnist : DatasetKind::kFashionMnist;
  }
  int method = int(c.method);
  if (ImGui::Combo("method", &method, "BP (backprop)\0ER (expectation reflection)\0AltMin\0FA (feedback alignment)\0")) {
    c.method = static_cast<Method>(method);
    if (c.method == Method::kEr) {
      std::snprintf(hidden_buf_, sizeof hidden_buf_, "none");
      c.batch = 2000;
      c.epochs = 10;
    } else if (std::string(hidden_buf_) == "none") {
      std::snprintf(hidden_buf_, sizeof hidden_buf_, "500,500");
      c.batch = 200;
    }
    c.optimizer.lr = c.method == Method::kAltMin ? 0.008 : 1e-3;
  }
  ImGui::InputText("hidden", hidden_buf_, sizeof hidden_buf_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("widths like 500,500; 'none' for single-layer ER");
  if (c.method != Method::kEr) {
    int act = int(c.activation);
    if (ImGui::Combo("activation", &act, "relu\0tanh\0sigmoid\0")) c.activation = static_cast<Activation>(act);
  }
  ImGui::InputInt("batch", &c.batch, 50, 500);
  ImGui::InputInt("epochs", &c.epochs, 1, 10);
  int seed = int(c.seed);
  if (ImGui::InputInt("seed", &seed)) c.seed = uint64_t(std::max(0, seed));
  if (c.method == Method::kEr) {
    float ridge = float(c.er_ridge);
    if (ImGui::InputFloat("ridge", &ridge, 0, 0, "%.3g")) c.er_ridge = ridge;
    ImGui::Checkbox("incremental (mini-batch solves)", &c.er_incremental);
  } else {
    int base = int(c.optimizer.base), rule = int(c.optimizer.rule);
    if (ImGui::Combo("optimizer", &base, "SGD\0Momentum\0Nesterov\0Adagrad\0RMSProp\0Adam\0")) {
      c.optimizer.base = static_cast<BaseOptimizer>(base);
    }
    if (ImGui::Combo("rule", &rule, "additive\0multiplicative\0hybrid\0")) {
      c.optimizer.rule = static_cast<UpdateRule>(rule);
    }
    auto param = [](const char* label, double& v, float lo, float hi) {
      float f = float(v);
      if (ImGui::SliderFloat(label, &f, lo, hi, "%.4g", ImGuiSliderFlags_Logarithmic)) v = f;
    };
    if (c.optimizer.rule != UpdateRule::kMultiplicative) param("lr", c.optimizer.lr, 1e-5f, 1.0f);
    if (c.optimizer.rule != UpdateRule::kAdditive) {
      param("lr_out", c.optimizer.lr_out, 1e-4f, 0.5f);
      param("lr_in", c.optimizer.lr_in, 1e-2f, 1000.0f);
    }
    if (c.optimizer.rule == UpdateRule::kHybrid) {
      float g = float(c.optimizer.gamma);
      if (ImGui::SliderFloat("gamma", &g, 0, 1)) c.optimizer.gamma = g;
    }
  }
  ImGui::PopItemWidth();

  // Parse the architecture; say what is wrong instead of starting.
  std::string problem;
  c.hidden.clear();
  if (std::string(hidden_buf_) != "none") {
    for (const std::string& part : splitList(hidden_buf_)) {
      auto w = parseCount(part, "hidden");
      if (!w || *w < 1 || *w > 16384) {
        problem = "hidden: widths must be whole numbers in 1..16384";
        break;
      }
      c.hidden.push_back(int(*w));
    }
  }
  if (problem.empty()) {
    if (auto err = validate(c)) problem = *err;
  }
  if (problem.empty()) {
    if (auto over = checkMemoryBudget(c)) problem = over->option + ": " + over->message;
  }
  const auto missing =
      datasetMissing(c.dataset, data_dir_, data_dir_ == resolveDataDir("") && dataDirIsImplicit(""));
  if (missing) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1), "Data missing: %s", missing->c_str());
    ImGui::PopTextWrapPos();
  }
  if (!problem.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", problem.c_str());
  ImGui::BeginDisabled(!problem.empty() || missing.has_value());
  if (ImGui::Button("Start run", ImVec2(-1, 0))) {
    draft_.color = paletteColor(int(entries_.size()));
    startRun(draft_);
  }
  ImGui::EndDisabled();
}

void TrainingLab::drawRunList() {
  ImGui::TextDisabled("RUNS");
  int remove = -1;
  for (int i = 0; i < int(entries_.size()); ++i) {
    Entry& e = entries_[i];
    ImGui::PushID(i);
    ImGui::Checkbox("##vis", &e.visible);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("show in the plots");
    ImGui::SameLine();
    ImGui::ColorButton("##c", ImVec4(e.spec.color[0], e.spec.color[1], e.spec.color[2], 1),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(14, 14));
    ImGui::SameLine();
    if (ImGui::Selectable(e.label.c_str(), selected_ == i)) selected_ = i;
    if (e.run) {
      const RunProgress p = e.run->progress();
      const int epochs = e.spec.config.epochs;
      const float frac = p.steps_per_epoch > 0
                             ? float(p.epoch + double(p.step_in_epoch) / double(p.steps_per_epoch)) / float(epochs)
                             : 0.0f;
      char overlay[160];
      if (p.state == RunState::kRunning || p.state == RunState::kPaused) {
        std::snprintf(overlay, sizeof overlay, "%s  epoch %d/%d  %.0f/s  ETA %s",
                      std::string(toString(p.state)).c_str(), p.epoch + 1, epochs, p.samples_per_s,
                      formatDuration(p.eta_s).c_str());
      } else {
        std::snprintf(overlay, sizeof overlay, "%s", std::string(toString(p.state)).c_str());
      }
      const bool finished = p.state == RunState::kFinished;
      ImGui::ProgressBar(finished ? 1.0f : frac, ImVec2(-1, 0), overlay);
      if (p.state == RunState::kFailed) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", p.error.c_str());
        ImGui::PopTextWrapPos();
      }
      if (!e.run->finished()) {
        if (p.state == RunState::kPaused) {
          if (ImGui::SmallButton("Resume")) e.run->resume();
        } else if (ImGui::SmallButton("Pause")) {
          e.run->pause();
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Stop")) e.run->requestStop();
        ImGui::SameLine();
      }
    }
    if (!e.points.empty()) {
      const MetricPoint& last = e.points.back();
      double test = NAN;
      for (auto it = e.points.rbegin(); it != e.points.rend() && std::isnan(test); ++it) test = it->test_acc;
      ImGui::TextDisabled("updates %ld  test acc %s", last.updates,
                          std::isnan(test) ? "-" : (std::to_string(100 * test).substr(0, 5) + "%").c_str());
      ImGui::SameLine();
    }
    if (ImGui::SmallButton("Remove")) remove = i;
    ImGui::Separator();
    ImGui::PopID();
  }
  if (remove >= 0) {
    if (entries_[remove].run) manager_.remove(entries_[remove].run->id());
    entries_.erase(entries_.begin() + remove);
    selected_ = std::min(selected_, int(entries_.size()) - 1);
    tex_run_ = nullptr;
  }
  if (selected_ >= 0) {
    if (ImGui::Button("Export curves (CSV)...")) export_popup_ = true;
    ImGui::SameLine();
  }
}

void TrainingLab::drawPlots() {
  int axis = plot_.x_axis == "updates" ? 1 : plot_.x_axis == "time" ? 2 : 0;
  ImGui::SetNextItemWidth(150);
  if (ImGui::Combo("x axis", &axis, "epoch\0weight updates\0wall time (s)\0")) {
    plot_.x_axis = axis == 1 ? "updates" : axis == 2 ? "time" : "epoch";
    loss_view_.automatic = acc_view_.automatic = true;
  }
  ImGui::SameLine();
  float smooth = float(plot_.smoothing);
  ImGui::SetNextItemWidth(150);
  if (ImGui::SliderFloat("smoothing", &smooth, 0.0f, 0.99f, "EMA %.2f")) plot_.smoothing = smooth;
  ImGui::SameLine();
  ImGui::Checkbox("log loss", &plot_.log_loss);
  ImGui::SameLine();
  if (ImGui::Checkbox("log x", &plot_.log_x)) loss_view_.automatic = acc_view_.automatic = true;
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Drag: pan. Wheel: zoom about the cursor (shift: x only, ctrl: y only).\n"
                      "Double-click: fit the data again. Checkboxes in the run list hide curves.");
  }

  const float h = (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
  const float w = ImGui::GetContentRegionAvail().x;
  drawPlot(true, ImVec2(w, h));
  drawPlot(false, ImVec2(w, h));
}

void TrainingLab::buildCurves() {
  const int axis = plot_.x_axis == "updates" ? 1 : plot_.x_axis == "time" ? 2 : 0;
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

void TrainingLab::drawPlot(bool loss_plot, ImVec2 size) {
  if (curves_.size() != entries_.size()) buildCurves();
  const int axis = plot_.x_axis == "updates" ? 1 : plot_.x_axis == "time" ? 2 : 0;
  const char* x_label = axis == 1 ? "weight updates" : axis == 2 ? "wall time (s)" : "epoch";
  std::vector<PlotSeries> series;
  for (size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    if (!e.visible) continue;
    const Curves& c = curves_[k];
    const int g = int(k);
    const bool smooth = plot_.smoothing > 0;
    if (loss_plot) {
      if (smooth) series.push_back({"", toU32(e.spec.color, 0.25f), c.x, c.loss, 1.0f, false, g, false});
      series.push_back({e.label, toU32(e.spec.color), c.x, smooth ? c.loss_s : c.loss, 2.0f, true, g});
    } else {
      if (smooth) series.push_back({"", toU32(e.spec.color, 0.2f), c.x, c.train, 1.0f, false, g, false});
      series.push_back({e.label + " (train)", toU32(e.spec.color, 0.55f), c.x, smooth ? c.train_s : c.train,
                        1.5f, true, g, false});
      series.push_back({e.label + " (test)", toU32(e.spec.color), c.tx, c.test, 2.5f, true, g});
    }
  }
  PlotOptions o;
  o.x_label = x_label;
  o.log_x = plot_.log_x;
  o.legend = size.x > 560;
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
  for (size_t k = 0; k < entries_.size(); ++k) {
    if (legend_.hidden.count(int(k))) {
      entries_[k].visible = false;
      legend_.hidden.erase(int(k));
    }
  }
}

void TrainingLab::drawExport(bool loss) {
  buildCurves();
  drawPlot(loss, ImGui::GetContentRegionAvail());
}

void TrainingLab::fileMenuItems(ExportRequest::What& what, bool& popup) {
  if (ImGui::MenuItem("Export lab loss plot as PNG...")) {
    what = ExportRequest::What::kLabLoss;
    popup = true;
  }
  if (ImGui::MenuItem("Export lab accuracy plot as PNG...")) {
    what = ExportRequest::What::kLabAccuracy;
    popup = true;
  }
}

void TrainingLab::updateTextures(const RunInspection& in) {
  const int rows = in.image_rows, cols = in.image_cols;
  // Weight tiles: 8 per row, each unit's input weights as an image, blue
  // negative / red positive, scaled per tile.
  const int units = int(in.first_layer.rows());
  if (units > 0 && in.first_layer.cols() == rows * cols) {
    const int per_row = 8, tile_rows = (units + per_row - 1) / per_row;
    weights_w_ = per_row * (cols + 1) - 1;
    weights_h_ = tile_rows * (rows + 1) - 1;
    std::vector<uint8_t> rgba(size_t(weights_w_) * weights_h_ * 4, 30);
    const Lut& lut = colormapLut("coolwarm");
    for (int u = 0; u < units; ++u) {
      const float m = std::max(1e-12f, in.first_layer.row(u).cwiseAbs().maxCoeff());
      const int ox = (u % per_row) * (cols + 1), oy = (u / per_row) * (rows + 1);
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          const float t = 0.5f + 0.5f * in.first_layer(u, r * cols + c) / m;
          const auto& col = lut[std::clamp(int(t * 255.0f + 0.5f), 0, 255)];
          uint8_t* px = &rgba[(size_t(oy + r) * weights_w_ + ox + c) * 4];
          px[0] = uint8_t(col[0] * 255);
          px[1] = uint8_t(col[1] * 255);
          px[2] = uint8_t(col[2] * 255);
          px[3] = 255;
        }
      }
    }
    weights_tex_ = uploadRgba(weights_tex_, weights_w_, weights_h_, rgba);
  }
  // Misclassified digits: one strip, white on black.
  const int n = int(in.misclassified_images.size());
  if (n > 0) {
    const int per_row = 8, strip_rows = (n + per_row - 1) / per_row;
    digits_w_ = per_row * (cols + 2);
    digits_h_ = strip_rows * (rows + 2);
    std::vector<uint8_t> rgba(size_t(digits_w_) * digits_h_ * 4, 0);
    for (int k = 0; k < n; ++k) {
      const int ox = (k % per_row) * (cols + 2) + 1, oy = (k / per_row) * (rows + 2) + 1;
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          const uint8_t v = uint8_t(std::clamp(in.misclassified_images[k][r * cols + c], 0.0f, 1.0f) * 255);
          uint8_t* px = &rgba[(size_t(oy + r) * digits_w_ + ox + c) * 4];
          px[0] = px[1] = px[2] = v;
          px[3] = 255;
        }
      }
    }
    digits_tex_ = uploadRgba(digits_tex_, digits_w_, digits_h_, rgba);
  }
}

void TrainingLab::drawInspection() {
  Entry& e = entries_[selected_];
  ImGui::TextWrapped("%s", e.label.c_str());
  if (e.run.get() != tex_run_ || e.run->inspectionVersion() != tex_version_) {
    inspection_ = e.run->inspection();
    updateTextures(inspection_);
    tex_run_ = e.run.get();
    tex_version_ = inspection_.version;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::TextDisabled("FIRST-LAYER WEIGHTS (first %d units)", int(inspection_.first_layer.rows()));
  if (weights_tex_ && weights_w_ > 0) {
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(weights_tex_)),
                 ImVec2(w, w * float(weights_h_) / float(weights_w_)));
  }
  ImGui::TextDisabled("CONFUSION (test set; rows true, columns predicted)");
  if (inspection_.evaluated) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float cell = std::floor((w - 14) / 10);
    long max_off = 1, max_diag = 1;
    for (int t = 0; t < 10; ++t) {
      for (int p = 0; p < 10; ++p) {
        (t == p ? max_diag : max_off) = std::max(t == p ? max_diag : max_off, inspection_.confusion[t][p]);
      }
    }
    const Lut& lut = colormapLut("magma");
    for (int t = 0; t < 10; ++t) {
      dl->AddText(ImVec2(p0.x, p0.y + t * cell + cell * 0.25f), IM_COL32(180, 180, 180, 255),
                  std::to_string(t).c_str());
      for (int p = 0; p < 10; ++p) {
        const long v = inspection_.confusion[t][p];
        const double q = t == p ? double(v) / double(max_diag)
                                : std::log1p(double(v)) / std::log1p(double(max_off));
        const auto& c = lut[std::clamp(int(q * 230 + 12), 0, 255)];
        const ImVec2 a(p0.x + 14 + p * cell, p0.y + t * cell);
        dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1),
                          ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], 1)));
        if (v > 0 && t != p && cell >= 22) {
          const std::string s = std::to_string(v);
          dl->AddText(ImVec2(a.x + 2, a.y + cell * 0.25f), q > 0.6 ? IM_COL32(0, 0, 0, 255) : IM_COL32(230, 230, 230, 255),
                      s.c_str());
        }
      }
    }
    ImGui::Dummy(ImVec2(w, cell * 10 + 4));
    ImGui::TextDisabled("MISCLASSIFIED (true > predicted)");
    if (digits_tex_ && digits_w_ > 0) {
      const ImVec2 q0 = ImGui::GetCursorScreenPos();
      const float scale = w / float(digits_w_);
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(digits_tex_)),
                   ImVec2(w, float(digits_h_) * scale));
      const int cols = inspection_.image_cols + 2, rows = inspection_.image_rows + 2;
      for (size_t k = 0; k < inspection_.misclassified_labels.size(); ++k) {
        const auto [truth, pred] = inspection_.misclassified_labels[k];
        const char label[] = {char('0' + truth), '>', char('0' + pred), 0};
        dl->AddText(ImVec2(q0.x + (k % 8) * cols * scale + 2, q0.y + (k / 8) * rows * scale + 1),
                    IM_COL32(255, 200, 80, 255), label);
      }
    }
  } else {
    ImGui::TextDisabled("after the first test evaluation");
  }
}

}  // namespace mulab::gui
