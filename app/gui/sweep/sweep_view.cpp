#include "gui/sweep/sweep_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "gui/widgets/draw_limits.hpp"
#include "gui/widgets/ui_style.hpp"

namespace mulab::gui {
namespace {

// Okabe-Ito: eight colours told apart with every common colour-vision
// deficiency, given out in the order of the shown groups.
ImU32 paletteColor(size_t i) {
  static const ImU32 palette[] = {IM_COL32(230, 159, 0, 255),   IM_COL32(86, 180, 233, 255),
                                  IM_COL32(0, 158, 115, 255),   IM_COL32(240, 228, 66, 255),
                                  IM_COL32(0, 114, 178, 255),   IM_COL32(213, 94, 0, 255),
                                  IM_COL32(204, 121, 167, 255), IM_COL32(200, 200, 200, 255)};
  return palette[i % 8];
}

ImU32 groupColor(const std::set<size_t>& shown, size_t g) {
  auto it = shown.find(g);
  return it == shown.end() ? IM_COL32(200, 200, 200, 255) : paletteColor(size_t(std::distance(shown.begin(), it)));
}

std::string percent(const Stat& s) {
  if (s.n == 0) return "-";
  char buf[48];
  if (std::isnan(s.std)) {
    std::snprintf(buf, sizeof buf, "%.2f", 100 * s.mean);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f ± %.2f", 100 * s.mean, 100 * s.std);
  }
  return buf;
}

constexpr auto kRefreshEvery = std::chrono::seconds(2);

}  // namespace

// [SECTION] The folder

std::optional<std::string> SweepView::open(const std::string& dir) {
  auto loaded = loadSweep(dir);
  if (!loaded) return loaded.error();
  sweep_ = std::move(*loaded);
  dir_ = dir;
  last_read_ = std::chrono::steady_clock::now();
  refresh_error_.clear();
  chooseDefaults();
  return std::nullopt;
}

void SweepView::close() {
  sweep_.reset();
  dir_.clear();
  shown_.clear();
}

std::optional<std::string> SweepView::refresh() {
  if (!live()) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_read_ < kRefreshEvery) return std::nullopt;
  last_read_ = now;
  auto loaded = loadSweep(dir_, &*sweep_);
  if (!loaded) {
    // Say it once; keep showing what was read (the folder may come back).
    if (loaded.error() == refresh_error_) return std::nullopt;
    refresh_error_ = loaded.error();
    return "sweep " + dir_ + ": " + loaded.error();
  }
  refresh_error_.clear();
  const size_t before = sweep_->groups.size();
  sweep_ = std::move(*loaded);
  if (sweep_->groups.size() != before) chooseDefaults();
  return std::nullopt;
}

namespace {

const std::string* valueOf(const RunGroup& g, const std::string& key) {
  for (const Setting& s : g.settings) {
    if (s.key == key) return &s.value;
  }
  return nullptr;
}

// The numeric axes whose values differ among the groups of `block`, most
// distinct values first.
std::vector<std::string> varyingInBlock(const LoadedSweep& s, const std::string& block) {
  std::vector<std::pair<size_t, std::string>> counted;
  for (const SweepAxis& a : s.axes) {
    if (a.key == "seed" || !a.numeric) continue;
    std::set<std::string> values;
    for (const RunGroup& g : s.groups) {
      if (g.block != block) continue;
      if (const std::string* v = valueOf(g, a.key)) values.insert(*v);
    }
    if (values.size() > 1) counted.emplace_back(values.size(), a.key);
  }
  std::stable_sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> keys;
  for (const auto& c : counted) keys.push_back(c.second);
  return keys;
}

}  // namespace

// [SECTION] Labels and default axes

