// A picture the main loop makes between frames: the window as it is (a
// screenshot, taken from the first frame without the dialog that asked for
// it), an offscreen render of just one part at a chosen size, or an animated
// GIF of the surface view (one offscreen render per frame, gif_recording.hpp).
#pragma once

#include <string>

namespace mulab::gui {

struct ExportRequest {
  enum class What { kWindow, kSurfaceView, kExplorerPlot, kLabLoss, kLabAccuracy, kSurfaceGif };
  What what = What::kWindow;
  std::string path;
  int width = 0, height = 0;
  int frames = 0;           // kSurfaceGif: frames to record
  bool from_start = false;  // kSurfaceGif: play from step 0 (else from the cursor)
};

}  // namespace mulab::gui
