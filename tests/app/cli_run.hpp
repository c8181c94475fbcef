// Runs the real mulab-cli for the CLI tests: stdout, stderr and exit status.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <string>

namespace mulab::testing_cli {

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

// `prefix` goes before the binary (e.g. "mpirun -n 2 ").
inline CliRun runCli(const std::string& args, const std::string& prefix = "") {
  // One stderr file per test: ctest runs tests in parallel processes.
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string id = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  const std::string err_file = ::testing::TempDir() + "/cli_stderr_" + id + ".txt";
  const std::string cmd = prefix + std::string(MULAB_CLI) + " " + args + " 2>" + err_file;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  if (FILE* e = fopen(err_file.c_str(), "r")) {
    while ((n = fread(buf.data(), 1, buf.size(), e)) > 0) r.err.append(buf.data(), n);
    fclose(e);
  }
  return r;
}

inline int countLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace mulab::testing_cli
