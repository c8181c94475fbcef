// mulab-cli: the headless face of mulab over the same core as the GUI.
// Exit status: 0 success, 2 bad input (one line on stderr naming the flag).
#include <cstdio>
#include <exception>
#include <map>

#include "cli/commands.hpp"
#include "cli/flags.hpp"

int main(int argc, char** argv) {
  using namespace mulab::cli;
  CLI::App app{"mulab-cli: multiplicative-learning lab, headless"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");

  std::map<CLI::App*, CommandRunner> runners;
  auto add = [&](CommandRunner runner) { runners[app.get_subcommands({}).back()] = runner; };
  add(addSurfacesCommand(app));
  add(addTrajectoryCommand(app));
  add(addRaceCommand(app));
  add(addTrainCommand(app));

  // CLI11 would only say "A subcommand is required"; name the choices.
  std::string choices;
  bool known = false;
  for (const CLI::App* sub : app.get_subcommands({})) {
    choices += (choices.empty() ? "" : ", ") + sub->get_name();
    known = known || (argc > 1 && sub->get_name() == argv[1]);
  }
  if (argc < 2) {
    std::fprintf(stderr, "mulab-cli: error: a command is required (valid: %s)\n", choices.c_str());
    return 2;
  }
  if (argv[1][0] != '-' && !known) {
    std::fprintf(stderr, "mulab-cli: error: unknown command '%s' (valid: %s)\n", argv[1],
                 choices.c_str());
    return 2;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "mulab-cli: error: %s\n", e.what());
    return 2;
  }

  try {
    for (auto& [sub, run] : runners) {
      if (sub->parsed()) return run();
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "mulab-cli: error: %s\n", e.message.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mulab-cli: internal error: %s\n", e.what());
    return 1;
  }
  return 2;
}
