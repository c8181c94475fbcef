// The session: what was on screen when the app closed — the explorer's
// scene and every lab run's curves, live or finished — saved to the user's
// config folder and opened again on the next start (without --scene), so
// closing the app never loses a run. Lab runs come back as recorded curves;
// a run still training at exit keeps what it had trained.
#pragma once

#include <optional>
#include <string>

namespace mulab::gui {

// $XDG_CONFIG_HOME/mulab/session (or ~/.config/mulab/session); "" if neither is set.
std::string sessionDir();
// session.json in that folder.
std::string sessionScenePath();

}  // namespace mulab::gui
