// The browser build has no giflib (emscripten ports none): GIF export is left
// out there (features.hpp: kGifExport) and this stands in for
// gui/shell/gif_encoder.cpp, so the app links; any use reports why it cannot work.
#include "gui/shell/gif_encoder.hpp"

namespace mulab::gui {

struct GifEncoder::Gif {};

GifEncoder::GifEncoder(int width, int height, int delay_cs) : width_(width), height_(height), delay_cs_(delay_cs) {
  fail("GIF export is not available in the browser build");
}
GifEncoder::~GifEncoder() = default;
void GifEncoder::addFrame(const uint8_t*, int) {}
std::optional<std::string> GifEncoder::writeTo(const std::string& path) { return path + ": " + *error_; }
const std::string& GifEncoder::bytes() { return bytes_; }
void GifEncoder::fail(const std::string& what) {
  if (!error_) error_ = what;
}
void GifEncoder::finish() { finished_ = true; }

}  // namespace mulab::gui
