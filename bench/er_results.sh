#!/usr/bin/env bash
# Reproduces the Expectation Reflection study of docs/er.md and its rows in
# docs/results.md: every row is one `mulab-cli train` run on real MNIST; its
# metrics CSV (one test point per layer solve) goes to docs/mnist/er/NAME.csv
# and its row to docs/mnist/er/table.md. Run one at a time on the 2-core
# machine (about 1.5 hours for all rows; the H >= 8000 rows dominate).
#
#   bench/er_results.sh [NAME_FILTER]
#
# Columns: weight updates (= layer solves), train time (training only, test
# evaluations excluded), the test error after the first solve, after the
# first iteration (every layer solved once, "single update"), and at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
out=$root/docs/mnist/er
mkdir -p "$out"
filter=${1:-}
# OpenMP threads for the small rows (H <= 2000, single layer): their products
# are too small to gain from a second thread, and on a shared, busy machine
# GOMP's barriers make them up to 10x slower. The wide rows use all threads.
small_threads=${ER_SMALL_THREADS:-1}
# ER_RESUME_FROM=NAME skips the rows before NAME (after an interrupted run).
resume=${ER_RESUME_FROM:-}

# Test error (%) of the first test point with updates == $2 in CSV $1.
error_at() {
  awk -F, -v u="$2" 'NR > 1 && $4 == u && $8 != "" { printf "%.2f%%", 100 * (1 - $8); exit }' "$1"
}

run() {
  local name=$1 single=$2
  shift 2
  [[ -n "$filter" && "$name" != *$filter* ]] && return 0
  [[ -n "$resume" && "$name" != "$resume" ]] && return 0
  resume=
  echo "== $name: mulab-cli train $*" >&2
  local log
  local threads=${OMP_NUM_THREADS:-}
  [[ "$name" == single-* || "$name" == *-2000* ]] && threads=$small_threads
  log=$(env ${threads:+OMP_NUM_THREADS=$threads} "$cli" train "$@" --csv "$out/$name.csv" 2>/dev/null)
  local desc err line updates secs
  desc=$(sed -n 's/^run: //p' <<<"$log")
  line=$(grep '^epochs=' <<<"$log")
  err=$(sed -n 's/^test_error=//p' <<<"$log")
  updates=$(sed -E 's/.*weight_updates=([^ ]+).*/\1/' <<<"$line")
  secs=$(sed -E 's/.*train_seconds=([^ ]+).*/\1/' <<<"$line")
  [ -f "$out/table.md" ] && sed -i "/^| $name |/d" "$out/table.md"  # a re-run replaces its row
  printf '| %s | %s | %s | %s s | %s | %s | **%s** | `mulab-cli train %s` |\n' \
    "$name" "$desc" "$updates" "$secs" "$(error_at "$out/$name.csv" 1)" \
    "$(error_at "$out/$name.csv" "$single")" "$err" "$*" | tee -a "$out/table.md"
}

[ -z "$filter$resume" ] && printf '| run | configuration | weight updates | train time | error after 1st solve | after 1st iteration | final test error | command |\n|---|---|---|---|---|---|---|---|\n' > "$out/table.md"

# The second argument is the solve count of one iteration (1 for the readout
# alone; hidden layers + 2 for multilayer ER), for the "single update" column.
er="--method er"
# --- Single layer (docs/algorithms.md §3.1 and the group's code, §3.3)
run single-tanh        1 $er --hidden none --er-input pixel --ridge 10 --epochs 50
run single-group       1 $er --hidden none --er-input pixel --ridge 20 --er-solve centred --er-output-start random --epochs 100
run single-softmax     1 $er --hidden none --er-input pixel --ridge 20 --er-solve centred --er-output-start random --er-output softmax --epochs 100
run single-softmax-global 1 $er --hidden none --er-input global --ridge 20 --er-solve centred --er-output-start random --er-output softmax --epochs 100
# --- Axes at H = 2000 on the random-feature readout (one solve each)
for s in pixel global raw; do
  run rf-2000-input-$s 1 $er --hidden 2000 --er-hidden-update none --er-input $s --er-init-scale 0.5 --ridge 1 --epochs 1
done
for i in 0.25 1 2 4; do
  run rf-2000-init-$i 1 $er --hidden 2000 --er-hidden-update none --er-input global --er-init-scale $i --ridge 1 --epochs 1
done
for l in 0.1 10 100; do
  run rf-2000-ridge-$l 1 $er --hidden 2000 --er-hidden-update none --er-input global --er-init-scale 0.5 --ridge $l --epochs 1
done
# --- Hidden-layer rules at H = 2000, 3 iterations (9 solves); baseline: rf-2000-input-global
h2k="$er --hidden 2000 --er-input global --er-init-scale 0.5 --ridge 1 --er-hidden-ridge 1 --epochs 3"
run er-2000-secant      3 $h2k
run er-2000-atanh       3 $h2k --er-inverse atanh
run er-2000-step0.1     3 $h2k --er-step 0.1
run er-2000-step0       3 $h2k --er-step 0
run er-2000-softmax     3 $h2k --er-output softmax --er-step 0.1
run er-2000-softmax-step0 3 $h2k --er-output softmax --er-step 0
run er-2000-rf-softmax  1 $er --hidden 2000 --er-hidden-update none --er-output softmax --er-input global --er-init-scale 0.5 --ridge 1 --epochs 9
run er-2000-pixel       3 $er --hidden 2000 --er-input pixel --ridge 10 --er-hidden-ridge 10 --epochs 3
run er-2000-deep        4 $er --hidden 2000,2000 --er-input global --er-init-scale 0.5 --ridge 1 --er-hidden-ridge 1 --er-output softmax --er-step 0.1 --epochs 2
run rf-2000-deep        1 $er --hidden 2000,2000 --er-hidden-update none --er-input global --er-init-scale 0.5 --ridge 1 --epochs 1
run er-inc-2000         3 $er --hidden 2000 --er-mode incremental --batch 2000 --er-input global --er-init-scale 0.5 --ridge 1 --er-hidden-ridge 1 --epochs 2
# --- Width: random features against ER at the same width
for H in 4000 8000 12000; do
  run rf-$H 1 $er --hidden $H --er-hidden-update none --er-input global --er-init-scale 0.5 --ridge 1 --epochs 1
done
for H in 4000 8000; do
  run er-$H 3 $er --hidden $H --er-input global --er-init-scale 0.5 --ridge 1 --er-hidden-ridge 1 --er-output softmax --er-step 0.1 --epochs 2
done
# --- Difference target propagation on the ER paper's comparison net (tanh)
run dtp-500-500 300 --method dtp --hidden 500,500 --epochs 10
