#include "cli/option_flags.hpp"

namespace mulab::cli {

void OptionFlags::add(CLI::App& cmd, const OptionSpec& spec, const std::string& defaults) {
  Flag& f = flags_.emplace_back();
  f.key = spec.key;
  f.option = cmd.add_option(spec.flag(), f.text, spec.help + (defaults.empty() ? "" : " " + defaults));
}

OptionList OptionFlags::given() const {
  OptionList out;
  for (const Flag& f : flags_) {
    if (f.option->count() > 0) out.emplace_back(f.key, f.text);
  }
  return out;
}

bool OptionFlags::given(const std::string& key) const {
  for (const Flag& f : flags_) {
    if (f.key == key) return f.option->count() > 0;
  }
  return false;
}

}  // namespace mulab::cli
