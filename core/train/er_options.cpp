#include "train/er_options.hpp"

#include <string>
#include <utility>

namespace mulab {
namespace {

template <class E, size_t N>
Result<E> parseChoice(std::string_view name, const std::pair<E, const char*> (&choices)[N]) {
  std::string valid;
  for (const auto& [value, text] : choices) {
    if (name == text) return value;
    valid += (valid.empty() ? "" : ", ") + std::string(text);
  }
  return Error{"unknown value '" + std::string(name) + "' (valid: " + valid + ")"};
}

template <class E, size_t N>
std::string_view nameOf(E v, const std::pair<E, const char*> (&choices)[N]) {
  for (const auto& [value, text] : choices) {
    if (value == v) return text;
  }
  return "?";
}

constexpr std::pair<RidgeForm, const char*> kSolve[] = {{RidgeForm::kAugmented, "augmented"},
                                                        {RidgeForm::kCentred, "centred"}};
constexpr std::pair<ErOutputReflection, const char*> kOutput[] = {
    {ErOutputReflection::kTanh, "tanh"}, {ErOutputReflection::kSoftmax, "softmax"}};
constexpr std::pair<ErHiddenUpdate, const char*> kHidden[] = {{ErHiddenUpdate::kPinv, "pinv"},
                                                              {ErHiddenUpdate::kNone, "none"}};
constexpr std::pair<ErHiddenInverse, const char*> kInverse[] = {
    {ErHiddenInverse::kSecant, "secant"}, {ErHiddenInverse::kAtanh, "atanh"}};
constexpr std::pair<ErInputScaling, const char*> kInput[] = {{ErInputScaling::kPixel, "pixel"},
                                                             {ErInputScaling::kGlobal, "global"},
                                                             {ErInputScaling::kRaw, "raw"}};

}  // namespace

Result<RidgeForm> parseErSolve(std::string_view n) {
  return parseChoice(n, kSolve);
}
Result<ErOutputReflection> parseErOutput(std::string_view n) {
  return parseChoice(n, kOutput);
}
Result<ErHiddenUpdate> parseErHiddenUpdate(std::string_view n) {
  return parseChoice(n, kHidden);
}
Result<ErHiddenInverse> parseErInverse(std::string_view n) {
  return parseChoice(n, kInverse);
}
Result<ErInputScaling> parseErInput(std::string_view n) {
  return parseChoice(n, kInput);
}
std::string_view toString(RidgeForm v) {
  return nameOf(v, kSolve);
}
std::string_view toString(ErOutputReflection v) {
  return nameOf(v, kOutput);
}
std::string_view toString(ErHiddenUpdate v) {
  return nameOf(v, kHidden);
}
std::string_view toString(ErHiddenInverse v) {
  return nameOf(v, kInverse);
}
std::string_view toString(ErInputScaling v) {
  return nameOf(v, kInput);
}

}  // namespace mulab
