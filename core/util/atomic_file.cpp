#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/file_read.hpp"

namespace mulab {
namespace {

// The temporary name adds a dot and ".XXXXXX" to the file name.
constexpr size_t kTempExtra = 8;

std::string folderOf(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

// The umask, read without changing it (umask() would race with other threads
// creating files): Linux reports it in /proc/self/status.
mode_t processUmask() {
  static const mode_t mask = [] {
    mode_t m = 022;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, f)) {
        unsigned v = 0;
        if (std::sscanf(line, "Umask: %o", &v) == 1) m = mode_t(v);
      }
      std::fclose(f);
    }
    return m;
  }();
  return mask;
}

}  // namespace

std::optional<std::string> checkOutputPath(const std::string& path) {
  if (path.empty()) return "expected a file path, got an empty value";
  if (path.size() >= PATH_MAX - kTempExtra) {
    return path.substr(0, 40) + "...: path is longer than " + std::to_string(PATH_MAX - kTempExtra - 1) +
           " bytes";
  }
  const std::filesystem::path p(path);
  const std::string name = p.filename().string();
  if (name.empty() || name == "." || name == "..") return path + ": names a directory, not a file";
  if (name.size() + kTempExtra > NAME_MAX) {
    return path + ": file name is longer than " + std::to_string(NAME_MAX - kTempExtra) + " bytes";
  }
  struct stat st{};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return path + ": is a directory";
    if (!S_ISREG(st.st_mode)) {
      return path + ": is " + fileTypeName(st.st_mode) + ", not a regular file; refusing to replace it";
    }
  } else if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return path + ": links to " + fileTypeName(st.st_mode) + ", not a regular file; refusing to replace it";
  }
  const std::string dir = folderOf(path);
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return path + ": folder " + dir + " does not exist";
    return path + ": folder " + dir + ": " + std::strerror(errno);
  }
  if (!S_ISDIR(st.st_mode)) return path + ": " + dir + " is not a directory";
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return path + ": folder " + dir + " is not writable";
  return std::nullopt;
}

std::optional<std::string> writeFileAtomically(const std::string& path, std::string_view bytes) {
  if (auto err = checkOutputPath(path)) return err;
  const std::filesystem::path p(path);
  std::string temp_name = ".";  // (not "." + ...: GCC 12 warns falsely about that)
  temp_name += p.filename().string();
  temp_name += ".XXXXXX";
  std::string tmp = (p.parent_path() / temp_name).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return path + ": cannot create a temporary file beside it (" + std::strerror(errno) + ")";
  auto fail = [&](const char* what, int err) -> std::optional<std::string> {
    ::unlink(tmp.c_str());
    return path + ": " + what + " (" + std::strerror(err) + ")";
  };
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      return fail("cannot write", err);
    }
    done += size_t(n);
  }
  // Make the content durable before the rename makes it visible.
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    const int err = errno;
    ::close(fd);
    return fail("cannot write", err);
  }
  // mkstemp creates 0600; give the file the usual permissions (0666 & ~umask).
  ::fchmod(fd, 0666 & ~processUmask());
  if (::close(fd) != 0) return fail("cannot write", errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename the finished file into place", errno);
  return std::nullopt;
}

}  // namespace mulab
