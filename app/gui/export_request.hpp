// A picture the main loop makes between frames: the window as it is (a
// screenshot, taken from the first frame without the dialog that asked for
// it), or an offscreen render of just one part at a chosen size.
#pragma once

#include <string>

namespace mulab::gui {

struct ExportRequest {
  enum class What { kWindow, kSurfaceView, kExplorerPlot, kLabLoss, kLabAccuracy };
  What what = What::kWindow;
  std::string path;
  int width = 0, height = 0;
};

}  // namespace mulab::gui
