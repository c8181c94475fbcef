# Initial cache (cmake -C) of the browser build, for its libraries
# (app/platform/web/deps) and for the app alike: objects compiled with and
# without threads, or with another exception model, cannot be linked together.
#
#   -DMULAB_WEB_THREADS=ON|OFF before -C: pthreads (a page with COOP/COEP
#   headers) or none (any page; the lab then says why it cannot train).
#
# -fwasm-exceptions: core's scene parser catches nlohmann-json's exceptions,
# and WebAssembly's own exceptions cost nothing until one is thrown
# (emscripten's default JavaScript-based ones slow every call that may throw).
# -msimd128: 128-bit SIMD, which every current browser runs.
set(MULAB_WEB_THREADS ON CACHE BOOL "Browser build with worker threads (needs COOP/COEP headers)")
set(mulab_web_flags "-fwasm-exceptions -msimd128")
if(MULAB_WEB_THREADS)
  string(APPEND mulab_web_flags " -pthread")
endif()
set(CMAKE_C_FLAGS "${mulab_web_flags}" CACHE STRING "C flags of the browser build")
set(CMAKE_CXX_FLAGS "${mulab_web_flags}" CACHE STRING "C++ flags of the browser build")
set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type")
