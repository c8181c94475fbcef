#!/usr/bin/env bash
# Reproduces docs/landscape.md's experiment: Adam with the additive,
# multiplicative and hybrid rules from one seed (784-500-500-10, 2 epochs,
# a checkpoint every 10 steps), their joint PCA plane with every
# checkpoint's residual, each run's own PCA plane, a random filter-normalised
# plane around each final solution, and the init -> final interpolation of
# each; then the PNGs (bench/plot_landscape.py, python3-matplotlib).
# About 5 minutes on the 2-core machine when it is otherwise idle.
#
#   bench/landscape_results.sh            # MNIST from $MULAB_DATA or ./data
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
work=${LANDSCAPE_WORK:-$root/build/landscape_results}
out=$root/docs/landscape
mkdir -p "$work" "$out"

train() {
  local name=$1
  shift
  rm -rf "${work:?}/$name"
  echo "== train $name: mulab-cli train $* --epochs 2 --seed 1 --checkpoints $work/$name --checkpoint-every 10" >&2
  "$cli" train "$@" --epochs 2 --seed 1 --checkpoints "$work/$name" --checkpoint-every 10 --quiet \
    | tee "$out/train-$name.txt"
}
train additive --optimizer adam --rule additive --lr 0.001
train multiplicative --optimizer adam --rule multiplicative --lr-out 0.1
train hybrid --optimizer adam --rule hybrid --lr 0.001 --lr-out 0.1 --gamma 0.5

runs=("$work/additive" "$work/multiplicative" "$work/hybrid")
echo "== joint PCA plane" >&2
"$cli" landscape --checkpoints "${runs[@]}" --directions pca --grid 41 --samples 1000 --seed 1 \
  --quiet --json "$out/pca.json" --csv "$out/pca.csv" --paths-csv "$out/pca-paths.csv" \
  | tee "$out/pca.txt"
for name in additive multiplicative hybrid; do
  echo "== PCA plane of $name alone" >&2
  "$cli" landscape --checkpoints "$work/$name" --directions pca --grid 41 --samples 1000 --seed 1 \
    --quiet --json "$out/pca-$name.json" | tee "$out/pca-$name.txt"
  echo "== random plane around $name" >&2
  "$cli" landscape --checkpoints "$work/$name" --directions random --grid 41 --range -1:1 \
    --samples 1000 --seed 1 --quiet --json "$out/random-$name.json" | tee "$out/random-$name.txt"
  echo "== interpolation init -> final, $name" >&2
  "$cli" interpolate --from "$work/$name@0" --to "$work/$name" --samples 1000 --seed 1 \
    --json "$out/line-$name.json" | tee "$out/line-$name.txt"
done

py=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import matplotlib" 2>/dev/null && py=/usr/bin/python3
"$py" "$root/bench/plot_landscape.py" "$out" "$root/docs/img"
