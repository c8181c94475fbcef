#include "gui/lab/training_lab.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "gui/widgets/ui_style.hpp"
#include "train/run_options.hpp"
#include "gui/widgets/widgets.hpp"
#include "util/atomic_file.hpp"

namespace mulab::gui {
namespace {

// What tells runs apart in a legend: "#3 bp · Adam + hybrid(gamma=0.5)",
// "#4 er 784-4000-10"; the table and tooltips have every setting.
std::string shortLabel(int id, const RunConfig& c) {
  std::string s = "#" + std::to_string(id);
  s += ' ';
  s += toString(c.method);
  if (c.method == Method::kEr) {
    s += ' ';
    s += architecture(c);
  } else {
    s += " · ";
    s += describe(c.optimizer);
  }
  if (c.dataset == DatasetKind::kFashionMnist) s += " (fashion)";
  return s;
}

}  // namespace

TrainingLab::TrainingLab(ShellServices& shell,
                         std::function<void(LandscapeRequest, std::vector<Color>)> open_landscape)
    : shell_(shell), open_landscape_(std::move(open_landscape)) {}

TrainingLab::~TrainingLab() {
  manager_.stopAll();
  for (Inspector& in : inspectors_) in.release();
}

void TrainingLab::Inspector::release() {
  const GLuint tex[] = {weights_tex, digits_tex};
  glDeleteTextures(2, tex);
  weights_tex = digits_tex = 0;
  version = -1;
}

bool TrainingLab::busy(bool) const {
  return sweep_.live() ||
         std::any_of(entries_.begin(), entries_.end(), [](const Entry& e) { return e.run && !e.run->finished(); });
}

void TrainingLab::openSweep(const std::string& dir) {
  if (auto err = sweep_.open(dir)) {
    shell_.showError(*err);  // loadSweep names the folder
    return;
  }
  select_sweep_ = true;
  shell_.showRoom(*this);
}

std::vector<double> TrainingLab::samplesPerSecond() const {
  std::vector<double> out;
  for (const Entry& e : entries_) {
    if (e.run) out.push_back(e.run->trainSamplesPerSecond());
  }
  return out;
}

TrainingLab::Entry* TrainingLab::entry(int id) {
  for (Entry& e : entries_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

void TrainingLab::startRun(const LabRun& spec) {
  LabRun s = spec;
  // The usual folder stays implicit, so Fashion-MNIST may come from Debian's.
  if (shell_.dataDir() != resolveDataDir("")) s.config.data_dir = shell_.dataDir();
  const int run_id = manager_.start(s.config);
  Entry e;
  e.id = next_id_++;
  e.spec = s;
  e.run = manager_.get(run_id);
  e.label = shortLabel(e.id, s.config);
  entries_.push_back(std::move(e));
  selected_ = entries_.back().id;
}

void TrainingLab::addReplay(const LabRun& spec) {
  auto points = readMetricsCsv(spec.replay);
  if (!points) {
    shell_.showError(points.error());
    return;
  }
  Entry e;
  e.id = next_id_++;
  e.spec = spec;
  e.points = std::move(*points);
  e.seen = e.points.size();
  e.label = shortLabel(e.id, spec.config);
  e.origin = "replay";
  entries_.push_back(std::move(e));
  if (selected_ < 0) selected_ = entries_.back().id;
}

void TrainingLab::removeEntry(int id) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id; });
  if (it == entries_.end()) return;
  if (it->run) manager_.remove(it->run->id());
  entries_.erase(it);
  if (selected_ == id) selected_ = entries_.empty() ? -1 : entries_.front().id;
  if (compare_ == id) compare_ = -1;
  for (Inspector& in : inspectors_) {
    if (in.entry_id == id) in.entry_id = -1;
  }
}

// A scene's lab runs join the lab's; a scene without any leaves the lab
// alone. Runs, live or finished, are never discarded by loading a scene.
bool TrainingLab::applyScene(const Scene& scene) {
  if (!scene.lab_sweep.empty()) openSweep(scene.lab_sweep);
  if (scene.lab_runs.empty()) return true;
  plot_ = scene.lab_plot;
  loss_view_ = acc_view_ = PlotView{};
  for (const LabRun& r : scene.lab_runs) {
    if (r.replay.empty()) {
      startRun(r);
    } else {
      addReplay(r);
    }
  }
  return true;
}

void TrainingLab::fillScene(Scene& scene) const {
  scene.lab_runs.clear();
  for (const Entry& e : entries_) scene.lab_runs.push_back(e.spec);
  scene.lab_plot = plot_;
  scene.lab_sweep = sweep_.dir();
}

std::optional<std::string> TrainingLab::saveSession(Scene& scene, const std::string& dir) const {
  namespace fs = std::filesystem;
  scene.lab_runs.clear();
  scene.lab_plot = plot_;
  scene.lab_sweep = sweep_.dir();
  std::optional<std::string> first_error;
  std::vector<std::string> written;
  for (const Entry& e : entries_) {
    std::vector<MetricPoint> points = e.points;
    if (e.run) e.run->metrics().snapshot(points.size(), points);
    if (points.empty()) continue;
    const std::string name = "run_" + std::to_string(written.size() + 1) + ".csv";
    const std::string path = (fs::path(dir) / name).string();
    if (auto err = writeFileAtomically(path, metricsCsv(points))) {
      if (!first_error) first_error = err;
      continue;
    }
    written.push_back(name);
    LabRun r = e.spec;
    r.replay = path;
    scene.lab_runs.push_back(r);
  }
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(dir, ec)) {
    const std::string name = f.path().filename().string();
    if (name.rfind("run_", 0) == 0 && f.path().extension() == ".csv" &&
        std::find(written.begin(), written.end(), name) == written.end()) {
      fs::remove(f.path(), ec);
    }
  }
  return first_error;
}

