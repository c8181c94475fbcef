#include "gui/shell/session.hpp"

#include <cstdlib>
#include <filesystem>

namespace mulab::gui {

std::string sessionDir() {
  namespace fs = std::filesystem;
  fs::path dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    dir = fs::path(xdg) / "mulab" / "session";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".config" / "mulab" / "session";
  } else {
    return "";
  }
  return dir.string();
}

std::string sessionScenePath() {
  const std::string dir = sessionDir();
  return dir.empty() ? "" : (std::filesystem::path(dir) / "session.json").string();
}

}  // namespace mulab::gui
