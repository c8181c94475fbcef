// Markdown for `mulab-cli race --tune`: the settings and grids, the best
// setting per surface x optimizer x rule, and a tally per rule.
#pragma once

#include <vector>

#include "trajectory/tuned_race.hpp"

namespace mulab::cli {

void printTunedRace(const TunedRaceConfig& config, const std::vector<TunedEntry>& entries);

}  // namespace mulab::cli
