// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014; constants from Vigna's reference splitmix64.c).
// Our own generator rather than <random>'s engines and distributions, whose
// outputs for a given seed may differ between standard libraries: seeded
// start points must be the same numbers on every platform.
#pragma once

#include <cstdint>

namespace mulab {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1): the top 53 bits as a double's mantissa.
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, bound) (Lemire's multiply-shift; bound > 0).
  uint64_t below(uint64_t bound) {
    return uint64_t((static_cast<unsigned __int128>(next()) * bound) >> 64);
  }

 private:
  uint64_t state_;
};

}  // namespace mulab
