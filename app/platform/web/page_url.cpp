// The scene in the page's URL (platform/scene_link.hpp has the format): read
// once at start, and rewritten in place (history.replaceState, so the Back
// button is not flooded) at most twice a second while the scene changes, so
// the address bar always holds a link that reopens what is on screen.
#include <emscripten.h>

#include <string>

#include "platform/platform.hpp"
#include "platform/scene_link.hpp"
#include "platform/web/page.hpp"

namespace mulab::platform {
namespace {

// clang-format off
// The fragment, percent-decoded when some program escaped it on the way.
EM_JS(int, jsHashLength, (), {
  var h = location.hash;
  try { h = decodeURIComponent(h); } catch (e) {}
  return lengthBytesUTF8(h);
});
EM_JS(void, jsHash, (char* buf, int size), {
  var h = location.hash;
  try { h = decodeURIComponent(h); } catch (e) {}
  stringToUTF8(h, buf, size);
});
EM_JS(void, jsReplaceHash, (const char* fragment), {
  history.replaceState(history.state, "", location.pathname + location.search + "#" + UTF8ToString(fragment));
});
// clang-format on

constexpr double kPublishEveryMs = 500;
// What a link says when its scene was too big to put in it.
constexpr const char* kTooLarge = "scene=too-large";

std::string g_published;
double g_next_publish = 0;
// The scene of the last frame drawn, written to the URL when the rate allows.
std::function<Scene()> g_pending;

// Lab runs go into a link only as the recorded curves shipped with the page:
// a live run would start training again in every browser that opens the
// link, and an uploaded recording is not on anyone else's machine.
Scene forLink(Scene scene) {
  std::erase_if(scene.lab_runs, [](const LabRun& r) { return r.replay.rfind("/assets/", 0) != 0; });
  return scene;
}

}  // namespace

std::optional<Result<Scene>> sceneFromUrl() {
  const int length = jsHashLength();
  if (length <= 1) return std::nullopt;  // "" or "#"
  if (size_t(length) > kMaxLinkChars + 1) {
    return Result<Scene>(Error{"it is " + std::to_string(length - 1) + " characters long, more than the " +
                               std::to_string(kMaxLinkChars) + " accepted"});
  }
  std::string hash(size_t(length) + 1, '\0');
  jsHash(hash.data(), length + 1);
  hash.resize(size_t(length));
  if (hash == std::string("#") + kTooLarge) {
    return Result<Scene>(Error{"its scene was too large for a link (over " + std::to_string(kMaxLinkChars) +
                               " characters) when it was copied"});
  }
  g_published = hash.substr(1);  // what the page opened with is already in the URL
  return sceneFromFragment(hash);
}

// Written by the page's loop (publishDueScene), not here: a frame's scene
// waiting out the rate limit must still reach the URL if the app then idles.
void publishScene(const std::function<Scene()>& current) { g_pending = current; }

namespace page {

void publishDueScene() {
  if (!g_pending) return;
  const double now = emscripten_get_now();
  if (now < g_next_publish) return;
  g_next_publish = now + kPublishEveryMs;
  const std::function<Scene()> current = std::move(g_pending);
  g_pending = nullptr;
  std::string fragment = sceneToFragment(forLink(current()));
  if (fragment.size() > kMaxLinkChars) fragment = kTooLarge;
  if (fragment == g_published) return;
  g_published = fragment;
  jsReplaceHash(fragment.c_str());
}

}  // namespace page

}  // namespace mulab::platform
