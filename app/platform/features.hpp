// What a build of the app leaves out, in one place. Views test these
// constants (`if constexpr`), never the platform: code behind a false one is
// still compiled, so it cannot rot, but never runs and never links (its .cpp
// files can be left out of the build: app/platform/web.cmake shows how).
//
// The values come from compile definitions set in one CMake file per
// platform (app/platform/platform.cmake for the desktop, app/platform/web.cmake
// for the browser); a feature is in unless its definition says 0.
#pragma once

#ifndef MULAB_FEATURE_QUIT
#define MULAB_FEATURE_QUIT 1
#endif
#ifndef MULAB_FEATURE_GIF_EXPORT
#define MULAB_FEATURE_GIF_EXPORT 1
#endif
#ifndef MULAB_FEATURE_THREADS
#define MULAB_FEATURE_THREADS 1
#endif

namespace mulab::platform {

// File > Quit and Ctrl+Q. A browser tab is closed by the browser; a page
// whose loop ended would only freeze.
inline constexpr bool kQuit = MULAB_FEATURE_QUIT;

// File > Export GIF (giflib, which the browser build does not have).
inline constexpr bool kGifExport = MULAB_FEATURE_GIF_EXPORT;

// Worker threads: training runs, basin maps. A page the browser does not
// isolate (no COOP/COEP headers) gets a build without them.
inline constexpr bool kThreads = MULAB_FEATURE_THREADS;

}  // namespace mulab::platform
