// mulab-cli: the headless face of mulab over the same core as the GUI.
// Exit status: 0 success, 2 bad input (one line on stderr naming the flag),
// 1 a failure while running (a run that failed, an output that could not be
// written). Never a signal: a closed pipe or a file-size limit is an error
// line and status 1, not SIGPIPE or SIGXFSZ.
#include <csignal>
#include <cstdio>
#include <exception>
#include <map>
#include <new>
#include <string_view>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/option_checks.hpp"

int main(int argc, char** argv) {
  using namespace mulab::cli;
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"mulab-cli: multiplicative-learning lab, headless"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");

  std::map<CLI::App*, CommandRunner> runners;
  auto add = [&](CommandRunner runner) { runners[app.get_subcommands({}).back()] = runner; };
  add(addSurfacesCommand(app));
  add(addTrajectoryCommand(app));
  add(addRaceCommand(app));
  add(addTrainCommand(app));
  add(addLandscapeCommand(app));
  add(addInterpolateCommand(app));
  add(addBasinCommand(app));
  add(addSweepCommand(app));

  // CLI11 would only say "A subcommand is required"; name the choices.
  std::string choices;
  bool known = false;
  for (const CLI::App* sub : app.get_subcommands({})) {
    choices += (choices.empty() ? "" : ", ") + sub->get_name();
    known = known || (argc > 1 && sub->get_name() == argv[1]);
  }
  auto usage = [](const std::string& message) {
    std::fprintf(stderr, "mulab-cli: error: %s\n", message.c_str());
    return 2;
  };
  if (argc < 2) return usage("a command is required (valid: " + choices + ")");
  const std::string_view first = argv[1];
  if (first.empty()) return usage("expected a command, got an empty string (valid: " + choices + ")");
  if (first[0] == '-' && first != "--help" && first != "-h" && first != "--help-all") {
    return usage("unknown option '" + std::string(first) + "' before the command (commands: " +
                 choices + "; options go after the command)");
  }
  if (first[0] != '-' && !known) {
    return usage("unknown command '" + std::string(first) + "' (valid: " + choices + ")");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage(e.what());
  }

  int status = 2;
  try {
    for (auto& [sub, run] : runners) {
      if (!sub->parsed()) continue;
      if (auto err = emptyValueError(*sub)) return usage(*err);
      status = run();
      break;
    }
    requireStdout();
  } catch (const UsageError& e) {
    return usage(e.message);
  } catch (const OutputError& e) {
    std::fprintf(stderr, "mulab-cli: error: %s\n", e.message.c_str());
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "mulab-cli: error: out of memory (try smaller sizes or step counts)\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mulab-cli: internal error: %s\n", e.what());
    return 1;
  }
  return status;
}
