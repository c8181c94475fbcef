// Reading and writing files without trusting them: non-regular files, size
// caps before and while reading, atomic writes that leave nothing behind, and
// output paths checked before work starts.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "util/atomic_file.hpp"
#include "util/file_read.hpp"
#include "util/parse.hpp"

namespace mulab {
namespace {

namespace fs = std::filesystem;

class Files : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("files_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(Files, ReadsARegularFileWhole) {
  std::ofstream(path("a.txt")) << "hello\nworld\n";
  auto r = readTextFile(path("a.txt"), 100, "text file");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, "hello\nworld\n");
  auto b = readBinaryFile(path("a.txt"), 100, "text file");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size(), 12u);
}

TEST_F(Files, RefusesEveryNonRegularFileWithoutBlocking) {
  ASSERT_EQ(mkfifo(path("fifo").c_str(), 0600), 0);
  const int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path("sock").c_str());
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  fs::create_directory(path("dir"));
  fs::create_symlink("/dev/zero", path("zero_link"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {path("fifo"), "is a FIFO (named pipe), not a regular file"},
      {path("sock"), "is a socket, not a regular file"},
      {path("dir"), "is a directory, not a scene"},
      {"/dev/zero", "is a character device, not a regular file"},
      {"/dev/null", "is a character device"},
      {path("zero_link"), "is a character device"},
      {path("missing"), "missing: not found"},
      {path("missing") + "/x", "not found"},
      {"", "expected a file path, got an empty value"},
  };
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& [p, expected] : cases) {
    auto r = readTextFile(p, 1 << 20, "scene");
    ASSERT_FALSE(r.ok()) << p;
    EXPECT_NE(r.error().find(expected), std::string::npos) << r.error();
    if (!p.empty()) {
      EXPECT_EQ(r.error().rfind(p + ": ", 0), 0u) << "names the path first: " << r.error();
    }
  }
  // A FIFO with no writer would block open() or read() forever.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  close(s);
}

TEST_F(Files, SizeCapIsCheckedBeforeReadingASparseFile) {
  {
    std::ofstream f(path("sparse"));
  }
  ASSERT_EQ(truncate(path("sparse").c_str(), off_t{8} << 30), 0);  // 8 GiB, no blocks
  auto r = readBinaryFile(path("sparse"), 1 << 20, "IDX file");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("is 8 GiB, more than the 1 MiB a IDX file may have"), std::string::npos)
      << r.error();
  EXPECT_FALSE(checkInputFile(path("sparse"), uint64_t{9} << 30, "IDX file").has_value());
}

TEST_F(Files, SizeCapHoldsWhileReadingAFileWhoseStatSizeIsWrong) {
  // /proc files report size 0 but have content: the cap must hold while reading.
  auto r = readTextFile("/proc/self/maps", 64, "text");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("grew past the 64 bytes"), std::string::npos) << r.error();
  auto ok = readTextFile("/proc/self/maps", 16 << 20, "text");
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_GT(ok->size(), 64u);
}

TEST_F(Files, SplitLinesBoundsTheLineLength) {
  auto ok = splitLines("a\r\nbb\n\nccc", 3, "f.csv");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 4u);
  EXPECT_EQ((*ok)[0], "a");
  EXPECT_EQ((*ok)[3], "ccc");
  auto bad = splitLines("a\nbbbb\n", 3, "f.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), "f.csv: line 2 is longer than 3 characters");
}

TEST_F(Files, AtomicWriteReplacesWholeAndLeavesNoTemporary) {
  std::ofstream(path("out.csv")) << "old";
  std::ofstream(path("out.csv.part")) << "somebody else's file";
  ASSERT_FALSE(writeFileAtomically(path("out.csv"), "new content\n").has_value());
  EXPECT_EQ(readTextFile(path("out.csv"), 100, "csv").value(), "new content\n");
  EXPECT_EQ(readTextFile(path("out.csv.part"), 100, "csv").value(), "somebody else's file");
  EXPECT_EQ(entries(), (std::vector<std::string>{"out.csv", "out.csv.part"}));
  struct stat st{};
  ASSERT_EQ(stat(path("out.csv").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IRUSR, 0u);
}

TEST_F(Files, AtomicWriteFailureKeepsTheOldFileAndNoTemporary) {
  // A file-size limit stands in for a full disk: write() fails with EFBIG.
  std::ofstream(path("out.csv")) << "old";
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = 1000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  auto err = writeFileAtomically(path("out.csv"), std::string(5000, 'x'));
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find(path("out.csv") + ": cannot write"), std::string::npos) << *err;
  EXPECT_EQ(readTextFile(path("out.csv"), 100, "csv").value(), "old");
  EXPECT_EQ(entries(), (std::vector<std::string>{"out.csv"}));
}

TEST_F(Files, OutputPathsAreCheckedBeforeWork) {
  fs::create_directory(path("dir"));
  ASSERT_EQ(mkfifo(path("fifo").c_str(), 0600), 0);
  std::ofstream(path("file")) << "x";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "expected a file path, got an empty value"},
      {path("dir"), "is a directory"},
      {path("dir") + "/", "names a directory, not a file"},
      {path("fifo"), "is a FIFO (named pipe), not a regular file; refusing to replace it"},
      {"/dev/null", "is a character device"},
      {path("nodir") + "/x.csv", "folder " + path("nodir") + " does not exist"},
      {path("file") + "/x.csv", "is not a directory"},
      {path(std::string(300, 'n')), "file name is longer than"},
      {std::string(5000, 'a'), "path is longer than"},
  };
  for (const auto& [p, expected] : cases) {
    auto err = checkOutputPath(p);
    ASSERT_TRUE(err.has_value()) << p;
    EXPECT_NE(err->find(expected), std::string::npos) << *err;
  }
  EXPECT_FALSE(checkOutputPath(path("new.csv")).has_value());
  EXPECT_FALSE(checkOutputPath(path("file")).has_value());
  if (geteuid() != 0) {  // root may write anywhere
    fs::create_directory(path("ro"));
    fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec);
    auto err = checkOutputPath(path("ro") + "/x.csv");
    ASSERT_TRUE(err.has_value());
    EXPECT_NE(err->find("is not writable"), std::string::npos);
  }
}

TEST(ByteSize, ParsesUnitsAndRefusesJunk) {
  EXPECT_EQ(parseByteSize("512M", "--memory-limit").value(), uint64_t{512} << 20);
  EXPECT_EQ(parseByteSize("4G", "--memory-limit").value(), uint64_t{4} << 30);
  EXPECT_EQ(parseByteSize("1.5GiB", "--memory-limit").value(), uint64_t{3} << 29);
  EXPECT_EQ(parseByteSize("1000", "--memory-limit").value(), 1000u);
  for (const char* bad : {"", "G", "-1G", "0", "4X", "nan", "1e30G", "4 G B"}) {
    auto r = parseByteSize(bad, "--memory-limit");
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().rfind("--memory-limit: ", 0), 0u);
    }
  }
  EXPECT_EQ(formatBytes(812), "812 bytes");
  EXPECT_EQ(formatBytes(uint64_t{3} << 29), "1.5 GiB");
}

}  // namespace
}  // namespace mulab
