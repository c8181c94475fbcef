# Included right after project(mulab) in the browser build (CMAKE_PROJECT_INCLUDE,
# set by app.cmake), before core and app are added, on every configure:
#  - find_package() and pkg_check_modules() find the WebAssembly libraries
#    of MULAB_WEB_SYSROOT, and never a host library or host .pc file;
#  - the libc++ 13 shims in compat/ (std::jthread, std::stop_token, the
#    stop_token waits of condition_variable_any) come first on every
#    target's include path, so core compiles unchanged.
if(NOT EMSCRIPTEN)
  message(FATAL_ERROR "app/platform/web/app.cmake is for emscripten builds (emcmake cmake ...)")
endif()
if(NOT IS_DIRECTORY "${MULAB_WEB_SYSROOT}/lib/pkgconfig")
  message(FATAL_ERROR "MULAB_WEB_SYSROOT=${MULAB_WEB_SYSROOT}: no libraries there; "
                      "scripts/web.sh builds them (app/platform/web/deps)")
endif()
list(PREPEND CMAKE_FIND_ROOT_PATH ${MULAB_WEB_SYSROOT})
set(ENV{PKG_CONFIG_LIBDIR} ${MULAB_WEB_SYSROOT}/lib/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")
include_directories(BEFORE ${CMAKE_CURRENT_LIST_DIR}/compat)
