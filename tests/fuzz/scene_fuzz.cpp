// libFuzzer target: arbitrary text through the scene parser, and every scene
// it accepts back through the writer and the parser again (round trip).
#include <cstddef>
#include <cstdint>
#include <string>

#include "scene/scene.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto scene = mulab::parseScene(text, "fuzz");
  if (!scene) return 0;
  auto again = mulab::parseScene(mulab::sceneToJson(*scene), "fuzz");
  if (!again) __builtin_trap();  // whatever the parser accepts, the writer must reproduce
  if (again->runs.size() != scene->runs.size()) __builtin_trap();
  return 0;
}
