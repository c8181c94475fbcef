#!/usr/bin/env bash
# Runs the real GUI under Xvfb (started here when there is no display): every
# shipped scene renders to a PNG of the requested size, and a broken scene is
# refused with one clear line, exit status 2 and no image left behind.
set -euo pipefail
mulab=${1:?usage: gui_smoke.sh MULAB_BINARY SOURCE_DIR}
src=${2:?usage: gui_smoke.sh MULAB_BINARY SOURCE_DIR}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
for scene in "$src"/assets/scenes/*.json; do
  name=$(basename "$scene" .json)
  if ! "$mulab" --scene "$scene" --size 960x600 --frames 4 --screenshot "$out/$name.png"; then
    echo "FAIL $name: mulab exited non-zero"; fail=1; continue
  fi
  # PNG header: width and height are big-endian at bytes 16..23.
  size=$(od -An -tu1 -j16 -N8 "$out/$name.png" | awk '{printf "%dx%d", $3*256+$4, $7*256+$8}')
  if [ "$size" != "960x600" ]; then echo "FAIL $name: image is $size"; fail=1; else echo "ok $name"; fi
done
# Broken scenes: each must be refused with exit 2, one line naming the file
# and the fault, and no image written.
check_broken() {  # NAME JSON EXPECTED_MESSAGE_PART
  printf '%s' "$2" > "$out/$1.json"
  set +e
  msg=$("$mulab" --scene "$out/$1.json" --frames 2 --screenshot "$out/$1.png" 2>&1)
  rc=$?
  set -e
  if [ $rc -ne 2 ] || [[ "$msg" != *"$1.json: $3"* ]] || [ -e "$out/$1.png" ] || [ -e "$out/$1.png.part" ]; then
    echo "FAIL $1: rc=$rc message: $msg"; fail=1
  else
    echo "ok $1 refused: $msg"
  fi
}
check_broken bad_rule '{"surface": "rosenbrock", "runs": [{"rule": "sideways", "start": [0, 0]}]}' "runs[0].rule: unknown rule 'sideways'"
check_broken not_json '{"surface": "rosenbrock", "runs": [' "not valid JSON"
check_broken negative_lr '{"surface": "booth", "runs": [{"lr": -1, "start": [0, 0]}]}' "runs[0].lr: must not be negative"
check_broken gamma_two '{"surface": "booth", "runs": [{"rule": "hybrid", "gamma": 2, "start": [0, 0]}]}' "runs[0].gamma: must lie in [0, 1], got 2"
check_broken nan_start '{"surface": "booth", "runs": [{"start": [NaN, 0]}]}' "not valid JSON"
check_broken overflow '{"surface": "booth", "runs": [{"start": [1e999, 0]}]}' "not valid JSON (number overflow"
set +e
msg=$("$mulab" --scene "$out/missing.json" --frames 2 --screenshot "$out/missing.png" 2>&1); rc=$?
set -e
if [ $rc -ne 2 ] || [[ "$msg" != *"missing.json: not found"* ]]; then echo "FAIL missing scene: $msg"; fail=1; fi
# Whatever a scene asks to draw stays within ImGui's 16-bit vertex indices (the
# headless app checks every frame's draw lists and fails otherwise): 64
# oscillating runs of 20,000 steps, 16 lab runs with 16 hidden layers each
# replaying 100,000 rows, a 200-character title; both tabs.
awk 'BEGIN { print "epoch,step,samples,updates,wall_s,train_loss,train_acc,test_acc";
             srand(1); for (i = 1; i <= 100000; ++i)
               printf "%g,%d,%d,%d,%g,%g,%g,%s\n", i / 1000, i, i * 10, i, i / 100,
                      2 / (1 + i / 100) * (1 + 0.3 * rand()), i / 100000, (i % 100 ? "" : i / 100000) }' > "$out/long.csv"
stress() {  # TAB
  local runs="" lab="" title
  for i in $(seq 0 63); do runs+="${runs:+,}{\"optimizer\": \"sgd\", \"lr\": 0.0105, \"start\": [$(( i % 8 - 4 )).3, $(( i / 8 - 4 )).7]}"; done
  for i in $(seq 1 16); do lab+="${lab:+,}{\"hidden\": [16,16,16,16,16,16,16,16,16,16,16,16,16,16,16,16], \"replay\": \"long.csv\"}"; done
  title=$(printf 'T%.0s' $(seq 1 200))
  printf '{"title": "%s", "surface": "rastrigin", "tab": "%s", "runs": [%s], "playback": {"advance_steps": 20000, "max_steps": 20000, "tol": 0}, "lab": {"runs": [%s]}}' \
    "$title" "$1" "$runs" "$lab" > "$out/stress_$1.json"
  if "$mulab" --scene "$out/stress_$1.json" --size 1280x800 --frames 3 --screenshot "$out/stress_$1.png"; then
    echo "ok stress scene ($1 tab) within ImGui's index range"
  else
    echo "FAIL stress scene ($1 tab)"; fail=1
  fi
}
stress explorer
stress lab
# Closing the window while a run trains stops and joins it within a second.
data=${MULAB_DATA:-$src/data}
if [ -f "$data/mnist/train-images-idx3-ubyte" ]; then
  printf '{"surface": "rosenbrock", "tab": "lab", "lab": {"runs": [{"method": "bp", "hidden": [500, 500], "epochs": 100}]}}' > "$out/live.json"
  msg=$(MULAB_DATA="$data" "$mulab" --scene "$out/live.json" --bench-frames 40 2>&1)
  stop_ms=$(sed -n 's/^runs_stopped_ms=//p' <<<"$msg")
  if [ -z "$stop_ms" ] || ! awk -v t="$stop_ms" 'BEGIN { exit !(t < 1000) }'; then
    echo "FAIL closing with a run training: $msg"; fail=1
  else
    echo "ok closing with a run training stopped it in $stop_ms ms"
  fi
else
  echo "FAIL no MNIST data in $data (scripts/fetch-data.sh fetches it)"; fail=1
fi
if [ $fail -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi
echo "1 passed, 0 failed"
