// A scene as a URL fragment, so that a copied link reopens exactly that demo
// (surface, runs, settings, view, lab runs) in the browser build:
//
//   #scene=v1.<base64url of the raw-deflated compact JSON of sceneToJson>
//
// The JSON is core's scene format, so a link holds what a scene file holds
// and is checked by the same parser. Deflate makes a typical scene a few
// hundred characters; base64url (RFC 4648 section 5, no padding) keeps it
// URL-safe without escaping. Plain C++ over core and zlib, so the desktop
// tests check it too (tests/web/scene_link_test.cpp).
#pragma once

#include <cstddef>
#include <string>

#include "scene/scene.hpp"
#include "util/result.hpp"

namespace mulab::platform {

// Longest fragment accepted (and written): chat programs and slide tools
// cut longer links, so a longer one is refused rather than half-read.
inline constexpr size_t kMaxLinkChars = 8192;
// Largest inflated JSON accepted, so a small link cannot expand into a huge one.
inline constexpr size_t kMaxLinkJsonBytes = size_t{1} << 20;

// "scene=v1.…" (no '#'). Longer than kMaxLinkChars when the scene is too big
// for a link; the caller leaves the URL alone then.
std::string sceneToFragment(const Scene& scene);

// The scene in a fragment ('#' optional), or an error saying what is wrong
// with the link in a few words: not a scene link, too long, damaged, or the
// scene parser's message.
Result<Scene> sceneFromFragment(const std::string& fragment);

}  // namespace mulab::platform
