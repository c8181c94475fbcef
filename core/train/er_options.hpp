// The Expectation Reflection options' names: the CLI flags (--er-solve ...),
// scene and manifest fields and sweep grids all read them
// through these choices (train/run_options.hpp), so each gives the same
// message for the same bad value.
#pragma once

#include <string_view>

#include "train/er_trainer.hpp"
#include "util/choice.hpp"

namespace mulab {

const Choices<RidgeForm>& erSolveChoices();                 // augmented|centred
const Choices<ErOutputReflection>& erOutputChoices();       // tanh|softmax
const Choices<ErHiddenUpdate>& erHiddenUpdateChoices();     // pinv|none
const Choices<ErHiddenInverse>& erInverseChoices();         // secant|atanh
const Choices<ErInputScaling>& erInputChoices();            // pixel|global|raw

inline std::string_view toString(RidgeForm v) { return erSolveChoices().name(v); }
inline std::string_view toString(ErOutputReflection v) { return erOutputChoices().name(v); }
inline std::string_view toString(ErHiddenUpdate v) { return erHiddenUpdateChoices().name(v); }
inline std::string_view toString(ErHiddenInverse v) { return erInverseChoices().name(v); }
inline std::string_view toString(ErInputScaling v) { return erInputChoices().name(v); }

}  // namespace mulab
