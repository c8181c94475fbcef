// The mulab-cli subcommands. Each `add*Command` registers its flags on the
// app and returns the function that runs it once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace mulab::cli {

using CommandRunner = std::function<int()>;

CommandRunner addSurfacesCommand(CLI::App& app);
CommandRunner addTrajectoryCommand(CLI::App& app);
CommandRunner addRaceCommand(CLI::App& app);
CommandRunner addTrainCommand(CLI::App& app);
CommandRunner addLandscapeCommand(CLI::App& app);
CommandRunner addInterpolateCommand(CLI::App& app);
CommandRunner addBasinCommand(CLI::App& app);
CommandRunner addSweepCommand(CLI::App& app);

}  // namespace mulab::cli
