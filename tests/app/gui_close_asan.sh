#!/usr/bin/env bash
# The GUI built with AddressSanitizer: start a training run from a scene,
# render frames while it trains, close. Must exit cleanly, stop the run within
# a second, and show no ASan error and no leak whose stack reaches our code.
# (Mesa's dlopen'ed driver leaks a few hundred bytes at exit; its frames are
# unsymbolised "<unknown module>" ones, which is how they are told apart.)
set -euo pipefail
mulab=$1 src=$2
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
data=${MULAB_DATA:-$src/data}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '{"surface": "rosenbrock", "tab": "lab", "lab": {"runs": [{"method": "bp", "hidden": [500, 500], "epochs": 100}, {"method": "altmin", "hidden": [100, 100], "epochs": 100}]}}' > "$out/live.json"
set +e
MULAB_DATA=$data ASAN_OPTIONS=detect_leaks=1 "$mulab" --scene "$out/live.json" --bench-frames 40 > "$out/log" 2>&1
rc=$?
set -e
cat "$out/log" | grep -E "runs_stopped_ms|SUMMARY" || true
if grep -q "ERROR: AddressSanitizer\|runtime error" "$out/log"; then
  echo "FAIL: sanitizer error"; cat "$out/log"; echo "0 passed, 1 failed"; exit 1
fi
# Leak blocks whose frames name our sources.
if awk -v src="$src" '/leak of/ {block=1} block && index($0, src) {found=1} END {exit !found}' "$out/log"; then
  echo "FAIL: a leak reaches mulab's code"; cat "$out/log"; echo "0 passed, 1 failed"; exit 1
fi
stop=$(sed -n 's/^runs_stopped_ms=//p' "$out/log")
if [ -z "$stop" ] || ! awk -v t="$stop" 'BEGIN { exit !(t < 1000) }'; then
  echo "FAIL: runs not stopped within a second (rc=$rc)"; cat "$out/log"; echo "0 passed, 1 failed"; exit 1
fi
# rc is 1 when LeakSanitizer reported only the driver's leaks; anything else is a crash.
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then echo "FAIL: exit status $rc"; echo "0 passed, 1 failed"; exit 1; fi
echo "1 passed, 0 failed"
