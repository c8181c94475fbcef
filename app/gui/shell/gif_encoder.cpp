// GIF89a (https://www.w3.org/Graphics/GIF/spec-gif89a.txt) through giflib
// 5.2: a logical screen without a global colour table, then per frame a
// graphic control extension (the delay) and an image with a local colour
// table. The NETSCAPE2.0 loop extension follows the screen descriptor.
#include "gui/shell/gif_encoder.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <vector>

#include "util/atomic_file.hpp"

namespace mulab::gui {
namespace {

std::string gifError(int code) {
  const char* text = GifErrorString(code);
  return text ? text : "giflib error " + std::to_string(code);
}

// Appends giflib's output to the std::string behind UserData.
int appendOutput(GifFileType* gif, const GifByteType* data, int size) {
  static_cast<std::string*>(gif->UserData)
      ->append(reinterpret_cast<const char*>(data), size_t(size));
  return size;
}

struct ColorMapDeleter {
  void operator()(ColorMapObject* map) const { GifFreeMapObject(map); }
};
using ColorMap = std::unique_ptr<ColorMapObject, ColorMapDeleter>;

// GIF colour tables have 2^k entries, k in 1..8; spare entries are black.
ColorMap makeColorMap(const std::vector<GifColorType>& colors) {
  int size = 2;
  while (size < int(colors.size())) size *= 2;
  std::vector<GifColorType> padded(size_t(size), GifColorType{0, 0, 0});
  std::copy(colors.begin(), colors.end(), padded.begin());
  return ColorMap(GifMakeMapObject(size, padded.data()));
}

// The frame's own colours, sorted, when there are at most 256 of them
// (user-interface frames and flat fills keep their exact colours); empty
// otherwise.
std::vector<uint32_t> exactPalette(const std::vector<uint32_t>& pixels) {
  std::vector<uint32_t> seen;
  for (uint32_t p : pixels) {
    const auto at = std::lower_bound(seen.begin(), seen.end(), p);
    if (at != seen.end() && *at == p) continue;
    if (seen.size() == 256) return {};
    seen.insert(at, p);
  }
  return seen;
}

}  // namespace

struct GifEncoder::Gif {
  GifFileType* file = nullptr;
};

GifEncoder::GifEncoder(int width, int height, int delay_cs)
    : width_(width), height_(height), delay_cs_(delay_cs), gif_(std::make_unique<Gif>()) {
  if (width < 1 || width > 65535 || height < 1 || height > 65535) {
    fail("size " + std::to_string(width) + "x" + std::to_string(height) +
         " is outside 1..65535 per side");
    return;
  }
  if (delay_cs < 0 || delay_cs > 65535) {
    fail("frame delay " + std::to_string(delay_cs) + " cs is outside 0..65535");
    return;
  }
  int err = 0;
  gif_->file = EGifOpen(&bytes_, appendOutput, &err);
  if (!gif_->file) {
    fail(gifError(err));
    return;
  }
  EGifSetGifVersion(gif_->file, true);  // GIF89a: extensions follow
  if (EGifPutScreenDesc(gif_->file, width, height, 8, 0, nullptr) == GIF_ERROR) {
    fail(gifError(gif_->file->Error));
    return;
  }
  // Loop forever: NETSCAPE2.0, sub-block 1, loop count 0 (little-endian).
  const GifByteType app[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
  const GifByteType loop[] = {1, 0, 0};
  if (EGifPutExtensionLeader(gif_->file, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(gif_->file, sizeof app, app) == GIF_ERROR ||
      EGifPutExtensionBlock(gif_->file, sizeof loop, loop) == GIF_ERROR ||
      EGifPutExtensionTrailer(gif_->file) == GIF_ERROR) {
    fail(gifError(gif_->file->Error));
  }
}

GifEncoder::~GifEncoder() {
  if (gif_ && gif_->file) {
    int err = 0;
    EGifCloseFile(gif_->file, &err);
  }
}

void GifEncoder::fail(const std::string& what) {
  if (!error_) error_ = "GIF: " + what;
}

void GifEncoder::addFrame(const uint8_t* rgba, int stride) {
  if (error_ || finished_) return;
  if (stride < 4 * width_) {
    fail("frame " + std::to_string(frames_ + 1) + ": row stride " + std::to_string(stride) +
         " is less than 4 x width");
    return;
  }
  const size_t n = size_t(width_) * size_t(height_);
  std::vector<uint32_t> pixels(n);
  for (int y = 0; y < height_; ++y) {
    const uint8_t* row = rgba + size_t(y) * size_t(stride);
    for (int x = 0; x < width_; ++x) {
      const uint8_t* p = row + 4 * x;
      pixels[size_t(y) * width_ + x] = uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
    }
  }
  std::vector<GifByteType> indices(n);
  std::vector<GifColorType> colors;
  if (const std::vector<uint32_t> exact = exactPalette(pixels); !exact.empty()) {
    for (uint32_t c : exact) {
      colors.push_back({GifByteType(c >> 16), GifByteType(c >> 8), GifByteType(c)});
    }
    for (size_t i = 0; i < n; ++i) {
      indices[i] =
          GifByteType(std::lower_bound(exact.begin(), exact.end(), pixels[i]) - exact.begin());
    }
  } else {
    std::vector<GifByteType> r(n), g(n), b(n);
    for (size_t i = 0; i < n; ++i) {
      r[i] = GifByteType(pixels[i] >> 16);
      g[i] = GifByteType(pixels[i] >> 8);
      b[i] = GifByteType(pixels[i]);
    }
    int size = 256;
    std::array<GifColorType, 256> map{};
    if (GifQuantizeBuffer(unsigned(width_), unsigned(height_), &size, r.data(), g.data(), b.data(),
                          indices.data(), map.data()) == GIF_ERROR) {
      fail("frame " + std::to_string(frames_ + 1) + ": cannot quantize the colours");
      return;
    }
    colors.assign(map.begin(), map.begin() + std::clamp(size, 1, 256));
    // giflib builds its boxes from 5-bit colours and reports each box's
    // corner, 3.5 levels low on average: use the mean of the pixels each
    // entry stands for instead.
    std::vector<std::array<uint64_t, 4>> sum(colors.size(), {0, 0, 0, 0});
    for (size_t i = 0; i < n; ++i) {
      auto& s = sum[std::min<size_t>(indices[i], colors.size() - 1)];
      s[0] += r[i];
      s[1] += g[i];
      s[2] += b[i];
      ++s[3];
    }
    for (size_t k = 0; k < colors.size(); ++k) {
      const auto& s = sum[k];
      if (s[3] == 0) continue;
      colors[k] = {GifByteType((s[0] + s[3] / 2) / s[3]), GifByteType((s[1] + s[3] / 2) / s[3]),
                   GifByteType((s[2] + s[3] / 2) / s[3])};
    }
  }
  const ColorMap palette = makeColorMap(colors);
  if (!palette) {
    fail("frame " + std::to_string(frames_ + 1) + ": out of memory for the palette");
    return;
  }

  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.UserInputFlag = false;
  gcb.DelayTime = delay_cs_;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType ext[4];
  EGifGCBToExtension(&gcb, ext);
  GifFileType* f = gif_->file;
  if (EGifPutExtension(f, GRAPHICS_EXT_FUNC_CODE, sizeof ext, ext) == GIF_ERROR ||
      EGifPutImageDesc(f, 0, 0, width_, height_, false, palette.get()) == GIF_ERROR) {
    fail("frame " + std::to_string(frames_ + 1) + ": " + gifError(f->Error));
    return;
  }
  for (int y = 0; y < height_; ++y) {
    if (EGifPutLine(f, indices.data() + size_t(y) * width_, width_) == GIF_ERROR) {
      fail("frame " + std::to_string(frames_ + 1) + ": " + gifError(f->Error));
      return;
    }
  }
  ++frames_;
}

void GifEncoder::finish() {
  if (finished_) return;
  finished_ = true;
  if (!error_ && frames_ == 0) fail("no frames to write");
  if (gif_->file) {
    int err = 0;
    const int status = EGifCloseFile(gif_->file, &err);  // writes the trailer, frees
    gif_->file = nullptr;
    if (status == GIF_ERROR) fail(gifError(err));
  }
  if (error_) bytes_.clear();
}

const std::string& GifEncoder::bytes() {
  finish();
  return bytes_;
}

std::optional<std::string> GifEncoder::writeTo(const std::string& path) {
  finish();
  if (error_) return path + ": " + *error_;
  return writeFileAtomically(path, bytes_);
}

}  // namespace mulab::gui
