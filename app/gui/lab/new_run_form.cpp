#include "gui/lab/new_run_form.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "gui/widgets/ui_style.hpp"
#include "platform/platform.hpp"

namespace mulab::gui {

NewRunForm::NewRunForm() : draft_(defaultRunConfig(Method::kBp)) {
  keepCheckpointsEvery(draft_, kLabCheckpointEvery);
}

bool NewRunForm::drawChoice(const RunOption& o, OptionValue& value) {
  const ChoiceNames& names = *o.spec.choices;
  int index = int(std::get<double>(value));
  bool changed = false;
  if (ImGui::BeginCombo(o.spec.label.c_str(), std::string(names.display(index)).c_str())) {
    for (int i = 0; i < names.size(); ++i) {
      if (ImGui::Selectable(std::string(names.display(i)).c_str(), i == index)) {
        index = i;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  value = double(index);
  return changed;
}

// Widths and paths: typed as text, parsed by the row; a parse error is the
// form's problem until the text parses.
bool NewRunForm::drawText(const RunOption& o, OptionValue& value) {
  Typed& t = typed_[o.spec.key];
  const std::string current = formatOptionValue(o.spec, value);
  if (current != t.synced && t.error.empty()) t.text = t.synced = current;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s", t.text.c_str());
  if (!ImGui::InputText(o.spec.label.c_str(), buf, sizeof buf)) return false;
  t.text = buf;
  auto parsed = parseOptionText(o.spec, t.text, o.spec.key);
  t.error = parsed ? "" : parsed.error();
  if (!parsed) return false;
  value = *parsed;
  t.synced = formatOptionValue(o.spec, value);
  return true;
}

bool NewRunForm::drawNumber(const RunOption& o, OptionValue& value) {
  const FormHint& f = o.spec.form;
  double& v = std::get<double>(value);
  if (o.spec.kind == OptionKind::kCount) {
    long long n = static_cast<long long>(v);
    const long long step = static_cast<long long>(f.step), fast = static_cast<long long>(f.step_fast);
    if (!ImGui::InputScalar(o.spec.label.c_str(), ImGuiDataType_S64, &n, step > 0 ? &step : nullptr,
                            fast > 0 ? &fast : nullptr)) {
      return false;
    }
    // A form's +/- buttons stop at the bounds rather than asking for a fix.
    v = std::clamp(double(n), o.spec.off.empty() ? o.spec.lo : -1.0, o.spec.hi);
    return true;
  }
  float x = float(v);
  bool changed = false;
  if (f.widget == FormHint::kSlider || f.widget == FormHint::kLogSlider) {
    const bool log = f.widget == FormHint::kLogSlider;
    changed = ImGui::SliderFloat(o.spec.label.c_str(), &x, float(f.lo), float(f.hi), log ? "%.4g" : "%.3f",
                                 log ? ImGuiSliderFlags_Logarithmic : 0);
    if (changed) v = x;
  } else {
    changed = ImGui::InputDouble(o.spec.label.c_str(), &v, 0, 0, "%.4g");
  }
  return changed;
}

void NewRunForm::drawOption(const RunOption& o) {
  OptionValue value = o.get(draft_);
  bool changed = false;
  switch (o.spec.kind) {
    case OptionKind::kChoice: changed = drawChoice(o, value); break;
    case OptionKind::kWidths:
    case OptionKind::kPath: changed = drawText(o, value); break;
    case OptionKind::kNumber:
    case OptionKind::kCount: changed = drawNumber(o, value); break;
    case OptionKind::kBytes: break;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%s)", o.spec.help.c_str(), o.spec.flag().c_str());
  if (!changed) return;
  if (o.spec.key == "method") {
    // Another method: its defaults, keeping what the user set that both share.
    draft_ = switchMethod(draft_, static_cast<Method>(int(std::get<double>(value))));
    typed_.clear();
  } else {
    o.set(draft_, value);
  }
}

std::string NewRunForm::problem() const {
  for (const auto& [key, t] : typed_) {
    if (!t.error.empty()) return t.error;
  }
  if (auto err = checkRunConfig(draft_, plainKey)) return *err;
  if (auto why = platform::trainingUnavailable()) return *why;
  return "";
}

std::optional<RunConfig> NewRunForm::draw(const std::string& data_dir) {
  ImGui::TextDisabled("NEW RUN");
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
  for (const RunOption& o : runOptions()) {
    if (o.spec.form.main && o.spec.form.widget != FormHint::kHidden && o.mattersFor(draft_)) drawOption(o);
  }
  if (ImGui::CollapsingHeader("More options")) {
    for (const RunOption& o : runOptions()) {
      if (!o.spec.form.main && o.spec.form.widget != FormHint::kHidden && o.mattersFor(draft_)) drawOption(o);
    }
  }
  ImGui::PopItemWidth();

  const std::string why = problem();
  // The browser fetches the data on first ask and says how far it got.
  auto missing = platform::datasetUnavailable(draft_.dataset);
  if (!missing) {
    missing = datasetMissing(draft_.dataset, data_dir, data_dir == resolveDataDir("") && dataDirIsImplicit(""));
  }
  ImGui::PushTextWrapPos(0);
  if (missing) ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1), "Data missing: %s", missing->c_str());
  if (!why.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "%s", why.c_str());
  ImGui::PopTextWrapPos();
  ImGui::BeginDisabled(!why.empty() || missing.has_value());
  const bool start = ImGui::Button("Start run", ImVec2(-FLT_MIN, 0));
  ImGui::EndDisabled();
  if (start) return draft_;
  return std::nullopt;
}

}  // namespace mulab::gui