void TrainingLab::poll() {
  for (Entry& e : entries_) {
    if (e.run) e.seen = e.run->metrics().snapshot(e.seen, e.points);
  }
}

std::string TrainingLab::runsCsv(bool visible_only) const {
  // Every setting a scene keeps (train/run_options.hpp), one column each; a
  // list's items joined with '-' so every value stays one field.
  std::string out = "run_id,label";
  for (const RunOption& o : runOptions()) {
    if (o.spec.stored & kStoreScene) out += "," + o.spec.key;
  }
  out += ",epoch,step,samples,updates,wall_s,train_loss,train_acc,test_acc\n";
  for (const Entry& e : entries_) {
    if (visible_only && !e.visible) continue;
    std::string prefix = std::to_string(e.id) + ",\"" + e.label + "\"";
    for (const RunOption& o : runOptions()) {
      if (!(o.spec.stored & kStoreScene)) continue;
      std::string value = optionText(o, e.spec.config);
      std::replace(value.begin(), value.end(), ',', '-');
      prefix += "," + value;
    }
    for (const MetricPoint& p : e.points) out += prefix + "," + metricsCsvRow(p) + "\n";
  }
  return out;
}

// [SECTION] Layout

void TrainingLab::draw() {
  if (deterministic_) {
    for (Entry& e : entries_) {
      if (e.run) e.run->join();
    }
  }
  poll();
  buildCurves();
  ImGui::BeginChild("lab_controls", ImVec2(std::min(ui::px(300), 0.3f * ImGui::GetContentRegionAvail().x), 0), true);
  if (auto config = form_.draw(shell_.dataDir())) startRun(LabRun{*config, "", paletteColor(next_id_ - 1)});
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  // An open sweep folder is a second view beside the runs (sweep_view.hpp).
  bool runs = true;
  if (sweep_.isOpen()) {
    if (auto err = sweep_.refresh()) shell_.showError(*err);
    runs = false;
    if (ImGui::BeginTabBar("lab_views")) {
      if (ImGui::BeginTabItem("Runs")) {
        runs = true;
        ImGui::EndTabItem();
      }
      const ImGuiTabItemFlags flags = select_sweep_ ? ImGuiTabItemFlags_SetSelected : 0;
      select_sweep_ = false;
      if (ImGui::BeginTabItem("Sweep", nullptr, flags)) {
        sweep_.draw(ImGui::GetContentRegionAvail());
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  if (runs) drawRunsView();
  ImGui::EndGroup();

  pathPopup(sweep_popup_, "Open sweep folder (mulab-cli sweep --out DIR)", sweep_buf_, sizeof sweep_buf_,
            [&](const std::string& path) { openSweep(path); });
  pathPopup(export_popup_, "Export runs (tidy CSV)", export_buf_, sizeof export_buf_, [&](const std::string& path) {
    if (auto err = writeFileAtomically(path, runsCsv(export_visible_only_))) shell_.showError(*err);
  });
}

// The run table, its actions, the curves and the selected runs' inspection.
void TrainingLab::drawRunsView() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float table_h = std::min(avail.y * 0.3f, ImGui::GetFrameHeightWithSpacing() * (entries_.size() + 3.5f));
  ImGui::BeginChild("lab_runs", ImVec2(avail.x, std::max(table_h, ImGui::GetFrameHeightWithSpacing() * 4)), false);
  drawRunTable();
  ImGui::EndChild();
  drawRunActions();
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  const bool inspect = entry(selected_) != nullptr && entry(selected_)->run != nullptr;
  const float inspect_w = inspect ? std::min(ui::px(compare_ >= 0 ? 560 : 300), 0.45f * rest.x) : 0.0f;
  ImGui::BeginChild("lab_plots", ImVec2(rest.x - inspect_w, 0), false);
  drawPlotControls();
  const float h = (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
  drawPlot(true, ImVec2(ImGui::GetContentRegionAvail().x, h));
  drawPlot(false, ImVec2(ImGui::GetContentRegionAvail().x, h));
  ImGui::EndChild();
  if (inspect) {
    ImGui::SameLine();
    ImGui::BeginChild("lab_inspect", ImVec2(0, 0), true);
    drawInspection(ImGui::GetContentRegionAvail());
    ImGui::EndChild();
  }
}

bool TrainingLab::drawExport(ExportRequest::What what) {
  if (what != ExportRequest::What::kLabLoss && what != ExportRequest::What::kLabAccuracy) return false;
  buildCurves();
  drawPlot(what == ExportRequest::What::kLabLoss, ImGui::GetContentRegionAvail());
  return true;
}

void TrainingLab::fileMenu() {
  if (ImGui::MenuItem("Export lab loss plot as PNG...")) shell_.askExport(ExportRequest::What::kLabLoss);
  if (ImGui::MenuItem("Export lab accuracy plot as PNG...")) shell_.askExport(ExportRequest::What::kLabAccuracy);
  // The lab's own dialogs, drawn in its tab.
  if (ImGui::MenuItem("Export lab runs as CSV...")) {
    export_popup_ = true;
    shell_.showRoom(*this);
  }
  if (ImGui::MenuItem("Open sweep folder...")) {
    sweep_popup_ = true;
    shell_.showRoom(*this);
  }
}

}  // namespace mulab::gui