void SweepView::makeShortLabels() {
  const LoadedSweep& s = *sweep_;
  const std::vector<std::string> blocks = blockKeys(s.axes);
  short_labels_.clear();
  for (const RunGroup& g : s.groups) {
    std::string label;
    // Values that name themselves ("sgd", "hybrid") go bare, others with their key.
    for (const std::string& key : blocks) {
      const bool bare = key == "optimizer" || key == "rule" || key == "method" || key == "dataset" ||
                        key == "activation";
      if (const std::string* v = valueOf(g, key)) label += (label.empty() ? "" : " ") + (bare ? "" : key + "=") + *v;
    }
    for (const std::string& key : varyingInBlock(s, g.block)) {
      if (const std::string* v = valueOf(g, key)) label += (label.empty() ? "" : " ") + key + "=" + *v;
    }
    short_labels_.push_back(label.empty() ? g.label : label);
  }
}

// Curves of each block's best group; the heatmap over the block with the most
// groups and the two numeric axes that vary most within it.
void SweepView::chooseDefaults() {
  const LoadedSweep& s = *sweep_;
  makeShortLabels();
  if (shown_.empty()) {
    for (size_t g = 0; g < s.groups.size(); ++g) {
      if (s.groups[g].best) shown_.insert(g);
    }
  }
  if (x_key_.empty()) chooseHeatmapDefaults();
}

void SweepView::chooseHeatmapDefaults() {
  const LoadedSweep& s = *sweep_;
  const std::vector<std::string> blocks = blockKeys(s.axes);
  std::string block;
  size_t most = 0;
  for (const RunGroup& g : s.groups) {
    size_t n = 0;
    for (const RunGroup& h : s.groups) n += h.block == g.block;
    if (n > most) most = n, block = g.block;
  }
  std::vector<std::string> keys = varyingInBlock(s, block);
  // Too few varying numbers: the block axes themselves become rows (lr x rule).
  for (const std::string& key : blocks) keys.push_back(key);
  x_key_ = keys.size() > 0 ? keys[0] : "";
  y_key_ = keys.size() > 1 ? keys[1] : "";
  fixed_.clear();
  for (const RunGroup& g : s.groups) {
    if (g.block != block) continue;
    for (const std::string& key : blocks) {
      if (key == x_key_ || key == y_key_) continue;
      if (const std::string* v = valueOf(g, key)) fixed_.emplace_back(key, *v);
    }
    break;
  }
}

void SweepView::fixOtherBlockAxes() {
  const LoadedSweep& s = *sweep_;
  const std::vector<std::string> blocks = blockKeys(s.axes);
  std::vector<std::pair<std::string, std::string>> fixed;
  for (const std::string& key : blocks) {
    if (key == x_key_ || key == y_key_) continue;
    std::string value;
    for (const auto& [k, v] : fixed_) {
      if (k == key) value = v;
    }
    for (const SweepAxis& a : s.axes) {
      if (a.key == key && value.empty() && !a.values.empty()) value = a.values[0];
    }
    fixed.emplace_back(key, value);
  }
  fixed_ = fixed;
}

// [SECTION] Drawing

void SweepView::draw(ImVec2 size) {
  if (!sweep_) return;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  drawHeader();
  const float used = ImGui::GetCursorScreenPos().y - origin.y;
  const float h = std::max(ui::px(120), size.y - used);
  const float table_w = std::min(ui::px(520), 0.45f * size.x);
  ImGui::BeginChild("sweep_groups", ImVec2(table_w, h), false);
  drawGroupTable(ImGui::GetContentRegionAvail());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("sweep_plots", ImVec2(0, h), false);
  const float half = (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
  drawCurves(ImVec2(ImGui::GetContentRegionAvail().x, half));
  drawHeatmap(ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y));
  ImGui::EndChild();
}

void SweepView::drawHeader() {
  const LoadedSweep& s = *sweep_;
  const std::string what = s.grid.description.empty() ? dir_ : s.grid.description;
  ImGui::TextUnformatted(fitText(what, ImGui::GetContentRegionAvail().x - ui::px(90)).c_str());
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - ui::px(80) + ImGui::GetCursorPosX());
  if (ImGui::SmallButton("Close sweep")) {
    close();
    return;
  }
  ImGui::TextDisabled("%zu of %zu runs finished%s%s · %s", s.finished, s.runs.size(),
                      s.diverged ? ", diverged: " : "", s.diverged ? std::to_string(s.diverged).c_str() : "",
                      s.done() ? "complete" : "still running: re-read every 2 s");
  if (!refresh_error_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", fitText(refresh_error_, 2000).c_str());
}

