// Animated GIF export of the view for slides (File menu and `mulab --scene
// FILE --size WxH --frames N --record out.gif`), through Debian's giflib.
// No ImGui or OpenGL here: the app reads its framebuffer and hands the
// pixels over, so the encoder is tested on its own.
//
// Frames are encoded as they arrive (memory holds the compressed GIF, not N
// raw frames), each with its own palette: the frame's exact colours when it
// has at most 256, else giflib's median-cut quantizer (GifQuantizeBuffer).
// Both are deterministic, so the same frames give the same bytes. The
// animation loops forever (NETSCAPE2.0 application extension) and is written
// atomically (util/atomic_file.hpp): a failed export leaves no file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mulab::gui {

class GifEncoder {
 public:
  // width, height in pixels (1..65535); delay_cs: time each frame is shown,
  // in hundredths of a second (0..65535; GIF viewers treat under 2 as ~10).
  GifEncoder(int width, int height, int delay_cs);
  ~GifEncoder();
  GifEncoder(const GifEncoder&) = delete;
  GifEncoder& operator=(const GifEncoder&) = delete;

  // One frame of width x height RGBA pixels (alpha ignored), top row first,
  // `stride` bytes from one row to the next. Ignored after an error or once
  // written.
  void addFrame(const uint8_t* rgba, int stride);

  int frames() const { return frames_; }
  // The first error (bad size, giflib failure), if any.
  const std::optional<std::string>& error() const { return error_; }

  // Finishes the GIF (no frames may follow) and writes it to `path`
  // atomically. Returns an error naming the path, or nullopt. May be called
  // again (the same bytes are written).
  std::optional<std::string> writeTo(const std::string& path);

  // Finishes the GIF and returns its bytes (empty after an error).
  const std::string& bytes();

 private:
  struct Gif;
  void fail(const std::string& what);
  void finish();

  [[maybe_unused]] int width_, height_, delay_cs_;  // unused by the browser's stand-in
  int frames_ = 0;
  std::unique_ptr<Gif> gif_;
  std::string bytes_;
  bool finished_ = false;
  std::optional<std::string> error_;
};

}  // namespace mulab::gui
