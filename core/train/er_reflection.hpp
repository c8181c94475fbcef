// The target rules of Expectation Reflection (Kim, Soh, Jo, Periwal,
// "Multiplicative Learning", arXiv 2503.10144), one function per rule. Fields
// and targets are (units x samples); spins s are +-1, one-vs-rest.
//
// Output reflections:
//   tanh (docs/algorithms.md §3.1):  s_hat = tanh(h/2), h* = h s / s_hat (2s at h = 0)
//   softmax (the group's public multiclass code, §3.3): p = softmax(h) over
//     classes, hh = log p - log(1 - p), h* = log(1 - p) + s hh / tanh(hh/2)
// Hidden targets (§3.2, RECONSTRUCTED): the target-propagation inverse of
// the layer above, a* = a + alpha W+ (h*_above - h_above) with the damped
// pseudo-inverse W+ = W^T (W W^T + d I)^-1, clipped into tanh's open range,
// then h* by the secant inverse h a*/a or by atanh(a*).
#pragma once

#include "nn/mlp.hpp"

namespace mulab {

enum class ErOutputReflection { kTanh, kSoftmax };
enum class ErHiddenInverse { kSecant, kAtanh };

void reflectTanh(const Matrix& h, const Matrix& spins, Matrix& target);
void reflectSoftmax(const Matrix& h, const Matrix& spins, Matrix& target);
void reflectOutput(ErOutputReflection kind, const Matrix& h, const Matrix& spins, Matrix& target);

struct HiddenTargetRule {
  double step = 1.0;           // alpha: a* = a + alpha W+ (h* - h)
  double pinv_damping = 1e-3;  // d in W+ = W^T (W W^T + d I)^-1
  double clip = 1e-3;          // a* in (-1 + clip, 1 - clip)
  ErHiddenInverse inverse = ErHiddenInverse::kSecant;
};

// The target fields of a tanh layer (h, a = tanh h) from the target fields
// `above_target` of the layer above, whose weights are W and fields above_h.
Matrix hiddenTarget(const HiddenTargetRule& rule, const Matrix& W, const Matrix& h, const Matrix& a,
                    const Matrix& above_h, const Matrix& above_target);

}  // namespace mulab
