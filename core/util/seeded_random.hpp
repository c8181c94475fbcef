// Random numbers that are the same on every machine for the same seed.
// std::normal_distribution (and std::shuffle's use of the engine) differ
// between standard libraries, and libm's log/sin/cos may differ in the last
// bit, so a landscape's random plane would not be reproducible from its seed.
// Here every operation is IEEE double arithmetic in a fixed order: SplitMix64
// (util/splitmix64.hpp) for the bits, Box-Muller (1958) for normal variates, with our
// own log and sin/cos as fixed polynomials evaluated with explicit fma.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "util/splitmix64.hpp"

namespace mulab {

// Two independent N(0, 1) variates by Box-Muller.
std::pair<double, double> normalPair(SplitMix64& rng);

// Fills `out` with N(0, 1) variates (pairs in order), rounded to float.
void fillNormal(SplitMix64& rng, std::span<float> out);

// Fisher-Yates shuffle of `v` driven by `rng`.
void shuffleIndices(SplitMix64& rng, std::vector<int>& v);

// log(x) for x > 0 and (sin, cos) of 2*pi*u for u in [0, 1), deterministic
// (about 1 ulp; exposed for tests).
double portableLog(double x);
std::pair<double, double> portableSinCos2Pi(double u);

// FNV-1a, 64 bits, over raw bytes; `hash` continues an earlier hash.
inline constexpr uint64_t kFnv1aOffset = 0xcbf29ce484222325ull;
uint64_t fnv1a64(const void* data, size_t bytes, uint64_t hash = kFnv1aOffset);

}  // namespace mulab