void SweepView::drawGroupTable(ImVec2 size) {
  const LoadedSweep& s = *sweep_;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  ImGui::TextDisabled("groups over seeds: final test error %%, mean ± std (n)");
  if (!ImGui::BeginTable("sweep_group_table", 4, flags, ImVec2(size.x, size.y - ImGui::GetFrameHeightWithSpacing()))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("show", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("group", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("final %", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("n", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (size_t g = 0; g < s.groups.size(); ++g) {
    const RunGroup& grp = s.groups[g];
    ImGui::TableNextRow();
    if (int(g) == hovered_group_) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(70, 90, 130, 160));
    ImGui::TableNextColumn();
    ImGui::PushID(int(g));
    bool on = shown_.count(g) > 0;
    ImGui::PushStyleColor(ImGuiCol_CheckMark, groupColor(shown_, g));
    if (ImGui::Checkbox("##show", &on)) {
      if (on) {
        shown_.insert(g);
      } else {
        shown_.erase(g);
      }
    }
    ImGui::PopStyleColor();
    ImGui::PopID();
    ImGui::TableNextColumn();
    const std::string& label = g < short_labels_.size() ? short_labels_[g] : grp.label;
    if (grp.best) {
      ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.55f, 1), "%s", label.c_str());
    } else {
      ImGui::TextUnformatted(label.c_str());
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s%s", grp.label.c_str(), grp.best ? "\nbest mean final test error in its block" : "");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(grp.diverged ? "diverged" : percent(grp.final_error).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%zu/%zu", grp.final_error.n, grp.runs.size());
  }
  ImGui::EndTable();
}

void SweepView::drawCurves(ImVec2 size) {
  const LoadedSweep& s = *sweep_;
  ImGui::Checkbox("log test error", &log_y_);
  ImGui::SameLine();
  ImGui::TextDisabled("mean over seeds, band: ± one std");
  size.y -= ImGui::GetFrameHeightWithSpacing();
  // Arrays the spans point into live until the plot is drawn.
  struct Arrays {
    std::vector<double> x, y, lo, hi;
  };
  std::vector<Arrays> arrays;
  arrays.reserve(shown_.size());
  std::vector<PlotSeries> series;
  for (size_t g : shown_) {
    if (g >= s.groups.size()) continue;
    Arrays a;
    for (const BandPoint& p : groupCurve(s, s.groups[g], CurveMetric::kTestError)) {
      a.x.push_back(p.epoch);
      a.y.push_back(100 * p.mean);
      const double sd = p.n > 1 ? 100 * p.std : 0;
      a.lo.push_back(std::max(1e-3, 100 * p.mean - sd));
      a.hi.push_back(100 * p.mean + sd);
    }
    if (a.x.empty()) continue;
    arrays.push_back(std::move(a));
    const Arrays& b = arrays.back();
    PlotSeries ps;
    ps.label = g < short_labels_.size() ? short_labels_[g] : s.groups[g].label;
    ps.color = groupColor(shown_, g);
    ps.x = b.x;
    ps.y = b.y;
    ps.band_lo = b.lo;
    ps.band_hi = b.hi;
    ps.group = int(g);
    ps.markers = b.x.size() < 40;
    series.push_back(ps);
  }
  PlotOptions o;
  o.title = series.empty() ? "tick groups in the table, or click heatmap cells, to draw their curves"
                            : "test error % against epoch";
  o.x_label = "epoch";
  o.log_y = log_y_;
  o.legend = true;
  drawLinePlot("sweep_curves", size, series, o, &view_, &legend_);
}

}  // namespace mulab::gui
