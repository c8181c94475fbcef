// WebAssembly exceptions with threads, as Debian 12's emscripten 3.1.6 and
// its clang 14 can do them: a replacement for libunwind's Unwind-wasm.c.
//
// A C++ landing pad compiled by clang 14 writes the landing pad's index and
// LSDA into a global named __wasm_lpad_context, calls
// _Unwind_CallPersonality, and reads back the catch clause's selector from
// it. Emscripten 3.1.6's libunwind expects the compiler of LLVM 15, which
// made that global thread_local: in a -pthread build its thread-local
// definition and clang 14's plain-global uses do not meet, the selector
// always reads 0, and no exception is ever caught (every throw ends the
// page: a scene link with a typo, a formula that does not parse). Without
// -pthread thread_local is a plain global, which is why the threadless
// build never showed it.
//
// Defined here as the plain global clang 14 expects, with the rest of that
// file's functions so that libunwind's copy is never linked. As with every
// clang 14 wasm build, the context is shared by all threads: two threads
// inside a landing pad at the same instant could read each other's
// selector. Training and map threads throw nothing in normal work; scene
// and formula parsing, which do, run on the main thread.
// <unwind.h> is clang 14's: its types are the same wasm32 types as libunwind's.
#include <unwind.h>

#include <cstdint>

extern "C" {

_Unwind_Reason_Code __gxx_personality_wasm0(int version, _Unwind_Action actions, uint64_t exception_class,
                                            _Unwind_Exception* exception, _Unwind_Context* context);

struct _Unwind_LandingPadContext {
  uintptr_t lpad_index;  // in: the landing pad's index
  uintptr_t lsda;        // in: its language-specific data
  uintptr_t selector;    // out: which catch clause matches
};

_Unwind_LandingPadContext __wasm_lpad_context;

// Called from landing pads; wasm has no two-phase unwinding, so only the
// cleanup phase runs, which finds the matching catch clause.
_Unwind_Reason_Code _Unwind_CallPersonality(void* exception_ptr) {
  auto* exception = static_cast<_Unwind_Exception*>(exception_ptr);
  __wasm_lpad_context.selector = 0;
  return __gxx_personality_wasm0(1, _UA_CLEANUP_PHASE, exception->exception_class, exception,
                                 reinterpret_cast<_Unwind_Context*>(&__wasm_lpad_context));
}

_Unwind_Reason_Code _Unwind_RaiseException(_Unwind_Exception* exception) {  // __cxa_throw
  __builtin_wasm_throw(0, exception);
}

void _Unwind_DeleteException(_Unwind_Exception* exception) {  // __cxa_end_catch
  if (exception->exception_cleanup) exception->exception_cleanup(_URC_FOREIGN_EXCEPTION_CAUGHT, exception);
}

// The personality sets only the selector, index 1.
void _Unwind_SetGR(_Unwind_Context* context, int index, _Unwind_Word value) {
  if (index == 1) reinterpret_cast<_Unwind_LandingPadContext*>(context)->selector = value;
}

// Used as a 1-based index after the personality subtracts 1: hence + 2.
_Unwind_Word _Unwind_GetIP(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context)->lpad_index + 2;
}

void _Unwind_SetIP(_Unwind_Context*, _Unwind_Word) {}

void* _Unwind_GetLanguageSpecificData(_Unwind_Context* context) {
  return reinterpret_cast<void*>(reinterpret_cast<_Unwind_LandingPadContext*>(context)->lsda);
}

_Unwind_Ptr _Unwind_GetRegionStart(_Unwind_Context*) { return 0; }

}  // extern "C"
