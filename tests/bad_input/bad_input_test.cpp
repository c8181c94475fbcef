// The bad-input corpus: every case in cases.txt runs the real mulab-cli or
// mulab as a hostile user would (FIFOs and devices where files belong, sparse
// multi-GB files, absurd sizes, empty values, full disks, closed pipes) and
// must end with
//   - an exit status that is non-zero and below 128 (no signal, no abort),
//   - exactly one line on stderr containing the expected text (which names
//     the flag, file or field),
//   - the output folder exactly as it was (no leftover, no clobbered file),
//   - within the address-space ceiling (setrlimit RLIMIT_AS) and 60 s.
//
// cases.txt: one case per line, four fields separated by " | ":
//   program | options | expected stderr text | arguments
// program is cli or gui; options is "-" or space-separated stdout=full
// (stdout on /dev/full), stdout=closed (a pipe nobody reads), fsize=N (a
// file-size limit in bytes, standing in for a full disk), status=N (this
// exact exit status). Arguments are split like a shell does ('...' and "..."
// quote, "" is an empty argument). {fx} is the fixture folder (inputs, never
// written), {out} the case's output folder, which holds keep.csv before the
// case and must hold exactly that afterwards.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "bad_input_fixtures.hpp"

namespace {

namespace fs = std::filesystem;

struct Case {
  int line = 0;
  std::string program, options, expected, args;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << "cases.txt:" << c.line << ": " << c.program << " " << c.args;
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<Case> loadCases() {
  std::vector<Case> cases;
  std::ifstream in(MULAB_BAD_INPUT_CASES);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> f;
    size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      const size_t bar = line.find(" | ", start);
      if (bar == std::string::npos) break;
      f.push_back(trim(line.substr(start, bar - start)));
      start = bar + 3;
    }
    f.push_back(trim(line.substr(start)));
    if (f.size() != 4) {
      cases.push_back({number, "malformed", "", "", line});
      continue;
    }
    cases.push_back({number, f[0], f[1], f[2], f[3]});
  }
  return cases;
}

std::string substitute(std::string s, const std::string& out) {
  const std::map<std::string, std::string> vars = {{"{fx}", mulab::bad_input::fixtureDir()},
                                                   {"{out}", out}};
  for (const auto& [key, value] : vars) {
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
      s.replace(at, key.size(), value);
    }
  }
  return s;
}

// Shell-like word splitting: quotes group, "" is an empty word.
std::vector<std::string> splitWords(const std::string& s) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      const size_t end = s.find(c, i + 1);
      cur += s.substr(i + 1, end - i - 1);
      i = end;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(cur);
  return words;
}

std::map<std::string, std::string> snapshotFolder(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream s;
    if (e.is_regular_file()) s << in.rdbuf();
    files[e.path().filename().string()] = s.str();
  }
  return files;
}

struct Outcome {
  int status = -1;  // exit status, or 128 + signal
  bool timed_out = false;
  std::string err;
};

Outcome runCase(const std::vector<std::string>& argv, const std::string& options,
                const fs::path& work, bool c_is_gui) {
  (void)c_is_gui;  // used by sanitized builds only
  const std::string err_path = (work / "stderr.txt").string();
  const std::string out_path = (work / "stdout.txt").string();
  std::istringstream opts(options);
  std::string stdout_mode = "file", opt;
  long fsize = -1;
  while (opts >> opt) {
    if (opt.rfind("stdout=", 0) == 0) stdout_mode = opt.substr(7);
    if (opt.rfind("fsize=", 0) == 0) fsize = std::stol(opt.substr(6));
  }
  // A pipe nobody reads: its read end is closed before the child starts, so
  // the child's first write fails with EPIPE (or SIGPIPE, if not ignored).
  int pipe_fds[2] = {-1, -1};
  if (stdout_mode == "closed") {
    if (pipe(pipe_fds) != 0) return {};
    close(pipe_fds[0]);
  }
  const pid_t pid = fork();
  if (pid == 0) {
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(err_fd, 2);
    int out_fd = -1;
    if (stdout_mode == "full") {
      out_fd = open("/dev/full", O_WRONLY);
    } else if (stdout_mode == "closed") {
      out_fd = pipe_fds[1];
    } else {
      out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    }
    dup2(out_fd, 1);
#if MULAB_SANITIZED
    // Mesa's driver leaks a little at exit; LeakSanitizer would add lines.
    if (c_is_gui) setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
#endif
    signal(SIGPIPE, SIG_DFL);  // the program must protect itself
    signal(SIGXFSZ, SIG_DFL);
#if !MULAB_SANITIZED
    // The memory ceiling: address space, which no allocation can exceed.
    rlimit as{size_t{3} << 30, size_t{3} << 30};
    setrlimit(RLIMIT_AS, &as);
#endif
    if (fsize >= 0) {
      rlimit fs_limit{rlim_t(fsize), rlim_t(fsize)};
      setrlimit(RLIMIT_FSIZE, &fs_limit);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  if (stdout_mode == "closed") close(pipe_fds[1]);
  Outcome o;
  int st = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (waitpid(pid, &st, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      o.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  std::ifstream in(err_path);
  std::stringstream s;
  s << in.rdbuf();
  o.err = s.str();
  return o;
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, FailsCleanlyWithOneLineAndLosesNothing) {
  const Case& c = GetParam();
  ASSERT_NE(c.program, "malformed") << "cases.txt:" << c.line << " needs 4 fields: " << c.args;
  std::string binary = c.program == "cli" ? MULAB_CLI : MULAB_GUI;
  if (binary.empty()) GTEST_SKIP() << "built without the GUI";
  const fs::path work = fs::path(::testing::TempDir()) / ("bad_input_" + std::to_string(getpid())) /
                        std::to_string(c.line);
  const fs::path out = work / "out";
  fs::remove_all(work);
  fs::create_directories(out);
  std::ofstream(out / "keep.csv") << "epoch,step\n1,2\n";  // must survive untouched
  const auto before = snapshotFolder(out);

  std::vector<std::string> argv{binary};
  for (const std::string& w : splitWords(c.args)) argv.push_back(substitute(w, out.string()));
  const Outcome o = runCase(argv, c.options, work, c.program == "gui");
  const std::string expected = substitute(c.expected, out.string());

  EXPECT_FALSE(o.timed_out) << "still running after 60 s";
  EXPECT_GT(o.status, 0) << "must fail; stderr: " << o.err;
  EXPECT_LT(o.status, 128) << "ended by a signal or abort; stderr: " << o.err;
  const size_t status_at = c.options.find("status=");
  if (status_at != std::string::npos) {
    EXPECT_EQ(o.status, std::stoi(c.options.substr(status_at + 7)));
  }
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << "one line on stderr, got: " << o.err;
  EXPECT_NE(o.err.find(expected), std::string::npos)
      << "expected '" << expected << "' in: " << o.err;
  EXPECT_EQ(snapshotFolder(out), before) << "the output folder changed";
  fs::remove_all(work);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(loadCases()),
                         [](const auto& info) { return "line" + std::to_string(info.param.line); });

// Fixtures are built once, before any case runs.
class FixtureEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { mulab::bad_input::buildFixtures(); }
};
const auto* const kFixtures = ::testing::AddGlobalTestEnvironment(new FixtureEnvironment);

}  // namespace
