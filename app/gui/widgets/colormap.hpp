// The colour maps live in core (util/colormap.hpp) so headless exports colour
// exactly like the GUI; this header keeps the GUI's names for them.
#pragma once

#include "util/colormap.hpp"

namespace mulab::gui {

using mulab::colormapLut;
using mulab::Lut;

}  // namespace mulab::gui
