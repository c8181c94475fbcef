#include "util/float_env.hpp"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif
#if defined(__SSE3__)
#include <pmmintrin.h>
#endif
#if defined(_OPENMP)
#include <omp.h>
#endif

namespace mulab {
namespace {

void flushThisThread() {
#if defined(__SSE__)
  _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
#endif
#if defined(__SSE3__)
  _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
#endif
}

}  // namespace

void flushSubnormalsToZero() {
  flushThisThread();
#if defined(_OPENMP)
#pragma omp parallel
  flushThisThread();
#endif
}

}  // namespace mulab
