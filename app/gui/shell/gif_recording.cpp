#include "gui/shell/gif_recording.hpp"

#include "gui/shell/frame_capture.hpp"

namespace mulab::gui {

GifRecording::GifRecording(std::string path, int width, int height, int frames)
    : path_(std::move(path)), width_(width), height_(height), frames_(frames),
      encoder_(width, height, kDelayCs) {}

bool GifRecording::capture(const std::function<void()>& draw) {
  if (encoder_.frames() < frames_) {
    const Image img = renderOffscreen(width_, height_, draw);
    encoder_.addFrame(img.rgba.data(), img.width * 4);
  }
  // An encoder error stops the recording early; finish() reports it.
  return encoder_.frames() >= frames_ || encoder_.error().has_value();
}

std::optional<std::string> GifRecording::finish() {
  return encoder_.writeTo(path_);  // names the path in any error
}

}  // namespace mulab::gui
