// The Expectation Reflection options as text, for the CLI flags (--er-solve
// ...) and the scene files' lab-run fields (er_solve ...): one parser each, so
// both give the same message for the same bad value.
#pragma once

#include <string_view>

#include "train/er_trainer.hpp"
#include "util/result.hpp"

namespace mulab {

Result<RidgeForm> parseErSolve(std::string_view name);              // augmented|centred
Result<ErOutputReflection> parseErOutput(std::string_view name);    // tanh|softmax
Result<ErHiddenUpdate> parseErHiddenUpdate(std::string_view name);  // pinv|none
Result<ErHiddenInverse> parseErInverse(std::string_view name);      // secant|atanh
Result<ErInputScaling> parseErInput(std::string_view name);         // pixel|global|raw
std::string_view toString(RidgeForm v);
std::string_view toString(ErOutputReflection v);
std::string_view toString(ErHiddenUpdate v);
std::string_view toString(ErHiddenInverse v);
std::string_view toString(ErInputScaling v);

}  // namespace mulab
