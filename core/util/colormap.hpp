// Perceptual colour maps as 256-entry lookup tables, built once on the CPU and
// used by the surface shader (as a 1D texture), the colour bar and headless
// image exports (mulab-cli basin --png), so they can never disagree.
#pragma once

#include <array>
#include <string>

#include "util/choice.hpp"

namespace mulab {

using Lut = std::array<std::array<float, 3>, 256>;

// The maps by name, "colour map" in messages: viridis, magma, coolwarm.
const ChoiceNames& colormapChoices();

// viridis and magma: polynomial fits to matplotlib's maps (perceptually
// uniform); coolwarm: Moreland's diverging map through its three anchors.
// Unknown names give viridis (scene parsing validates names first).
const Lut& colormapLut(const std::string& name);

}  // namespace mulab
