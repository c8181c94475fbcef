// The browser platform's parts, as its files call each other: the loop
// (platform_web.cpp) runs the page's chores between frames — saved files
// become downloads, finished uploads run their callbacks (page_files.cpp) —
// and the URL (page_url.cpp) and the lab's data (page_datasets.cpp) keep
// their own state. Not for the app: it sees only platform/platform.hpp.
#pragma once

namespace mulab::platform::page {

// The working folder, an outbox: every file the app writes there (a scene,
// a PNG, a CSV saved under a plain file name) is handed to the browser as a
// download and removed.
inline constexpr const char* kOutbox = "/downloads";
// Where uploads land, and where the lab's data is fetched to.
inline constexpr const char* kUploads = "/uploads";
inline constexpr const char* kDataDir = "/data";

// Creates the folders above and makes the outbox the working folder.
void makeFolders();
// Between frames: downloads and uploads.
void deliverSavedFiles();
void runFinishedUploads();
// Whether a dataset the lab asked for is still being fetched.
bool fetchingDatasets();

// page_url.cpp: writes the scene last handed to publishScene() into the
// page's URL once its rate limit allows, whether or not a frame is drawn
// (the link must follow the last change even when the app then idles).
void publishDueScene();

}  // namespace mulab::platform::page
