#include "util/file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/huge_pages.hpp"

namespace mulab {
namespace {

std::string openError(const std::string& path, int err) {
  switch (err) {
    case ENOENT: return path + ": not found";
    case EACCES: return path + ": permission denied";
    case ENOTDIR: return path + ": a folder in this path is not a directory";
    case ENAMETOOLONG: return path + ": path is too long";
    case ELOOP: return path + ": too many levels of symbolic links";
    default: return path + ": cannot open (" + std::strerror(err) + ")";
  }
}

std::optional<std::string> checkStat(const std::string& path, const struct stat& st,
                                     uint64_t max_bytes, std::string_view kind) {
  if (S_ISDIR(st.st_mode)) return path + ": is a directory, not a " + std::string(kind);
  if (!S_ISREG(st.st_mode)) {
    return path + ": is " + fileTypeName(st.st_mode) + ", not a regular file; refusing to read it";
  }
  if (uint64_t(st.st_size) > max_bytes) {
    return path + ": is " + formatBytes(uint64_t(st.st_size)) + ", more than the " +
           formatBytes(max_bytes) + " a " + std::string(kind) + " may have";
  }
  return std::nullopt;
}

// Reads into any byte container (std::string or std::vector<uint8_t>).
template <class Buffer>
Result<Buffer> readRegular(const std::string& path, uint64_t max_bytes, std::string_view kind) {
  if (path.empty()) return Error{"expected a file path, got an empty value"};
  if (auto err = checkInputFile(path, max_bytes, kind)) return Error{*err};
  // O_NONBLOCK: if a FIFO replaced the file since stat(), open() must not wait
  // for a writer; fstat() below then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Error{openError(path, errno)};
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st{};
  if (::fstat(fd, &st) != 0) return Error{openError(path, errno)};
  if (auto err = checkStat(path, st, max_bytes, kind)) return Error{*err};

  Buffer out;
  out.reserve(size_t(st.st_size));
  adviseHugePages(out.data(), out.capacity());  // before the zero fill first touches it
  out.resize(size_t(st.st_size));
  size_t got = 0;
  bool longer = false;  // the file turned out longer than stat() said
  while (true) {
    if (got == out.size()) {
      // All that stat() said is read: one byte more tells whether the file
      // is longer (it grows, or it is a /proc file), without first doubling
      // a large buffer only to cut it back.
      if (got > 0 && !longer) {
        char probe;
        const ssize_t extra = ::read(fd, &probe, 1);
        if (extra < 0 && errno == EINTR) continue;
        if (extra <= 0) break;
        out.push_back(static_cast<typename Buffer::value_type>(probe));
        ++got;
        longer = true;
      }
      // Grow in steps, never past the cap plus one byte to detect overflow.
      if (got > max_bytes) {
        return Error{path + ": grew past the " + formatBytes(max_bytes) + " a " +
                     std::string(kind) + " may have while it was read"};
      }
      const uint64_t next = std::min<uint64_t>(max_bytes + 1, std::max<uint64_t>(got * 2, 64 * 1024));
      out.resize(size_t(next));
    }
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return Error{path + ": not readable without waiting; refusing to read it"};
      return Error{path + ": read error (" + std::strerror(errno) + ")"};
    }
    if (n == 0) break;
    got += size_t(n);
  }
  if (got > max_bytes) {
    return Error{path + ": grew past the " + formatBytes(max_bytes) + " a " + std::string(kind) +
                 " may have while it was read"};
  }
  out.resize(got);
  return out;
}

}  // namespace

std::string fileTypeName(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISREG(mode)) return "a regular file";
  return "not a regular file";
}

std::string formatBytes(uint64_t bytes) {
  char buf[48];
  const double b = double(bytes);
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  } else if (bytes < (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.4g KiB", b / 1024);
  } else if (bytes < (1ull << 30)) {
    std::snprintf(buf, sizeof buf, "%.4g MiB", b / (1 << 20));
  } else {
    std::snprintf(buf, sizeof buf, "%.4g GiB", b / (1 << 30));
  }
  return buf;
}

std::optional<std::string> checkInputFile(const std::string& path, uint64_t max_bytes,
                                          std::string_view kind) {
  if (path.empty()) return "expected a file path, got an empty value";
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return openError(path, errno);
  return checkStat(path, st, max_bytes, kind);
}

Result<std::string> readTextFile(const std::string& path, uint64_t max_bytes,
                                 std::string_view kind) {
  return readRegular<std::string>(path, max_bytes, kind);
}

Result<std::vector<uint8_t>> readBinaryFile(const std::string& path, uint64_t max_bytes,
                                            std::string_view kind) {
  return readRegular<std::vector<uint8_t>>(path, max_bytes, kind);
}

Result<std::vector<std::string_view>> splitLines(std::string_view text, size_t max_line,
                                                 const std::string& name) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > max_line) {
      return Error{name + ": line " + std::to_string(lines.size() + 1) + " is longer than " +
                   std::to_string(max_line) + " characters"};
    }
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace mulab
