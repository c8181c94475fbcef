// Checkpoint folders for the bad-input corpus ({fx}/ck_*): a good 784-8-10
// folder written by core's own writer, and damaged or mismatched copies.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "train/checkpoint_files.hpp"
#include "util/npy.hpp"

namespace mulab::bad_input {

inline void writeCheckpointFolder(const std::filesystem::path& dir, std::vector<int> sizes,
                                  uint64_t seed, std::vector<long> steps,
                                  DatasetKind dataset = DatasetKind::kMnist) {
  CheckpointSnapshot s;
  s.shape = {std::move(sizes), Activation::kRelu};
  for (long step : steps) {
    auto c = std::make_shared<Checkpoint>();
    c->step = step;
    c->theta = Vector::LinSpaced(s.shape.parameterCount(), -0.1f, 0.1f) * float(seed);
    c->theta.head(c->theta.size() / 3) *= float(1 + step);
    s.items.push_back(c);
  }
  RunConfig config;
  config.seed = seed;
  config.dataset = dataset;
  if (auto err = CheckpointFolderWriter(dir.string()).write(config, "fixture", s)) {
    throw std::runtime_error(*err);
  }
}

inline void buildCheckpointFixtures(const std::filesystem::path& fx) {
  namespace fs = std::filesystem;
  const std::vector<long> steps{0, 10, 20};
  writeCheckpointFolder(fx / "ck_good", {784, 8, 10}, 1, steps);
  writeCheckpointFolder(fx / "ck_seed2", {784, 8, 10}, 2, steps);
  writeCheckpointFolder(fx / "ck_wide", {784, 16, 10}, 1, steps);
  writeCheckpointFolder(fx / "ck_two", {784, 8, 10}, 1, {0, 10});
  writeCheckpointFolder(fx / "ck_fashion", {784, 8, 10}, 1, steps, DatasetKind::kFashionMnist);
  auto damaged = [&](const std::string& name, const std::string& file, auto make) {
    fs::copy(fx / "ck_good", fx / name, fs::copy_options::recursive);
    make(fx / name / file);
  };
  auto text = [](const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  };
  auto readAll = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  damaged("ck_nomanifest", "manifest.json", [](const fs::path& p) { fs::remove(p); });
  damaged("ck_truncated", "step00000010_W1.npy", [&](const fs::path& p) {
    const std::string b = readAll(p);
    text(p, b.substr(0, b.size() / 2));
  });
  damaged("ck_corrupt", "step00000020_W1.npy",
          [&](const fs::path& p) { text(p, "PK\x03\x04 this is a zip, not an npy"); });
  damaged("ck_shape", "step00000000_b1.npy", [&](const fs::path& p) {
    const std::vector<long> shape{9};
    const std::vector<float> zeros(9, 0.0f);
    text(p, encodeNpy(shape, zeros.data()));
  });
  damaged("ck_f8", "step00000000_W2.npy", [&](const fs::path& p) {
    std::string b = readAll(p);
    b.replace(b.find("<f4"), 3, "<f8");
    text(p, b);
  });
  damaged("ck_nan", "step00000010_b2.npy", [&](const fs::path& p) {
    const std::vector<long> shape{10};
    std::vector<float> v(10, 0.0f);
    v[3] = NAN;
    text(p, encodeNpy(shape, v.data()));
  });
  damaged("ck_badjson", "manifest.json", [&](const fs::path& p) { text(p, "{\"format\": [1, 2"); });
  damaged("ck_escape", "manifest.json", [&](const fs::path& p) {
    std::string m = readAll(p);
    m.replace(m.find("\"step00000020_W1.npy\""), 21, "\"../ck_wide/manifest.json\"");
    text(p, m);
  });
  damaged("ck_fifo", "step00000000_W1.npy", [](const fs::path& p) {
    fs::remove(p);
    mkfifo(p.c_str(), 0600);
  });
}

}  // namespace mulab::bad_input
