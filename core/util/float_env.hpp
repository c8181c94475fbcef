// Floating-point environment for training threads.
#pragma once

namespace mulab {

// Flushes subnormal floats to zero on this thread and on the OpenMP worker
// threads that run Eigen's matrix products. The multiplicative rule shrinks
// weights geometrically towards zero, and arithmetic on subnormals costs
// ~100x on x86: without this a multiplicative run slowed down by half as its
// small weights underflowed. No effect on other architectures.
void flushSubnormalsToZero();

}  // namespace mulab
