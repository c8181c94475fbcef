#!/usr/bin/env bash
# The app used as a person uses it, under Xvfb with xdotool: quick key taps
# count, a double-click only fits the view, a scene opened from the File
# dialog adds its lab runs to the lab's, closing and starting again loses no
# run, and exports contain what was asked for and never the dialog.
set -euo pipefail
mulab=${1:?usage: gui_everyday.sh MULAB_BINARY SOURCE_DIR COMPARE_TOOL}
src=${2:?}
compare=${3:?}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
command -v xdotool >/dev/null || { echo "FAIL xdotool is not installed"; exit 1; }
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$out"' EXIT
export XDG_CONFIG_HOME=$out/config
fail=0
check() {  # DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok $what"; else echo "FAIL $what"; fail=1; fi
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# Scene A: two explorer runs (paused) and the three recorded lab runs of the ER vs BP scene.
cat > "$out/a.json" <<JSON
{"title": "everyday", "surface": "rosenbrock",
 "runs": [{"start": [-1.5, 2.5]}, {"rule": "multiplicative", "start": [-1.0, 2.0]}],
 "playback": {"playing": false},
 "lab": {"runs": [{"method": "er", "replay": "$src/assets/runs/er-single.csv"},
                  {"method": "er", "hidden": [4000], "replay": "$src/assets/runs/er-4000.csv"},
                  {"method": "bp", "replay": "$src/assets/runs/bp-adam-additive.csv"}]}}
JSON
cat > "$out/b.json" <<JSON
{"surface": "booth", "runs": [{"start": [5, 5]}],
 "lab": {"runs": [{"method": "bp", "optimizer": "sgd", "replay": "$src/assets/runs/bp-sgd-hybrid.csv"}]}}
JSON

start() {  # ARGS...: starts mulab, waits for its window
  "$mulab" --size 1280x800 "$@" > "$out/log" 2>&1 &
  pid=$!
  win=$(xdotool search --sync --onlyvisible --name '^mulab$' | head -1)
  # Real (XTEST) key events go to the focused window; Xvfb has no window
  # manager, so focus it directly. (Events sent with --window are synthetic
  # and GLFW's input method drops them.)
  xdotool windowfocus --sync "$win"
  sleep 1
}
quit() {
  xdotool key ctrl+q
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  wait "$pid" || true
}
wait_for() {  # FILE: up to 30 s
  for _ in $(seq 300); do [ -f "$1" ] && { sleep 0.3; return 0; }; sleep 0.1; done
  return 0
}
tap() { xdotool keydown "$1"; sleep 0.012; xdotool keyup "$1"; sleep 0.4; }

# 1. A quick Space tap (12 ms, within one frame) starts playback; a double-click fits and moves no start.
start --scene "$out/a.json"
tap space
xdotool mousemove 800 300 click --repeat 2 --delay 80 1
sleep 1.5
quit
session=$XDG_CONFIG_HOME/mulab/session/session.json
check "the session was saved on exit" test -f "$session"
check "a 12 ms Space tap started playback" test "$(json "$session" "d['playback']['playing']")" = True
echo "starts: $(json "$session" "[r['start'] for r in d['runs']]")"; check "a double-click moved no start" test "$(json "$session" "[r['start'] for r in d['runs']]")" = "[[-1.5, 2.5], [-1.0, 2.0]]"
check "the view was fitted to the surface window" test "$(json "$session" "d['view']['window']")" = "[-2.0, 2.0, -1.0, 3.0]"
check "the lab's three runs were saved" test "$(json "$session" "len(d['lab']['runs'])")" = 3

# 2. Start again without a scene: the session comes back; opening scene B adds B's lab run.
start
xdotool key ctrl+o
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 5 "$out/b.json"
xdotool key Return
sleep 2.5
quit
check "a restart restored the lab runs and scene B added its own (3 + 1)" test "$(json "$session" "len(d['lab']['runs'])")" = 4
check "scene B replaced the explorer's surface" test "$(json "$session" "d['surface']")" = booth

# 3. Exports: the window screenshot has no dialog in it; the view export has the asked size.
cat > "$out/still.json" <<JSON
{"title": "still", "surface": "himmelblau", "runs": [{"start": [0, 0]}], "playback": {"playing": false}}
JSON
"$mulab" --scene "$out/still.json" --size 1280x800 --frames 4 --screenshot "$out/headless.png"
start --scene "$out/still.json"
xdotool mousemove 1279 799
xdotool key F12
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 5 "$out/window.png"
xdotool key Return
# The app feeds queued keys one transition per frame; on a loaded machine a
# typed path takes seconds to arrive, so wait for the file, not a fixed time.
wait_for "$out/window.png"
xdotool key ctrl+e
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 5 "$out/view.png"
xdotool key Return
wait_for "$out/view.png"
quit
check "the window screenshot was written" test -f "$out/window.png"
check "the window screenshot equals the headless render (no dialog in it)" \
  "$compare" "$out/window.png" "$out/headless.png" "$out/window_diff.png"
size=$(od -An -tu1 -j16 -N8 "$out/view.png" 2>/dev/null | awk '{printf "%dx%d", $3*256+$4, $7*256+$8}' || true)
check "the surface view export is 1920x1080 (got $size)" test "$size" = 1920x1080

# 4. The formula box: a formula naming an unknown function is refused and
#    nothing changes (the saved session keeps the old formula); a good one
#    typed with Enter replaces the surface.
formula_scene=$src/tests/screenshots/scenes/formula_surface.json
start --scene "$formula_scene"
xdotool mousemove 150 239 click 1  # the f(x, y) field at 1280x800, 1x
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 5 "x + foo(y)"
xdotool key Return
sleep 1
quit
check "a bad formula changed nothing" \
  test "$(json "$session" "d['surface']['formula']")" = "(x^2 - 1)^2 + 0.5*y^2 + 0.3*x"
start --scene "$formula_scene"
xdotool mousemove 150 239 click 1
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 5 "x^2 + 2*y^2"
xdotool key Return
sleep 1
quit
check "a good formula replaced the surface (and f* is unknown again)" \
  test "$(json "$session" "[d['surface']['formula'], d['surface'].get('find_minima', False)]")" = "['x^2 + 2*y^2', False]"
# 5. A lab run that keeps checkpoints: selected, its Landscape button opens
#    the explorer on its PCA plane (the session then reopens on the explorer
#    tab), with no error line.
cat > "$out/ckpt.json" <<JSON
{"surface": "booth", "tab": "lab",
 "lab": {"runs": [{"method": "bp", "hidden": [16], "epochs": 1, "train_limit": 3000, "checkpoint_every": 5}]}}
JSON
start --scene "$out/ckpt.json"
sleep 4                                 # one epoch of 3000 samples trains in about a second
xdotool mousemove 420 87 click 1        # the run's row at 1280x800, 1x
sleep 0.5
xdotool mousemove 578 187 click 1       # Landscape, after Remove... and Export runs (CSV)... once the run has finished
sleep 3
quit
check "Landscape opened the explorer" test "$(json "$session" "d['tab']")" = explorer
check "no error while the landscape was computed" test ! -s "$out/log"
if [ $fail -ne 0 ]; then echo "0 passed, 1 failed"; cat "$out/log"; exit 1; fi
echo "1 passed, 0 failed"
