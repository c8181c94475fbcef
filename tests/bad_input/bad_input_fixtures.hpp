// The hostile inputs the bad-input corpus points at ({fx} in cases.txt):
// special files where files belong, sparse multi-GB files, damaged data
// folders, broken scenes and replay CSVs. Built once per test run.
#pragma once

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../core/test_data.hpp"
#include "checkpoint_fixtures.hpp"
#include "train/metrics.hpp"

namespace mulab::bad_input {

namespace fs = std::filesystem;
using testing_data::idxBytes;
using testing_data::writeFile;

inline std::string fixtureDir() { return MULAB_BAD_INPUT_FIXTURES; }

inline void writeText(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline void sparseFile(const fs::path& p, off_t size) {
  writeText(p, "");
  if (truncate(p.c_str(), size) != 0) throw std::runtime_error("truncate " + p.string());
}

// A copy of the good synthetic data folder with one file replaced by `make`.
template <class Make>
void damagedData(const fs::path& fx, const std::string& name, const std::string& file, Make make) {
  const fs::path dir = fx / name;
  fs::copy(fx / "data", dir, fs::copy_options::recursive);
  const fs::path target = dir / "mnist" / file;
  fs::remove(target);
  make(target);
}

// Scene JSON with one lab run replaying `replay`.
inline std::string replayScene(const std::string& replay) {
  return R"({"surface": "booth", "tab": "lab", "lab": {"runs": [{"method": "bp", "replay": ")" +
         replay + R"("}]}})";
}

