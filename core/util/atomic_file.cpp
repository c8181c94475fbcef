#include "util/atomic_file.hpp"

#include <filesystem>

namespace mulab {

std::optional<std::string> writeAtomically(const std::string& path,
                                           const std::function<bool(const std::string&)>& write) {
  const std::string tmp = path + ".part";
  std::error_code ec;
  if (!write(tmp)) {
    std::filesystem::remove(tmp, ec);
    return path + ": cannot write";
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return path + ": " + ec.message();
  }
  return std::nullopt;
}

}  // namespace mulab
