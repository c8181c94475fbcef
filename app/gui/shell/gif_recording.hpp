// A GIF being recorded from the surface view: one offscreen render of the
// view per app frame (frame_capture.hpp, so no menu, dialog or settings
// column gets in), encoded as it arrives (gif_encoder.hpp) and written
// atomically at the end. The explorer plays at a fixed time step while a
// recording runs, so a recording of a scene is the same bytes every time.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "gui/shell/gif_encoder.hpp"

namespace mulab::gui {

class GifRecording {
 public:
  // 25 frames per second: GIF delays are whole hundredths, and 4 cs is what
  // browsers and slide software play at the stated speed (under 2 cs many
  // slow down to 10 cs).
  static constexpr int kDelayCs = 4;
  static constexpr double kFrameSeconds = kDelayCs / 100.0;
  static constexpr int kMaxFrames = 1000;  // 40 s: a slide, not a film

  GifRecording(std::string path, int width, int height, int frames);

  // Renders `draw` (filling a width x height window) offscreen and adds it.
  // Returns true once the last frame is in.
  bool capture(const std::function<void()>& draw);
  // Writes the file atomically; an error naming the path, or nullopt.
  std::optional<std::string> finish();

  int framesDone() const { return encoder_.frames(); }
  int frames() const { return frames_; }

 private:
  std::string path_;
  int width_, height_, frames_;
  GifEncoder encoder_;
};

}  // namespace mulab::gui
