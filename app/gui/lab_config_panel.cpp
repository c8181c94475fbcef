// The training lab's new-run form: dataset, method, architecture, optimizer
// and rule; it says what is wrong (a bad width, too much memory, missing
// data) instead of starting.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/training_lab.hpp"
#include "gui/ui_style.hpp"
#include "platform/platform.hpp"
#include "train/memory_budget.hpp"
#include "util/parse.hpp"

namespace mulab::gui {

void TrainingLab::drawConfig() {
  RunConfig& c = draft_.config;
  ImGui::TextDisabled("NEW RUN");
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
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
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("BP: backpropagation with any optimizer and update rule\n"
                      "ER: expectation reflection, layer solves without a learning rate\n"
                      "AltMin: online alternating minimization with auxiliary codes\n"
                      "FA: feedback alignment (fixed random backward weights)");
  }
  ImGui::InputText("hidden", hidden_buf_, sizeof hidden_buf_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("widths like 500,500; 'none' for single-layer ER");
  if (c.method != Method::kEr) {
    int act = int(c.activation);
    if (ImGui::Combo("activation", &act, "relu\0tanh\0sigmoid\0")) c.activation = static_cast<Activation>(act);
  }
  ImGui::InputInt("batch", &c.batch, 50, 500);
  ImGui::InputInt("epochs", &c.epochs, 1, 10);
  int seed = int(std::min<uint64_t>(c.seed, 1u << 30));
  if (ImGui::InputInt("seed", &seed)) c.seed = uint64_t(std::max(0, seed));
  if (c.method != Method::kEr) {
    int every = int(std::min<long>(c.checkpoint_every, 1 << 30)), kept = int(c.checkpoint_max);
    if (ImGui::InputInt("checkpoint every", &every, 10, 100)) c.checkpoint_every = std::max(0, every);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("steps between kept weights, for the Landscape view (0: none)");
    }
    if (c.checkpoint_every > 0 && ImGui::InputInt("checkpoints kept", &kept, 10, 100)) {
      c.checkpoint_max = std::clamp(kept, 2, int(kMaxCheckpoints));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("past this many, every other one is dropped (the stride doubles)");
  }
  if (c.method == Method::kEr) {
    float ridge = float(c.er_ridge);
    if (ImGui::InputFloat("ridge λ", &ridge, 0, 0, "%.3g")) c.er_ridge = ridge;
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
    if (c.optimizer.rule != UpdateRule::kMultiplicative) param("η (lr)", c.optimizer.lr, 1e-5f, 1.0f);
    if (c.optimizer.rule != UpdateRule::kAdditive) {
      param("η_out", c.optimizer.lr_out, 1e-4f, 0.5f);
      param("η_in", c.optimizer.lr_in, 1e-2f, 1000.0f);
    }
    if (c.optimizer.rule == UpdateRule::kHybrid) {
      float g = float(c.optimizer.gamma);
      if (ImGui::SliderFloat("γ", &g, 0, 1)) c.optimizer.gamma = g;
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
  if (problem.empty()) {
    if (auto why = platform::trainingUnavailable()) problem = *why;
  }
  // The browser fetches the data on first ask and says how far it got.
  auto missing = platform::datasetUnavailable(c.dataset);
  if (!missing) missing = datasetMissing(c.dataset, data_dir_, data_dir_ == resolveDataDir("") && dataDirIsImplicit(""));
  ImGui::PushTextWrapPos(0);
  if (missing) ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1), "Data missing: %s", missing->c_str());
  if (!problem.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", problem.c_str());
  ImGui::PopTextWrapPos();
  ImGui::BeginDisabled(!problem.empty() || missing.has_value());
  if (ImGui::Button("Start run", ImVec2(-FLT_MIN, 0))) {
    draft_.color = paletteColor(next_id_ - 1);
    startRun(draft_);
  }
  ImGui::EndDisabled();
}

}  // namespace mulab::gui
