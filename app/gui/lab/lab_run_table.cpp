// The training lab's run table: every run's settings and results as sortable
// columns (hide columns from the header's context menu), a checkbox that
// shows it in the plots, an editable colour, live progress; click selects a
// run for inspection, ctrl-click picks a second to compare beside it.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/widgets/draw_limits.hpp"
#include "gui/lab/training_lab.hpp"
#include "gui/widgets/ui_style.hpp"
#include "util/parse.hpp"

namespace mulab::gui {
namespace {

enum Column { kShow, kColour, kRun, kState, kEpoch, kTestErr, kBestErr, kSpeed, kMethod, kOptimizer, kRule,
              kLr, kLrOut, kGamma, kHidden, kBatch, kSeed, kColumns };

double lastTest(const std::vector<MetricPoint>& pts) {
  for (auto it = pts.rbegin(); it != pts.rend(); ++it) {
    if (!std::isnan(it->test_acc)) return it->test_acc;
  }
  return NAN;
}

double bestTest(const std::vector<MetricPoint>& pts) {
  double best = NAN;
  for (const MetricPoint& p : pts) {
    if (!std::isnan(p.test_acc) && !(best >= p.test_acc)) best = p.test_acc;
  }
  return best;
}

std::string hiddenText(const RunConfig& c) {
  std::string s;
  for (int h : c.hidden) {
    if (!s.empty()) s += ',';
    s += std::to_string(h);
  }
  return s.empty() ? "none" : s;
}

std::string errorText(double acc) {
  if (std::isnan(acc)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * (1 - acc));
  return buf;
}

}  // namespace

// [SECTION] The table

void TrainingLab::drawRunTable() {
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("runs", kColumns, flags)) return;
  ImGui::TableSetupScrollFreeze(3, 1);
  const ImGuiTableColumnFlags hide = ImGuiTableColumnFlags_DefaultHide;
  ImGui::TableSetupColumn("show", ImGuiTableColumnFlags_NoSort, 0, kShow);
  ImGui::TableSetupColumn("colour", ImGuiTableColumnFlags_NoSort, 0, kColour);
  ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_DefaultSort, 0, kRun);
  ImGui::TableSetupColumn("state", 0, ui::px(190), kState);
  ImGui::TableSetupColumn("epoch", 0, 0, kEpoch);
  ImGui::TableSetupColumn("test error", 0, 0, kTestErr);
  ImGui::TableSetupColumn("best", 0, 0, kBestErr);
  ImGui::TableSetupColumn("samples/s", 0, 0, kSpeed);
  ImGui::TableSetupColumn("method", 0, 0, kMethod);
  ImGui::TableSetupColumn("optimizer", 0, 0, kOptimizer);
  ImGui::TableSetupColumn("rule", 0, 0, kRule);
  ImGui::TableSetupColumn("η", 0, 0, kLr);
  ImGui::TableSetupColumn("η_out", 0, 0, kLrOut);
  ImGui::TableSetupColumn("γ", 0, 0, kGamma);
  ImGui::TableSetupColumn("hidden", 0, 0, kHidden);
  ImGui::TableSetupColumn("batch", hide, 0, kBatch);
  ImGui::TableSetupColumn("seed", 0, 0, kSeed);
  ImGui::TableHeadersRow();

  // Rows in the sort order the header asks for.
  table_order_.clear();
  for (const Entry& e : entries_) table_order_.push_back(e.id);
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    auto key = [&](const Entry& e) -> double {
      const RunConfig& c = e.spec.config;
      switch (s.ColumnUserID) {
        case kEpoch: return e.points.empty() ? 0 : e.points.back().epoch;
        case kTestErr: return 1 - lastTest(e.points);
        case kBestErr: return 1 - bestTest(e.points);
        case kSpeed: return e.run ? e.run->trainSamplesPerSecond() : 0;
        case kMethod: return double(c.method);
        case kOptimizer: return double(c.optimizer.base);
        case kRule: return double(c.optimizer.rule);
        case kLr: return c.optimizer.lr;
        case kLrOut: return c.optimizer.lr_out;
        case kGamma: return c.optimizer.gamma;
        case kHidden: return c.hidden.empty() ? 0 : double(c.hidden[0]) * double(c.hidden.size());
        case kBatch: return c.batch;
        case kSeed: return double(c.seed);
        default: return e.id;
      }
    };
    const bool descending = s.SortDirection == ImGuiSortDirection_Descending;
    std::stable_sort(table_order_.begin(), table_order_.end(), [&](int a, int b) {
      const double ka = key(*entry(a)), kb = key(*entry(b));
      if (std::isnan(ka)) return false;  // unknown values last, either way
      if (std::isnan(kb)) return true;
      return descending ? kb < ka : ka < kb;
    });
  }

  for (int id : table_order_) {
    Entry& e = *entry(id);
    const RunConfig& c = e.spec.config;
    ImGui::PushID(e.id);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(kShow);
    ImGui::Checkbox("##show", &e.visible);
    ImGui::TableSetColumnIndex(kColour);
    ImGui::ColorEdit3("##colour", e.spec.color.data(), ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel);
    ImGui::TableSetColumnIndex(kRun);
    const bool is_selected = e.id == selected_ || e.id == compare_;
    char label[64];
    std::snprintf(label, sizeof label, "#%d %s", e.id, e.origin.empty() ? "" : "(replay)");
    if (ImGui::Selectable(label, is_selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
      if (ImGui::GetIO().KeyCtrl && e.id != selected_) {
        compare_ = compare_ == e.id ? -1 : e.id;
      } else {
        selected_ = e.id;
        if (compare_ == e.id) compare_ = -1;
      }
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\nclick: inspect · ctrl-click: compare beside the selected run", describeConfig(c).c_str());
    }
    ImGui::TableSetColumnIndex(kState);
    if (e.run) {
      const RunProgress p = e.run->progress();
      const int epochs = c.epochs;
      const double done = p.steps_per_epoch > 0 ? (p.epoch + double(p.step_in_epoch) / double(p.steps_per_epoch)) / epochs : 0;
      char overlay[128];
      if (p.state == RunState::kRunning) {
        std::snprintf(overlay, sizeof overlay, "epoch %d/%d · ETA %s", p.epoch + 1, epochs, formatDuration(p.eta_s).c_str());
      } else if (p.state == RunState::kPaused) {
        std::snprintf(overlay, sizeof overlay, "paused at step %ld", e.points.empty() ? 0L : e.points.back().step);
      } else {
        std::snprintf(overlay, sizeof overlay, "%s", std::string(toString(p.state)).c_str());
      }
      ImGui::ProgressBar(p.state == RunState::kFinished ? 1.0f : float(done), ImVec2(ui::px(180), 0), overlay);
      if (p.state == RunState::kFailed && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.error.c_str());
    } else {
      ImGui::TextDisabled("recorded");
    }
    auto cell = [](int column, const std::string& text) {
      ImGui::TableSetColumnIndex(column);
      ImGui::TextUnformatted(text.c_str());
    };
    char num[48];
    std::snprintf(num, sizeof num, "%.2f", e.points.empty() ? 0.0 : e.points.back().epoch);
    cell(kEpoch, num);
    cell(kTestErr, errorText(lastTest(e.points)));
    cell(kBestErr, errorText(bestTest(e.points)));
    std::snprintf(num, sizeof num, "%.0f", e.run ? e.run->trainSamplesPerSecond() : 0.0);
    cell(kSpeed, e.run ? num : "-");
    cell(kMethod, std::string(toString(c.method)));
    const bool er = c.method == Method::kEr;
    cell(kOptimizer, er ? "-" : std::string(displayName(c.optimizer.base)));
    cell(kRule, er ? "-" : std::string(toString(c.optimizer.rule)));
    std::snprintf(num, sizeof num, "%g", c.optimizer.lr);
    cell(kLr, er || c.optimizer.rule == UpdateRule::kMultiplicative ? "-" : num);
    std::snprintf(num, sizeof num, "%g", c.optimizer.lr_out);
    cell(kLrOut, er || c.optimizer.rule == UpdateRule::kAdditive ? "-" : num);
    std::snprintf(num, sizeof num, "%g", c.optimizer.gamma);
    cell(kGamma, er || c.optimizer.rule != UpdateRule::kHybrid ? "-" : num);
    cell(kHidden, hiddenText(c));
    cell(kBatch, std::to_string(c.batch));
    cell(kSeed, std::to_string(c.seed));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] Actions on the selected run

void TrainingLab::drawRunActions() {
  Entry* e = entry(selected_);
  if (e && e->run && !e->run->finished()) {
    if (e->run->progress().state == RunState::kPaused) {
      if (ImGui::Button("Resume")) e->run->resume();
    } else if (ImGui::Button("Pause")) {
      e->run->pause();
    }
    ImGui::SameLine();
    if (ImGui::Button("Stop")) e->run->requestStop();
    ImGui::SameLine();
  }
  if (e) {
    if (ImGui::Button("Remove...")) {
      confirm_remove_ = e->id;
      ImGui::OpenPopup("Remove run?");
    }
    ImGui::SameLine();
  }
  // Export before Landscape: the landscape's note varies in length, so the
  // buttons before it keep their places.
  if (!entries_.empty()) {
    if (ImGui::Button("Export runs (CSV)...")) export_popup_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The runs shown in the plots, as one tidy CSV with every setting");
    ImGui::SameLine();
  }
  drawLandscapeAction();
  ImGui::TextDisabled("%zu runs · click a row to inspect, ctrl-click to compare", entries_.size());
  if (ImGui::BeginPopupModal("Remove run?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    const Entry* r = entry(confirm_remove_);
    ImGui::Text("Remove %s?", r ? r->label.c_str() : "this run");
    ImGui::TextDisabled("A live run stops; its curves go unless exported first.");
    if (ImGui::Button("Remove")) {
      removeEntry(confirm_remove_);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

bool TrainingLab::landscapeRequest(LandscapeRequest& out, std::vector<Color>& colors, std::string& why,
                                   std::string& note) {
  const Entry* e = entry(selected_);
  if (!e) return false;
  auto checkpointsOf = [&](const Entry& x, CheckpointSnapshot& snap) {
    if (!x.run) {
      why = x.label + " is a replay: it has curves, not weights";
      return false;
    }
    snap = x.run->checkpoints();
    if (!keepsCheckpoints(x.run->config())) {
      why = x.label + " keeps no checkpoints (set \"checkpoint every\" before starting)";
      return false;
    }
    const size_t needed = landscape_options_.pca ? 3 : 1;
    if (snap.items.size() < needed) {
      why = std::string("waiting for checkpoints: a ") + (landscape_options_.pca ? "PCA" : "random") + " plane needs " +
            std::to_string(needed) + ", " + x.label + " has " + std::to_string(snap.items.size());
      return false;
    }
    return true;
  };
  // A lab run as the pipeline sees it (core/landscape/landscape_pipeline.hpp).
  auto runOf = [](const Entry& x, const CheckpointSnapshot& snap) {
    LandscapeRun r;
    r.name = r.label = x.label;
    r.seed = x.spec.config.seed;
    r.checkpoints = snap.items;
    r.live = x.run;
    return r;
  };
  CheckpointSnapshot first;
  if (!checkpointsOf(*e, first)) return false;
  out = LandscapeRequest{};
  out.shape = first.shape;
  out.dataset = e->spec.config.dataset;
  out.data_dir = shell_.dataDir();
  out.pca = landscape_options_.pca;
  out.grid = landscape_options_.grid;
  out.samples = landscape_options_.samples;
  out.seed = e->spec.config.seed;
  out.runs.push_back(runOf(*e, first));
  colors = {e->spec.color};
  const Entry* c = entry(compare_);
  if (c && c->id != e->id) {
    CheckpointSnapshot second;
    if (!checkpointsOf(*c, second)) {
      note = "compared run left out: " + why;
      why.clear();
    } else if (!(second.shape == first.shape) || c->spec.config.dataset != e->spec.config.dataset) {
      note = "compared run left out: another architecture or dataset";
    } else {
      out.runs.push_back(runOf(*c, second));
      // One PCA plane needs one start (the rule the CLI and scenes follow too).
      if (auto err = out.pca ? sharedStartError(out.runs) : std::nullopt) {
        note = "compared run left out: " + *err;
        out.runs.pop_back();
      } else {
        colors.push_back(c->spec.color);
      }
    }
  }
  return true;
}

// [SECTION] Landscape

void TrainingLab::drawLandscapeAction() {
  if (!open_landscape_ || !entry(selected_)) return;
  LandscapeRequest request;
  std::vector<Color> colors;
  std::string why, note;
  const bool ok = landscapeRequest(request, colors, why, note);
  ImGui::BeginDisabled(!ok);
  if (ImGui::Button("Landscape")) open_landscape_(std::move(request), std::move(colors));
  ImGui::EndDisabled();
  const LandscapeOptions& o = landscape_options_;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    if (ok) {
      ImGui::SetTooltip("The loss on the %s of this run's checkpoints (and the compared run's,\n"
                        "when it can share the plane), %d x %d nodes on %ld training samples, with the paths,\n"
                        "in the explorer",
                        o.pca ? "PCA plane" : "random plane around the final weights", o.grid, o.grid, o.samples);
    } else {
      ImGui::SetTooltip("%s", why.c_str());
    }
  }
  ImGui::SameLine(0, ui::px(2));
  if (ImGui::ArrowButton("##landscape_options", ImGuiDir_Down)) ImGui::OpenPopup("landscape options");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Landscape options: plane, grid, samples");
  if (ImGui::BeginPopup("landscape options")) {
    LandscapeOptions& w = landscape_options_;
    ImGui::TextDisabled("directions");
    if (ImGui::RadioButton("PCA of the paths", w.pca)) w.pca = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The two principal directions of the checkpoints about the final weights");
    if (ImGui::RadioButton("random, filter-normalised (Li et al. 2018)", !w.pca)) w.pca = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Two seeded random directions (the run's seed) around the final weights");
    ImGui::TextDisabled("grid (coarse to fine, from 11 x 11)");
    for (int g : {21, 41, 81}) {
      ImGui::SameLine();
      if (ImGui::RadioButton((std::to_string(g) + "##grid").c_str(), w.grid == g)) w.grid = g;
    }
    ImGui::TextDisabled("training samples");
    for (long n : {1000L, 10000L}) {
      ImGui::SameLine();
      if (ImGui::RadioButton(n == 1000 ? "1k" : "10k", w.samples == n)) w.samples = n;
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (!ok || !note.empty()) {
    ImGui::TextDisabled("%s", ok ? note.c_str() : why.c_str());
    ImGui::SameLine();
  }
}

}  // namespace mulab::gui
