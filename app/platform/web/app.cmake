# Initial cache (cmake -C) of the browser build of the app, after
# -DMULAB_WEB_SYSROOT=<the libraries app/platform/web/deps installed>:
#   emcmake cmake -S . -B build-web -G Ninja -DMULAB_WEB_SYSROOT=... -C app/platform/web/app.cmake
# scripts/web.sh does all of it.
include(${CMAKE_CURRENT_LIST_DIR}/flags.cmake)
set(MULAB_NATIVE OFF CACHE BOOL "")       # -march=native means the build machine's CPU
set(MULAB_BUILD_TESTS OFF CACHE BOOL "")  # the browser tests are tests/web, driving the page
set(MULAB_BUILD_BENCH OFF CACHE BOOL "")
# Runs after project(mulab), on every configure: see the file.
set(CMAKE_PROJECT_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/project.cmake CACHE FILEPATH "")
