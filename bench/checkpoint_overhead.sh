#!/usr/bin/env bash
# Does writing checkpoints stall training? The same 2-epoch BP run
# (784-500-500-10, Adam, batch 200) without checkpoints, with one every 10
# steps and with one every step (thinned to 100), alternated REPS times;
# prints the median training throughput (train_samples_per_s, steps only) and
# wall time (everything: evaluation, copies, the writer thread's disk work
# competing for the cores) of each.
#
#   bench/checkpoint_overhead.sh [REPS]      # default 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
reps=${1:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A sps wall
for ((r = 1; r <= reps; r++)); do
  for mode in none every10 every1; do
    rm -rf "$tmp/ck"
    extra=()
    [ "$mode" = every10 ] && extra=(--checkpoints "$tmp/ck" --checkpoint-every 10)
    [ "$mode" = every1 ] && extra=(--checkpoints "$tmp/ck" --checkpoint-every 1 --checkpoint-max 100)
    t0=$(date +%s.%N)
    out=$("$cli" train --epochs "${EPOCHS:-2}" --quiet "${extra[@]}")
    t1=$(date +%s.%N)
    sps[$mode]+="$(sed -n 's/^train_samples_per_s=//p' <<<"$out") "
    wall[$mode]+="$(echo "$t1 - $t0" | bc) "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base_sps=$(median <<<"${sps[none]}")
base_wall=$(median <<<"${wall[none]}")
printf '| checkpoints | train samples/s (median) | ratio | wall s (median) | ratio |\n|---|---|---|---|---|\n'
for mode in none every10 every1; do
  s=$(median <<<"${sps[$mode]}")
  w=$(median <<<"${wall[$mode]}")
  printf '| %s | %.0f | %.3f | %.1f | %.3f |\n' "$mode" "$s" "$(echo "$s / $base_sps" | bc -l)" "$w" \
    "$(echo "$w / $base_wall" | bc -l)"
done
