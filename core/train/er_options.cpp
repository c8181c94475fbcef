#include "train/er_options.hpp"

namespace mulab {

// "value" rather than a noun of their own: "--er-output: unknown value 'x'".
const Choices<RidgeForm>& erSolveChoices() {
  static const Choices<RidgeForm> c{"value", {"augmented", "centred"}};
  return c;
}
const Choices<ErOutputReflection>& erOutputChoices() {
  static const Choices<ErOutputReflection> c{"value", {"tanh", "softmax"}};
  return c;
}
const Choices<ErHiddenUpdate>& erHiddenUpdateChoices() {
  static const Choices<ErHiddenUpdate> c{"value", {"pinv", "none"}};
  return c;
}
const Choices<ErHiddenInverse>& erInverseChoices() {
  static const Choices<ErHiddenInverse> c{"value", {"secant", "atanh"}};
  return c;
}
const Choices<ErInputScaling>& erInputChoices() {
  static const Choices<ErInputScaling> c{"value", {"pixel", "global", "raw"}};
  return c;
}

}  // namespace mulab
