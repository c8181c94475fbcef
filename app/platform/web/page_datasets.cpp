// The training lab's data in the browser: fetched from the page's own server
// (data/ beside index.html, laid out as on disk) into the in-memory file
// system the first time the lab asks for a dataset, so a page opened only
// for the explorer downloads none of it. The lab shows the progress line in
// place of "data missing" until the four files are there; core then reads
// them from /data like any data folder.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "platform/platform.hpp"
#include "platform/web/page.hpp"

namespace mulab::platform {
namespace {

// clang-format off
// Fetches the files one after another into FS (a file appears only once it
// is complete) and keeps the progress in window.mulab.datasets[key].
EM_JS(void, jsFetchDataset, (const char* key_ptr, const char* url_dir_ptr, const char* fs_dir_ptr,
                             const char* names_ptr), {
  var key = UTF8ToString(key_ptr), urlDir = UTF8ToString(url_dir_ptr), fsDir = UTF8ToString(fs_dir_ptr);
  var names = UTF8ToString(names_ptr).split(",");
  var state = {done: 0, bytes: 0, total: 0, error: "", finished: false};
  (window.mulab.datasets = window.mulab.datasets || {})[key] = state;
  try { FS.mkdirTree(fsDir); } catch (e) {}
  var fetchOne = function(i) {
    if (i == names.length) { state.finished = true; window.mulab.activity = true; return; }
    var url = urlDir + "/" + names[i];
    fetch(url).then(function(response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status + " " + response.statusText);
      var length = +response.headers.get("Content-Length") || 0;
      state.total += length;
      var reader = response.body.getReader(), parts = [], got = 0;
      var pump = function() {
        return reader.read().then(function(r) {
          if (r.done) return;
          parts.push(r.value);
          got += r.value.length;
          state.bytes += r.value.length;
          window.mulab.activity = true;
          return pump();
        });
      };
      return pump().then(function() {
        var all = new Uint8Array(got), at = 0;
        parts.forEach(function(p) { all.set(p, at); at += p.length; });
        FS.writeFile(fsDir + "/" + names[i], all);
        state.done = i + 1;
        fetchOne(i + 1);
      });
    }).catch(function(e) {
      state.error = String(e.message || e);
      state.finished = true;
      window.mulab.activity = true;
    });
  };
  fetchOne(0);
});

// 0 not asked yet, 1 fetching, 2 complete, 3 failed; the line to show in buf.
EM_JS(int, jsDatasetState, (const char* key_ptr, char* buf, int size), {
  var s = (window.mulab.datasets || {})[UTF8ToString(key_ptr)];
  if (!s) return 0;
  var mb = function(b) { return (b / 1048576).toFixed(0); };
  var line = s.error ? s.error
           : "fetching it from this page's server: " + mb(s.bytes) + (s.total ? " of " + mb(s.total) : "") + " MB";
  stringToUTF8(line, buf, size);
  return !s.finished ? 1 : s.error ? 3 : 2;
});
EM_JS(int, jsFetchingDatasets, (), {
  var all = window.mulab.datasets || {};
  return Object.keys(all).some(function(key) { return !all[key].finished; }) ? 1 : 0;
});
// clang-format on

struct Source {
  const char* key;
  const char* url_dir;  // relative to the page
  const char* fs_dir;   // where core's loadDataset looks (MULAB_DATA is /data)
  const char* files;
};

Source sourceOf(DatasetKind kind) {
  if (kind == DatasetKind::kMnist) {
    return {"mnist", "data/mnist", "/data/mnist",
            "train-labels-idx1-ubyte,t10k-labels-idx1-ubyte,t10k-images-idx3-ubyte,train-images-idx3-ubyte"};
  }
  return {"fashion-mnist", "data/fashion-mnist", "/data/fashion-mnist",
          "train-labels-idx1-ubyte.gz,t10k-labels-idx1-ubyte.gz,t10k-images-idx3-ubyte.gz,"
          "train-images-idx3-ubyte.gz"};
}

}  // namespace

bool page::fetchingDatasets() { return jsFetchingDatasets() != 0; }

std::optional<std::string> datasetUnavailable(DatasetKind kind) {
  const Source s = sourceOf(kind);
  char line[512];
  switch (jsDatasetState(s.key, line, sizeof line)) {
    case 0:
      jsFetchDataset(s.key, s.url_dir, s.fs_dir, s.files);
      return std::string(s.key) + ": fetching it from this page's server";
    case 1: return std::string(s.key) + ": " + line;
    case 3:
      return std::string(s.key) + ": " + line + " (the page's server serves data/ from the data folder: " +
             "scripts/web.sh links it)";
    default: return std::nullopt;
  }
}

}  // namespace mulab::platform
