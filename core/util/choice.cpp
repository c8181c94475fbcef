#include "util/choice.hpp"

#include <cctype>

#include "util/parse.hpp"

namespace mulab {
namespace {

bool sameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

ChoiceNames::ChoiceNames(std::string noun, std::vector<std::string> names, std::vector<std::string> display,
                         std::vector<std::pair<std::string, int>> aliases)
    : noun_(std::move(noun)), names_(std::move(names)), display_(std::move(display)), aliases_(std::move(aliases)) {}

Result<int> ChoiceNames::parse(std::string_view text) const {
  for (int i = 0; i < size(); ++i) {
    if (sameIgnoringCase(text, names_[size_t(i)])) return i;
  }
  for (const auto& [alias, index] : aliases_) {
    if (sameIgnoringCase(text, alias)) return index;
  }
  return Error{unknown(text)};
}

std::string_view ChoiceNames::name(int index) const {
  return index >= 0 && index < size() ? std::string_view(names_[size_t(index)]) : std::string_view("?");
}

std::string_view ChoiceNames::display(int index) const {
  if (index >= 0 && size_t(index) < display_.size()) return display_[size_t(index)];
  return name(index);
}

std::string ChoiceNames::unknown(std::string_view text) const {
  return "unknown " + noun_ + " '" + std::string(text) + "' (valid: " + joinNames(names_) + ")";
}

}  // namespace mulab
