// GifEncoder: what it writes, decoded again with giflib's DGif API.
#include "gui/shell/gif_encoder.hpp"

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace mulab::gui {
namespace {

struct Reader {
  const std::string* bytes;
  size_t at = 0;
};

int readInput(GifFileType* gif, GifByteType* out, int size) {
  auto* r = static_cast<Reader*>(gif->UserData);
  const size_t n = std::min(size_t(size), r->bytes->size() - r->at);
  std::memcpy(out, r->bytes->data() + r->at, n);
  r->at += n;
  return int(n);
}

// Decodes all of `bytes` (DGifSlurp); closes on destruction.
struct Decoded {
  explicit Decoded(const std::string& bytes) : reader{&bytes} {
    int err = 0;
    gif = DGifOpen(&reader, readInput, &err);
    if (gif) ok = DGifSlurp(gif) == GIF_OK;
  }
  ~Decoded() {
    int err = 0;
    if (gif) DGifCloseFile(gif, &err);
  }
  // RGB of pixel (x, y) of frame k, through the frame's local colour map.
  std::array<int, 3> rgb(int k, int x, int y) const {
    const SavedImage& im = gif->SavedImages[k];
    const ColorMapObject* map = im.ImageDesc.ColorMap ? im.ImageDesc.ColorMap : gif->SColorMap;
    const GifColorType c = map->Colors[im.RasterBits[y * im.ImageDesc.Width + x]];
    return {c.Red, c.Green, c.Blue};
  }
  Reader reader;
  GifFileType* gif = nullptr;
  bool ok = false;
};

std::vector<uint8_t> flatFrame(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  std::vector<uint8_t> px(size_t(w) * h * 4);
  for (size_t i = 0; i < px.size(); i += 4) {
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = 255;
  }
  return px;
}

// A smooth 2D gradient: far more than 256 colours, so the quantizer runs.
std::vector<uint8_t> gradientFrame(int w, int h, int shift) {
  std::vector<uint8_t> px(size_t(w) * h * 4);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &px[(size_t(y) * w + x) * 4];
      p[0] = uint8_t((255 * x) / (w - 1));
      p[1] = uint8_t((255 * y) / (h - 1));
      p[2] = uint8_t((x + y + shift) % 256);
      p[3] = 255;
    }
  }
  return px;
}

TEST(GifEncoder, FramesSizeLoopDelayAndAnExactFlatFrame) {
  const int w = 37, h = 23;  // odd sizes: no row padding assumptions
  GifEncoder enc(w, h, 7);
  const auto flat =
      flatFrame(w, h, 13, 77, 201);  // low bits set: a 5-bit quantizer would lose them
  enc.addFrame(flat.data(), 4 * w);
  for (int k = 0; k < 3; ++k) {
    const auto g = gradientFrame(w, h, 40 * k);
    enc.addFrame(g.data(), 4 * w);
  }
  EXPECT_EQ(enc.frames(), 4);
  const std::string bytes = enc.bytes();
  ASSERT_FALSE(enc.error()) << *enc.error();
  ASSERT_GT(bytes.size(), 13u);
  EXPECT_EQ(bytes.substr(0, 6), "GIF89a");

  Decoded d(bytes);
  ASSERT_TRUE(d.gif);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.gif->SWidth, w);
  EXPECT_EQ(d.gif->SHeight, h);
  ASSERT_EQ(d.gif->ImageCount, 4);

  // The loop extension is stored with the first frame: NETSCAPE2.0, then {1, 0, 0}.
  const SavedImage& first = d.gif->SavedImages[0];
  bool loops = false;
  for (int i = 0; i + 1 < first.ExtensionBlockCount; ++i) {
    const ExtensionBlock& b = first.ExtensionBlocks[i];
    const ExtensionBlock& next = first.ExtensionBlocks[i + 1];
    loops |= b.Function == APPLICATION_EXT_FUNC_CODE && b.ByteCount == 11 &&
             std::memcmp(b.Bytes, "NETSCAPE2.0", 11) == 0 && next.ByteCount == 3 &&
             next.Bytes[0] == 1 && next.Bytes[1] == 0 && next.Bytes[2] == 0;
  }
  EXPECT_TRUE(loops);

  for (int k = 0; k < 4; ++k) {
    GraphicsControlBlock gcb;
    ASSERT_EQ(DGifSavedExtensionToGCB(d.gif, k, &gcb), GIF_OK);
    EXPECT_EQ(gcb.DelayTime, 7);
    EXPECT_EQ(d.gif->SavedImages[k].ImageDesc.Width, w);
  }
  // The flat frame comes back bit for bit.
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto c = d.rgb(0, x, y);
      ASSERT_EQ(c[0], 13);
      ASSERT_EQ(c[1], 77);
      ASSERT_EQ(c[2], 201);
    }
  }
  // The quantized frames stay close to the original on average.
  const auto g0 = gradientFrame(w, h, 0);
  double err = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto c = d.rgb(1, x, y);
      for (int ch = 0; ch < 3; ++ch) err += std::abs(c[ch] - g0[(size_t(y) * w + x) * 4 + ch]);
    }
  }
  // giflib quantizes in 5-bit cells (8 levels): about 4.5 levels here, 6.2
  // before the palette was re-centred on its pixels.
  EXPECT_LT(err / (3.0 * w * h), 5.0);
  RecordProperty("mean_abs_error", std::to_string(err / (3.0 * w * h)));
}

