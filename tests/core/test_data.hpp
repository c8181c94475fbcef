// Small generated data for tests: IDX byte images, gzip writing, and a
// clustered 10-class problem that training methods should learn.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace mulab::testing_data {

inline std::vector<uint8_t> idxBytes(const std::vector<uint32_t>& dims,
                                     const std::vector<uint8_t>& payload, uint8_t type = 0x08) {
  std::vector<uint8_t> out{0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(d >> s));
  }
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

inline void writeFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline void writeGzip(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

// n images of 28x28 (or side x side) whose class is drawn as a bright block
// at a class-specific place, plus noise: learnable, not trivial.
inline void makeDigitLike(int n, uint64_t seed, std::vector<uint8_t>& pixels,
                          std::vector<uint8_t>& labels, int side = 28) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> noise(0, 60), label(0, 9);
  pixels.assign(size_t(n) * side * side, 0);
  labels.resize(n);
  for (int i = 0; i < n; ++i) {
    const int y = label(rng);
    labels[i] = static_cast<uint8_t>(y);
    uint8_t* img = pixels.data() + size_t(i) * side * side;
    for (int p = 0; p < side * side; ++p) img[p] = static_cast<uint8_t>(noise(rng));
    const int r0 = (y / 5) * (side / 2) + 2, c0 = (y % 5) * (side / 5);
    for (int r = r0; r < r0 + side / 3 && r < side; ++r) {
      for (int c = c0; c < c0 + side / 6 && c < side; ++c) img[r * side + c] = 230;
    }
  }
}

// Writes a synthetic MNIST folder (DIR/mnist/*-ubyte) for run tests.
inline void writeSyntheticMnist(const std::filesystem::path& dir, int train_n, int test_n) {
  std::filesystem::create_directories(dir / "mnist");
  std::vector<uint8_t> px, lb;
  makeDigitLike(train_n, 1, px, lb);
  writeFile((dir / "mnist/train-images-idx3-ubyte").string(),
            idxBytes({uint32_t(train_n), 28, 28}, px));
  writeFile((dir / "mnist/train-labels-idx1-ubyte").string(), idxBytes({uint32_t(train_n)}, lb));
  makeDigitLike(test_n, 2, px, lb);
  writeFile((dir / "mnist/t10k-images-idx3-ubyte").string(),
            idxBytes({uint32_t(test_n), 28, 28}, px));
  writeFile((dir / "mnist/t10k-labels-idx1-ubyte").string(), idxBytes({uint32_t(test_n)}, lb));
}

// In-memory dataset of `side` x `side` digit-like images.
inline Dataset digitLikeDataset(int n, uint64_t seed, int side = 28) {
  std::vector<uint8_t> px, lb;
  makeDigitLike(n, seed, px, lb, side);
  Dataset d;
  d.rows = d.cols = side;
  d.images = Eigen::Map<const Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic>>(
                 px.data(), side * side, n)
                 .cast<float>() /
             255.0f;
  d.labels = lb;
  return d;
}

}  // namespace mulab::testing_data
