// Named choices: the one parser and namer behind every enum the user types
// (--method, --rule, a scene's "optimizer", a grid's ER options, ...), so
// each gives the same message for the same mistake:
//   unknown rule 'add' (valid: additive, multiplicative, hybrid)
// Names are matched without regard to case; an enum's values are its names'
// positions (0, 1, 2, ...), as every enum declared with a Choices is.
//
//   const Choices<Method> kMethods{"method", {"bp", "er", "altmin", "fa", "dtp"}};
//   Result<Method> m = kMethods.parse("BP");  // Method::kBp
//   kMethods.name(Method::kEr);               // "er"
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace mulab {

// The untyped part: names by index.
class ChoiceNames {
 public:
  // `noun` names the kind in messages ("method"); `display` (optional, same
  // length as `names`) is what a menu shows ("BP (backprop)"); `aliases`
  // are further accepted spellings with the index they stand for.
  ChoiceNames(std::string noun, std::vector<std::string> names, std::vector<std::string> display = {},
              std::vector<std::pair<std::string, int>> aliases = {});

  Result<int> parse(std::string_view text) const;
  std::string_view name(int index) const;     // "?" when out of range
  std::string_view display(int index) const;  // the display name, else the name
  const std::vector<std::string>& names() const { return names_; }
  int size() const { return int(names_.size()); }
  const std::string& noun() const { return noun_; }
  // "unknown NOUN 'text' (valid: a, b, c)"
  std::string unknown(std::string_view text) const;

 private:
  std::string noun_;
  std::vector<std::string> names_, display_;
  std::vector<std::pair<std::string, int>> aliases_;
};

template <class E>
class Choices : public ChoiceNames {
 public:
  using ChoiceNames::ChoiceNames;
  Result<E> parse(std::string_view text) const {
    auto i = ChoiceNames::parse(text);
    if (!i) return Error{i.error()};
    return static_cast<E>(*i);
  }
  std::string_view name(E value) const { return ChoiceNames::name(static_cast<int>(value)); }
  std::string_view display(E value) const { return ChoiceNames::display(static_cast<int>(value)); }
};

}  // namespace mulab
