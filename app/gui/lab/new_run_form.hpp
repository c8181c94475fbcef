// The training lab's new-run form, drawn from the run options table
// (train/run_options.hpp): the options marked for the form first, the rest
// that matter for the chosen method and optimizer under "More options". A
// new option appears here by its row alone. The form says what is wrong (a
// bad width, too much memory, missing data) instead of starting.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "scene/scene.hpp"
#include "train/run_options.hpp"

namespace mulab::gui {

class NewRunForm {
 public:
  NewRunForm();
  // Draws the form; returns the run to start when "Start run" was pressed.
  // `data_dir` is where the lab reads its data (for the "Data missing" line).
  std::optional<RunConfig> draw(const std::string& data_dir);
  const RunConfig& draft() const { return draft_; }

 private:
  void drawOption(const RunOption& option);
  bool drawChoice(const RunOption& option, OptionValue& value);
  bool drawText(const RunOption& option, OptionValue& value);
  bool drawNumber(const RunOption& option, OptionValue& value);
  std::string problem() const;

  RunConfig draft_;
  // Lists and paths as typed, with what they last parsed from, so a width
  // being typed ("500,") is not reformatted under the cursor.
  struct Typed {
    std::string text, synced, error;
  };
  std::map<std::string, Typed> typed_;
};

// Checkpoints a lab run keeps unless the form says otherwise: enough for
// the Landscape view's paths (at most 100 of 650k floats: 260 MB for
// 784-500-500-10, within the run's memory budget).
inline constexpr long kLabCheckpointEvery = 20;

}  // namespace mulab::gui
