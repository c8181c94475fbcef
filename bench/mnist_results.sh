#!/usr/bin/env bash
# Reproduces the MNIST table of docs/results.md: every row is one `mulab-cli
# train` run; its metrics CSV goes to docs/mnist/NAME.csv and its row to
# docs/mnist/table.md. Takes about half an hour on the 2-core machine.
#
#   bench/mnist_results.sh [NAME_FILTER]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
out=$root/docs/mnist
mkdir -p "$out"
filter=${1:-}

run() {
  local name=$1
  shift
  [[ -n "$filter" && "$name" != *$filter* ]] && return 0
  echo "== $name: mulab-cli train $*" >&2
  local log
  log=$("$cli" train "$@" --csv "$out/$name.csv" 2>/dev/null)
  local desc err sps line
  desc=$(sed -n 's/^run: //p' <<<"$log")
  line=$(grep '^epochs=' <<<"$log")
  sps=$(sed -n 's/^train_samples_per_s=//p' <<<"$log")
  err=$(sed -n 's/^test_error=//p' <<<"$log")
  local epochs updates secs
  epochs=$(sed -E 's/.*epochs=([^ ]+).*/\1/' <<<"$line")
  updates=$(sed -E 's/.*weight_updates=([^ ]+).*/\1/' <<<"$line")
  secs=$(sed -E 's/.*train_seconds=([^ ]+).*/\1/' <<<"$line")
  [ -f "$out/table.md" ] && sed -i "/^| $name |/d" "$out/table.md"  # a re-run replaces its row
  printf '| %s | %s | %s | %s | %s s | %s | **%s** | `mulab-cli train %s` |\n' \
    "$name" "$desc" "$epochs" "$updates" "$secs" "$sps" "$err" "$*" | tee -a "$out/table.md"
}

[ -z "$filter" ] && printf '| run | method | epochs | weight updates | train time | samples/s | test error | command |\n|---|---|---|---|---|---|---|---|\n' > "$out/table.md"

# Backprop, 784-500-500-10, batch 200 (the AltMin paper's comparison net).
run bp-adam-additive      --method bp --optimizer adam --rule additive --lr 0.001 --epochs 10
run bp-adam-multiplicative --method bp --optimizer adam --rule multiplicative --lr-out 0.1 --epochs 10
run bp-adam-hybrid        --method bp --optimizer adam --rule hybrid --lr 0.001 --lr-out 0.1 --gamma 0.5 --epochs 10
run bp-sgd-additive       --method bp --optimizer sgd --rule additive --lr 0.1 --epochs 10
run bp-sgd-multiplicative --method bp --optimizer sgd --rule multiplicative --lr-in 100 --lr-out 0.1 --epochs 10
run bp-sgd-hybrid         --method bp --optimizer sgd --rule hybrid --lr 0.1 --lr-in 100 --lr-out 0.1 --epochs 10
run fa-adam               --method fa --optimizer adam --lr 0.001 --epochs 10
# Online alternating minimization, authors' settings (mu 0.003, Adam 0.008, halving every 8 epochs).
run altmin-10             --method altmin --epochs 10
run altmin-50             --method altmin --epochs 50
# Expectation Reflection: single layer (docs/algorithms.md §3.1) and the reconstructed multilayer (§3.2).
run er-single             --method er --epochs 50
run er-1000               --method er --hidden 1000 --epochs 10
run er-4000               --method er --hidden 4000 --epochs 3
run er-1000-ridge1000     --method er --hidden 1000 --ridge 1000 --epochs 10
run er-1000-init3         --method er --hidden 1000 --er-init-scale 3 --epochs 10
run er-inc-1000           --method er --hidden 1000 --er-mode incremental --batch 2000 --epochs 3
run bp-adam-early         --method bp --optimizer adam --lr 0.001 --epochs 1 --eval-every 5
# Fashion-MNIST baselines.
run fashion-bp-adam       --dataset fashion --method bp --lr 0.001 --epochs 10
run fashion-er-single     --dataset fashion --method er --epochs 50
