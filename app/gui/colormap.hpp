// Perceptual colour maps as 256-entry lookup tables, built once on the CPU and
// used both by the surface shader (as a 1D texture) and by the colour bar, so
// the two can never disagree.
#pragma once

#include <array>
#include <string>

namespace mulab::gui {

using Lut = std::array<std::array<float, 3>, 256>;

// viridis and magma: polynomial fits to matplotlib's maps (perceptually
// uniform); coolwarm: Moreland's diverging map through its three anchors.
const Lut& colormapLut(const std::string& name);

}  // namespace mulab::gui
