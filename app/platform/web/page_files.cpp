// Files in the browser: the app's file system is emscripten's in-memory one.
// What the app saves under a plain file name lands in the working folder,
// an outbox that this file empties between frames into browser downloads,
// so every export (scene, PNG, CSV, and whatever comes next) downloads
// without its view knowing. Opening a file is an upload through the
// browser's file picker. ImGui's layout is not kept: the URL holds what
// matters (page_url.cpp).
#include <emscripten.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "platform/platform.hpp"
#include "platform/web/page.hpp"

namespace mulab::platform {
namespace {

// clang-format off
// (No backslashes in EM_JS bodies: emscripten 3.1.6 passes them through JSON.)
// Hands a file of the in-memory file system to the browser as a download and
// removes it; window.mulab.lastDownload keeps its name and bytes for tests.
EM_JS(void, jsDownload, (const char* path_ptr, const char* name_ptr), {
  var path = UTF8ToString(path_ptr), name = UTF8ToString(name_ptr);
  var data = FS.readFile(path);
  FS.unlink(path);
  window.mulab.lastDownload = {name: name, data: data};
  var ext = name.toLowerCase().split(".").pop();
  var type = {png: "image/png", gif: "image/gif", json: "application/json", csv: "text/csv"}[ext]
             || "application/octet-stream";
  var url = URL.createObjectURL(new Blob([data], {type: type}));
  var a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
});

// Opens the browser's file picker; the chosen file is copied into `dir` and
// queued as (id, path) until the loop collects it.
EM_JS(void, jsPickFile, (int id, const char* accept_ptr, const char* dir_ptr), {
  var dir = UTF8ToString(dir_ptr);
  var input = document.createElement("input");
  input.type = "file";
  input.accept = UTF8ToString(accept_ptr);
  input.onchange = function() {
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function(buffer) {
      var path = dir + "/" + file.name.split("/").join("_");
      FS.writeFile(path, new Uint8Array(buffer));
      (window.mulab.uploads = window.mulab.uploads || []).push({id: id, path: path});
      window.mulab.activity = true;
    });
  };
  input.click();
});

// The next finished upload: its id, its path copied into buf; -1 if none.
EM_JS(int, jsNextUpload, (char* buf, int size), {
  var queue = window.mulab.uploads;
  if (!queue || queue.length == 0) return -1;
  var u = queue.shift();
  stringToUTF8(u.path, buf, size);
  return u.id;
});
// clang-format on

std::map<int, std::function<void(const std::string&)>> g_pending_uploads;
int g_next_upload = 1;

}  // namespace

namespace page {

void makeFolders() {
  for (const char* dir : {kOutbox, kUploads, kDataDir}) mkdir(dir, 0777);
  chdir(kOutbox);
}

void deliverSavedFiles() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(kOutbox, ec)) {
    const std::string name = entry.path().filename().string();
    // Dot files are files still being written (util/atomic_file.cpp's temporaries).
    if (name.empty() || name[0] == '.' || !entry.is_regular_file(ec)) continue;
    jsDownload(entry.path().c_str(), name.c_str());
  }
}

void runFinishedUploads() {
  char path[4096];
  for (int id; (id = jsNextUpload(path, sizeof path)) >= 0;) {
    auto it = g_pending_uploads.find(id);
    if (it == g_pending_uploads.end()) continue;
    auto opened = std::move(it->second);
    g_pending_uploads.erase(it);
    opened(path);
  }
}

}  // namespace page

std::string layoutFile() { return ""; }

bool pickFileToOpen(const std::string& accept, std::function<void(const std::string&)> opened) {
  const int id = g_next_upload++;
  g_pending_uploads[id] = std::move(opened);
  jsPickFile(id, accept.c_str(), page::kUploads);
  return true;
}

}  // namespace mulab::platform
