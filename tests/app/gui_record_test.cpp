// `mulab --record`: the real app under Xvfb (ctest wraps this binary in
// xvfb-run) writes an animated GIF of the surface view. Two recordings of the
// same scene must be the same bytes, with exactly --frames frames of --size,
// and the animation must move (the frames differ); a bad path is refused
// before anything renders.
#include <gif_lib.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

int runGui(const std::string& args, std::string* err = nullptr) {
  const std::string err_file = ::testing::TempDir() + "/gui_record_stderr.txt";
  const std::string cmd = std::string(MULAB_GUI) + " " + args + " 2>" + err_file;
  const int st = std::system(cmd.c_str());
  if (err) {
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    *err = ss.str();
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kScene = std::string(MULAB_SOURCE_DIR) + "/tests/screenshots/scenes/valley_rosenbrock.json";

TEST(GuiRecord, SameBytesTwiceWithTheAskedFramesAndSize) {
  const fs::path dir = fs::path(::testing::TempDir()) / "gui_record";
  fs::create_directories(dir);
  const fs::path a = dir / "a.gif", b = dir / "b.gif";
  fs::remove(a);
  fs::remove(b);
  const std::string common = "--scene " + kScene + " --size 480x320 --frames 6 --record ";
  ASSERT_EQ(runGui(common + a.string()), 0);
  ASSERT_EQ(runGui(common + b.string()), 0);
  const std::string bytes = readAll(a);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_TRUE(bytes == readAll(b)) << "two recordings of one scene differ";
  EXPECT_EQ(bytes.substr(0, 6), "GIF89a");

  int error = 0;
  GifFileType* gif = DGifOpenFileName(a.c_str(), &error);
  ASSERT_NE(gif, nullptr) << GifErrorString(error);
  ASSERT_EQ(DGifSlurp(gif), GIF_OK);
  EXPECT_EQ(gif->SWidth, 480);
  EXPECT_EQ(gif->SHeight, 320);
  ASSERT_EQ(gif->ImageCount, 6);
  // The scene is paused at step 400; a recording plays it, so frames differ.
  const SavedImage& first = gif->SavedImages[0];
  const SavedImage& last = gif->SavedImages[5];
  EXPECT_EQ(first.ImageDesc.Width, 480);
  EXPECT_EQ(first.ImageDesc.Height, 320);
  const size_t n = size_t(first.ImageDesc.Width) * first.ImageDesc.Height;
  size_t differ = 0;
  for (size_t i = 0; i < n; ++i) {
    const GifColorType ca = first.ImageDesc.ColorMap->Colors[first.RasterBits[i]];
    const GifColorType cb = last.ImageDesc.ColorMap->Colors[last.RasterBits[i]];
    differ += ca.Red != cb.Red || ca.Green != cb.Green || ca.Blue != cb.Blue;
  }
  EXPECT_GT(differ, 20u) << "the markers did not move";
  EXPECT_LT(differ, n / 4) << "more changed than markers and trails";
  DGifCloseFile(gif, &error);
}

TEST(GuiRecord, BadPathIsOneClearErrorAndExitTwo) {
  std::string err;
  const std::string missing = ::testing::TempDir() + "/no_such_folder/x.gif";
  EXPECT_EQ(runGui("--scene " + kScene + " --frames 2 --record " + missing, &err), 2);
  EXPECT_EQ(err, "mulab: error: --record: " + missing + ": folder " + ::testing::TempDir() +
                     "/no_such_folder does not exist\n");
  EXPECT_FALSE(fs::exists(missing));
}

}  // namespace
