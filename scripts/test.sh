#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the whole test suite: setup as
# for the app, then ctest on the Release build and on an AddressSanitizer +
# UndefinedBehaviorSanitizer build of the same tests, the threaded run tests
# under ThreadSanitizer, and a bounded libFuzzer run of each fuzz target
# (MULAB_FUZZ_SECONDS, default 60).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"

echo "== tests (Release) =="
ctest --test-dir "$build" --output-on-failure -j2

asan=$root/build-asan
if [ ! -f "$asan/build.ninja" ]; then
  cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMULAB_SANITIZE=address,undefined -DMULAB_BUILD_BENCH=OFF
fi
cmake --build "$asan" -j2
echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer) =="
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$asan" --output-on-failure -j2

tsan=$root/build-tsan
if [ ! -f "$tsan/build.ninja" ]; then
  cmake -S "$root" -B "$tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMULAB_SANITIZE=thread -DMULAB_BUILD_BENCH=OFF -DMULAB_BUILD_GUI=OFF
fi
cmake --build "$tsan" -j2 --target run_tests job_tests
echo "== threaded run and job tests (ThreadSanitizer) =="
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ctest --test-dir "$tsan" --output-on-failure -j2 -L threads

fuzz=$root/build-fuzz
if [ ! -f "$fuzz/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMULAB_FUZZ=ON -DMULAB_BUILD_TESTS=OFF -DMULAB_BUILD_GUI=OFF -DMULAB_BUILD_BENCH=OFF \
    -DMULAB_NATIVE=OFF
fi
cmake -S "$root" -B "$fuzz" -DMULAB_FUZZ_SECONDS="${MULAB_FUZZ_SECONDS:-60}" > /dev/null
cmake --build "$fuzz" -j2 --target fuzz_idx fuzz_scene fuzz_metrics_csv fuzz_formula
echo "== fuzzing (libFuzzer + ASan/UBSan) =="
ctest --test-dir "$fuzz" --output-on-failure -L fuzz

# The browser build (scripts/web.sh: Debian's emscripten, Chromium and imgui
# sources) in headless Chromium, driven by puppeteer-core (tests/web/run.sh).
"$root/scripts/web.sh"
echo "== browser tests =="
"$root/tests/web/run.sh" "${MULAB_WEB_BUILD_DIR:-$root/build-web}/page" "$build/tests/screenshot_compare" \
  "${MULAB_WEB_BUILD_DIR:-$root/build-web}/test-output"
