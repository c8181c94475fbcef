#!/usr/bin/env bash
# What the app costs the machine (issue: everyday use). The same BP run
# (784-500-500-10, Adam, batch 200, 1 epoch) measured
#   lone:      mulab-cli train alone;
#   idle app:  mulab-cli train beside the app showing a still explorer
#              (target: >= 95% of lone), and the idle app's own CPU use over
#              15 s (target: <= 3% of one core);
#   animating: the same run launched in the app's training lab while the
#              explorer animates 8 trajectories (target: >= 70% of lone).
# The app runs as a user runs it (not --bench-frames, which renders flat out)
# under Xvfb at 1280x800; the lab run's throughput is read from the session
# the app writes when it is closed (Ctrl+Q through xdotool). REPS rounds,
# interleaved; medians and ratios printed at the end.
#
#   bench/lab_throughput.sh [REPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
reps=${1:-3}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config
tick=$(getconf CLK_TCK)

cli() {
  "$build/app/mulab-cli" train --method bp --hidden 500,500 --batch 200 --epochs 1 --quiet \
    --data-dir "$root/data" | sed -n 's/^train_samples_per_s=//p'
}
start_app() {  # SCENE
  "$build/app/mulab" --size 1280x800 --scene "$1" > "$work/app.log" 2>&1 &
  app=$!
  xdotool search --sync --onlyvisible --name '^mulab$' > /dev/null
  sleep 3  # first frames, shader compile, previews
}
quit_app() {
  local win
  win=$(xdotool search --onlyvisible --name '^mulab$' | head -1)
  xdotool windowfocus --sync "$win" key ctrl+q
  for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  wait "$app" || true
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: > "$work/lone"; : > "$work/beside"; : > "$work/idle"; : > "$work/anim"
for r in $(seq "$reps"); do
  lone=$(cli); echo "$lone" >> "$work/lone"

  rm -rf "$XDG_CONFIG_HOME"
  start_app "$root/bench/scenes/idle.json"
  t0=$(cpu_ticks "$app"); sleep 15; t1=$(cpu_ticks "$app")
  idle=$(awk -v a="$t0" -v b="$t1" -v hz="$tick" 'BEGIN { printf "%.2f", 100 * (b - a) / hz / 15 }')
  echo "$idle" >> "$work/idle"
  beside=$(cli); echo "$beside" >> "$work/beside"
  quit_app

  rm -rf "$XDG_CONFIG_HOME"
  start_app "$root/bench/scenes/explorer_animating_lab_run.json"
  # The lab run is 1 epoch; give it twice the lone run's time, then close.
  awk -v s="$lone" 'BEGIN { exit !(s > 0) }'
  sleep "$(awk -v s="$lone" 'BEGIN { printf "%.0f", 2 * 60000 / s + 8 }')"
  quit_app
  csv=$XDG_CONFIG_HOME/mulab/session/run_1.csv
  anim=$(awk -F, 'NR > 1 && $5 > 0 { s = $3; w = $5 } END { if (w > 0) printf "%.0f", s / w; else print 0 }' "$csv")
  echo "$anim" >> "$work/anim"
  echo "round $r: lone ${lone} samples/s, beside the idle app ${beside}, idle app ${idle}% of a core, lab run with the explorer animating ${anim}"
done
L=$(median < "$work/lone"); B=$(median < "$work/beside"); I=$(median < "$work/idle"); A=$(median < "$work/anim")
awk -v l="$L" -v b="$B" -v i="$I" -v a="$A" 'BEGIN {
  printf "median: lone=%.0f beside_idle_app=%.0f (%.0f%%, target >= 95%%) idle_app_cpu=%.2f%% (target <= 3%%) lab_run_animating=%.0f (%.0f%%, target >= 70%%)\n", l, b, 100*b/l, i, a, 100*a/l }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