inline void buildFixtures() {
  const fs::path fx = fixtureDir();
  fs::remove_all(fx);
  fs::create_directories(fx / "dir");
  // Special files.
  mkfifo((fx / "fifo").c_str(), 0600);
  mkfifo((fx / "fifo.json").c_str(), 0600);
  mkfifo((fx / "fifo.csv").c_str(), 0600);
  fs::create_directories(fx / "sweep_fifo_dir");
  mkfifo((fx / "sweep_fifo_dir" / "grid.json").c_str(), 0600);
  const int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", (fx / "sock").c_str());
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  close(s);
  fs::create_symlink("/dev/zero", fx / "zero.json");
  fs::create_symlink("/dev/urandom", fx / "random.csv");
  fs::create_symlink(fx / "nowhere", fx / "dangling.json");
  sparseFile(fx / "sparse_9g.json", off_t{9} << 30);
  sparseFile(fx / "sparse_9m.json", off_t{9} << 20);
  sparseFile(fx / "sparse_100m.csv", off_t{100} << 20);

  // Data folders: a good synthetic one and damaged copies.
  testing_data::writeSyntheticMnist(fx / "data", 600, 100);
  damagedData(fx, "data_fifo", "train-images-idx3-ubyte",
              [](const fs::path& p) { mkfifo(p.c_str(), 0600); });
  damagedData(fx, "data_dir", "train-labels-idx1-ubyte",
              [](const fs::path& p) { fs::create_directory(p); });
  damagedData(fx, "data_zero", "t10k-images-idx3-ubyte",
              [](const fs::path& p) { fs::create_symlink("/dev/zero", p); });
  damagedData(fx, "data_sparse", "train-images-idx3-ubyte",
              [](const fs::path& p) { sparseFile(p, off_t{300} << 20); });
  damagedData(fx, "data_zerodim", "train-images-idx3-ubyte",
              [](const fs::path& p) { writeFile(p.string(), idxBytes({600, 0, 28}, {})); });
  damagedData(fx, "data_bigside", "train-images-idx3-ubyte", [](const fs::path& p) {
    writeFile(p.string(), idxBytes({1, 600, 600}, std::vector<uint8_t>(360000)));
  });
  damagedData(fx, "data_empty", "train-labels-idx1-ubyte",
              [](const fs::path& p) { writeText(p, ""); });
  damagedData(fx, "data_hugedims", "train-images-idx3-ubyte", [](const fs::path& p) {
    writeFile(p.string(), idxBytes({4000000000u, 28, 28}, std::vector<uint8_t>(10)));
  });
  // A gzip bomb: 300 MiB of zeros in a few hundred KiB.
  fs::create_directories(fx / "data_bomb" / "fashion-mnist");
  {
    gzFile f = gzopen((fx / "data_bomb/fashion-mnist/train-images-idx3-ubyte.gz").c_str(), "wb9");
    const auto head = idxBytes({60000, 28, 28}, {});
    gzwrite(f, head.data(), unsigned(head.size()));
    const std::vector<uint8_t> zeros(1 << 20, 0);
    for (int i = 0; i < 300; ++i) gzwrite(f, zeros.data(), unsigned(zeros.size()));
    gzclose(f);
  }
  for (const char* name : {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                           "t10k-labels-idx1-ubyte.gz"}) {
    testing_data::writeGzip((fx / "data_bomb/fashion-mnist" / name).string(), idxBytes({1}, {1}));
  }
  fs::create_directories(fx / "data_nofashion");

  // Replay CSVs.
  std::string rows = metricsCsvHeader() + "\n";
  for (long i = 1; i <= 1000001; ++i) rows += "0.1," + std::to_string(i) + ",1,1,0.1,1,0.5,\n";
  writeText(fx / "rows_1m.csv", rows);
  writeText(fx / "longline.csv", metricsCsvHeader() + "\n" + std::string(5000, '1') + "\n");
  writeText(fx / "badheader.csv", "epoch;step\n");
  writeText(fx / "nan.csv", metricsCsvHeader() + "\n1,1,1,1,1,nan,0.5,0.5\n");
  writeText(fx / "backwards.csv", metricsCsvHeader() + "\n1,5,1,1,1,1,0.5,\n1,4,1,1,1,1,0.5,\n");
  writeText(fx / "negative.csv", metricsCsvHeader() + "\n1,-5,1,1,1,1,0.5,\n");
  writeText(fx / "binary.csv", std::string("\x00\x01\x02\xff\xfe", 5));

  // Scenes.
  writeText(fx / "good.json", R"({"title": "ok", "surface": "booth", "runs": [{"start": [1, 1]}]})");
  for (const auto& [name, replay] :
       std::vector<std::pair<std::string, std::string>>{{"replay_fifo", (fx / "fifo.csv").string()},
                                                        {"replay_missing", (fx / "none.csv").string()},
                                                        {"replay_dir", (fx / "dir").string()},
                                                        {"replay_random", (fx / "random.csv").string()},
                                                        {"replay_sparse", (fx / "sparse_100m.csv").string()},
                                                        {"replay_rows", (fx / "rows_1m.csv").string()},
                                                        {"replay_longline", (fx / "longline.csv").string()},
                                                        {"replay_badheader", (fx / "badheader.csv").string()},
                                                        {"replay_nan", (fx / "nan.csv").string()},
                                                        {"replay_backwards", (fx / "backwards.csv").string()},
                                                        {"replay_negative", (fx / "negative.csv").string()},
                                                        {"replay_binary", (fx / "binary.csv").string()}}) {
    writeText(fx / (name + ".json"), replayScene(replay));
  }
  const std::string runs65 = [] {
    std::string r;
    for (int i = 0; i < 65; ++i) r += std::string(i ? "," : "") + R"({"start": [0, 0]})";
    return r;
  }();
  const std::vector<std::pair<std::string, std::string>> scenes = {
      {"rotation_huge", R"({"surface": {"name": "quadratic", "rotation": 1e308}})"},
      {"condition_huge", R"({"surface": {"name": "quadratic", "condition": 1e7}})"},
      {"title_long", R"({"title": ")" + std::string(300, 't') + R"(", "surface": "booth"})"},
      {"runs_65", R"({"surface": "booth", "runs": [)" + runs65 + "]}"},
      {"steps_huge", R"({"surface": "booth", "playback": {"max_steps": 1e9}})"},
      {"advance_huge", R"({"surface": "booth", "playback": {"advance_steps": 1e12}})"},
      {"start_far", R"({"surface": "booth", "runs": [{"start": [1e7, 0]}]})"},
      {"lab_wide", R"({"surface": "booth", "lab": {"runs": [{"method": "er", "hidden": [16384, 16384, 16384, 16384]}]}})"},
      {"lab_deep", R"({"surface": "booth", "lab": {"runs": [{"hidden": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}})"},
      {"lab_batch0", R"({"surface": "booth", "lab": {"runs": [{"batch": 0}]}})"},
      {"lab_17runs", R"({"surface": "booth", "lab": {"runs": [{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}]}})"},
      {"empty_surface", R"({"surface": ""})"},
      {"not_object", R"([1, 2, 3])"},
      {"empty_file", ""},
      {"nul_bytes", std::string("{\"surface\": \"bo\0th\"}", 20)},
      {"deep_nesting", std::string(100000, '[') + std::string(100000, ']')},
      {"basin_run", R"({"surface": "booth", "runs": [{"start": [0, 0]}], "basin_map": {"enabled": true, "run": 3}})"},
      {"colormap_bad", R"({"surface": "booth", "view": {"colormap": ""}})"},
      {"window_flat", R"({"surface": "booth", "view": {"window": [1, 1, 0, 2]}})"},
      {"lr_string", R"({"surface": "booth", "runs": [{"lr": "0.1", "start": [0, 0]}]})"},
      {"vectors_bad", R"({"surface": "booth", "view": {"vectors": {"arrows": true}}})"},
      {"sweep_missing", R"({"surface": "booth", "lab": {"sweep": "nowhere_sweep"}})"},
      {"sweep_type", R"({"surface": "booth", "lab": {"sweep": 5}})"},
      {"sweep_fifo", R"({"surface": "booth", "lab": {"sweep": "sweep_fifo_dir"}})"},
      // The explorer's network landscape (checkpoint folders from checkpoint_fixtures.hpp).
      {"landscape_type", R"({"landscape": ["ck_good"]})"},
      {"landscape_nodirs", R"({"landscape": {"checkpoints": []}})"},
      {"landscape_dirtype", R"({"landscape": {"checkpoints": [3]}})"},
      {"landscape_directions", R"({"landscape": {"checkpoints": ["ck_good"], "directions": "sideways"}})"},
      {"landscape_grid", R"({"landscape": {"checkpoints": ["ck_good"], "grid": 1000}})"},
      {"landscape_samples", R"({"landscape": {"checkpoints": ["ck_good"], "samples": 0}})"},
      {"landscape_missing", R"({"landscape": {"checkpoints": ["nowhere_ck"]}})"},
      {"landscape_corrupt", R"({"landscape": {"checkpoints": ["ck_corrupt"]}})"},
      {"landscape_wide", R"({"landscape": {"checkpoints": ["ck_good", "ck_wide"]}})"},
      // Found while the plane is prepared (a thread of its own): still one line.
      {"landscape_seeds", R"({"landscape": {"checkpoints": ["ck_good", "ck_seed2"], "samples": 100, "data_dir": "data"}})"},
      {"landscape_nodata", R"({"landscape": {"checkpoints": ["ck_good"], "data_dir": "no_data_here"}})"},
      {"landscape_budget", R"({"landscape": {"checkpoints": ["ck_good"], "grid": 401}})"},
      // What the formula box writes into scenes, broken.
      {"formula_syntax", R"j({"surface": {"formula": "sin(x"}})j"},
      {"formula_unknown", R"j({"surface": {"formula": "x + foo(y)"}})j"},
      {"formula_nan", R"j({"surface": {"formula": "ln(-1 - x^2 - y^2)", "window": [-1, 1, -1, 1]}})j"},
      {"formula_window_nan", R"j({"surface": {"formula": "x^2", "window": [0, 1, 0, "a"]}})j"},
      {"formula_minima_bad", R"j({"surface": {"formula": "x^2 + y^2", "find_minima": "yes"}})j"},
      {"sensitivity_measure", R"j({"surface": "booth", "sensitivity": {"measure": "fast"}})j"},
      {"sensitivity_starts", R"j({"surface": "booth", "sensitivity": {"shown": true, "starts": 100000}})j"},
  };
  for (const auto& [name, text] : scenes) writeText(fx / (name + ".json"), text);
  buildCheckpointFixtures(fx);

  // Sweep grids, one mistake each (grid_ok has none).
  auto numbers = [](int n) {
    std::string list = "[";
    for (int i = 1; i <= n; ++i) list += (i > 1 ? "," : "") + std::to_string(i);
    return list + "]";
  };
  const std::vector<std::pair<std::string, std::string>> grids = {
      {"grid_ok", R"({"hidden": [8], "epochs": 1, "axes": {"seed": [1, 2]}})"},
      {"grid_unknown", R"({"axes": {"lrr": [0.1]}})"},
      {"grid_empty_axis", R"({"axes": {"lr": []}})"},
      {"grid_type", R"({"axes": {"lr": [0.1, "x"]}})"},
      {"grid_object", R"({"lr": {"value": 0.1}})"},
      {"grid_too_many", R"({"axes": {"seed": )" + numbers(101) + R"(, "lr": )" + numbers(100) + "}}"},
      {"grid_memory", R"({"hidden": [16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384]})"},
      {"grid_dup_key", R"({"axes": {"lr": [0.1], "lr": [0.2]}})"},
      {"grid_dup_spelling", R"({"axes": {"lr-out": [0.1], "lr_out": [0.2]}})"},
      {"grid_axis_in_base", R"({"lr": 0.1, "axes": {"lr": [0.2]}})"},
      {"grid_range", R"({"rule": "hybrid", "axes": {"gamma": [0.5, 2]}})"},
      {"grid_schedule", R"({"rule": "additive", "gamma_patience": 2})"},
      {"grid_dup_value", R"({"axes": {"seed": [1, 1]}})"},
      {"grid_not_list", R"({"axes": {"lr": 0.1}})"},
      {"grid_csv", R"({"csv": "out.csv"})"},
  };
  for (const auto& [name, text] : grids) writeText(fx / (name + ".json"), text);
}

}  // namespace mulab::bad_input
