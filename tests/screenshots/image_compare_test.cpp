// The screenshot comparison on generated images: noise passes, real changes
// fail, borders are ignored, a size change fails. (The script also checks it
// against real renders: changed colour map, moved trajectory, missing label.)
#include <gtest/gtest.h>

#include "image_compare.hpp"

namespace mulab::screenshots {
namespace {

Image gradient(int w, int h) {
  Image img{w, h, std::vector<uint8_t>(size_t(w) * h * 4)};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &img.rgba[(size_t(y) * w + x) * 4];
      p[0] = uint8_t(x * 255 / w);
      p[1] = uint8_t(y * 255 / h);
      p[2] = 128;
      p[3] = 255;
    }
  }
  return img;
}

TEST(ImageCompare, IdenticalAndNoisyImagesPass) {
  const Image g = gradient(200, 150);
  CompareResult r = compareImages(g, g, {});
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(r.differing, 0);
  EXPECT_EQ(r.compared, (200 - 8) * (150 - 8));
  Image noisy = g;
  for (size_t i = 0; i < noisy.rgba.size(); i += 4) noisy.rgba[i] = uint8_t(std::min(255, noisy.rgba[i] + int(i % 21)));
  EXPECT_TRUE(compareImages(noisy, g, {}).pass);  // every pixel off by up to 20: below the threshold
}

TEST(ImageCompare, AChangedBlockFailsAndIsMarkedInTheDiff) {
  const Image g = gradient(200, 150);
  Image changed = g;
  for (int y = 60; y < 70; ++y) {
    for (int x = 90; x < 100; ++x) changed.rgba[(size_t(y) * 200 + x) * 4 + 2] = 0;  // blue 128 -> 0
  }
  const CompareResult r = compareImages(changed, g, {});
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.differing, 100);
  const uint8_t* marked = &r.diff.rgba[(size_t(65) * 200 + 95) * 4];
  EXPECT_EQ(marked[0], 255);
  EXPECT_EQ(marked[1], 0);
}

TEST(ImageCompare, FewDifferingPixelsUnderTheCapPass) {
  const Image g = gradient(200, 150);
  Image changed = g;
  for (int x = 50; x < 55; ++x) changed.rgba[(size_t(40) * 200 + x) * 4] ^= 0xff;  // 5 pixels < 0.1%
  EXPECT_TRUE(compareImages(changed, g, {}).pass);
}

TEST(ImageCompare, BorderIsIgnoredAndSizeChangesFail) {
  const Image g = gradient(200, 150);
  Image edge = g;
  for (int x = 0; x < 200; ++x) {
    for (int y : {0, 1, 2, 3, 146, 147, 148, 149}) edge.rgba[(size_t(y) * 200 + x) * 4] ^= 0xff;
  }
  EXPECT_TRUE(compareImages(edge, g, {}).pass);
  const CompareResult r = compareImages(gradient(201, 150), g, {});
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.summary(), "image sizes differ");
}

}  // namespace
}  // namespace mulab::screenshots