TEST(GifEncoder, SameFramesSameBytesAndStrideIsHonoured) {
  const int w = 16, h = 9, stride = 4 * w + 12;
  std::vector<uint8_t> padded(size_t(stride) * h, 0xAB);  // padding must be ignored
  const auto g = gradientFrame(w, h, 5);
  for (int y = 0; y < h; ++y)
    std::memcpy(&padded[size_t(y) * stride], &g[size_t(y) * 4 * w], 4 * w);
  GifEncoder a(w, h, 4), b(w, h, 4);
  a.addFrame(g.data(), 4 * w);
  b.addFrame(padded.data(), stride);
  EXPECT_EQ(a.bytes(), b.bytes());
  EXPECT_FALSE(a.bytes().empty());
}

TEST(GifEncoder, WritesAtomicallyAndNamesErrors) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "gif_encoder_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.gif").string();
  std::filesystem::remove(path);
  {
    GifEncoder enc(8, 8, 10);
    const auto f = flatFrame(8, 8, 1, 2, 3);
    for (int k = 0; k < 5; ++k) enc.addFrame(f.data(), 32);
    EXPECT_EQ(enc.writeTo(path), std::nullopt);
    std::ifstream in(path, std::ios::binary);
    const std::string on_disk{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(on_disk, enc.bytes());
    Decoded d(on_disk);
    ASSERT_TRUE(d.ok);
    EXPECT_EQ(d.gif->ImageCount, 5);
  }
  GifEncoder none(8, 8, 10);
  EXPECT_EQ(none.writeTo((dir / "none.gif").string()),
            (dir / "none.gif").string() + ": GIF: no frames to write");
  EXPECT_FALSE(std::filesystem::exists(dir / "none.gif"));

  GifEncoder enc(8, 8, 10);
  const auto f = flatFrame(8, 8, 1, 2, 3);
  enc.addFrame(f.data(), 32);
  const std::string missing = (dir / "nodir" / "x.gif").string();
  const auto err = enc.writeTo(missing);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->rfind(missing, 0), 0u) << *err;

  GifEncoder bad(0, 10, 10);
  EXPECT_EQ(*bad.error(), "GIF: size 0x10 is outside 1..65535 per side");
  GifEncoder narrow(8, 8, 10);
  narrow.addFrame(f.data(), 16);
  EXPECT_EQ(*narrow.error(), "GIF: frame 1: row stride 16 is less than 4 x width");
}

}  // namespace
}  // namespace mulab::gui
