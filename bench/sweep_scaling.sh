#!/usr/bin/env bash
# Local scaling of a sweep: the 8 runs of bench/sweeps/scaling.json (BP
# 784-500-500-10, Adam, 2 epochs, seeds 1-8) on this machine
#   1 rank:        mulab-cli sweep --workers 1      (one run at a time, all cores)
#   1 rank, 2 w.:  mulab-cli sweep --workers 2      (two runs at once, cores / 2 each)
#   2 ranks:       mpirun -n 2 mulab-cli sweep      (one run per rank, cores / 2 each)
# interleaved, REPS times (default 3); prints each wall time, the medians and
# the speed-up of each against 1 rank, and whether the three summaries hold
# the same test errors.
#
#   bench/sweep_scaling.sh [REPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
data=${MULAB_DATA:-$root/data}
reps=${1:-3}
grid=$root/bench/sweeps/scaling.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# OpenMPI refuses root without these (CI runs as root).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

declare -A cmd=(
  [one]="$cli sweep --workers 1"
  [two]="$cli sweep --workers 2"
  [mpi]="mpirun -n 2 --oversubscribe --bind-to none $cli sweep"
)
declare -A times=()
for rep in $(seq "$reps"); do
  for mode in one two mpi; do
    out=$work/$mode
    rm -rf "$out"
    start=$(date +%s.%N)
    ${cmd[$mode]} --grid "$grid" --out "$out" --data-dir "$data" --quiet >/dev/null
    end=$(date +%s.%N)
    t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    times[$mode]="${times[$mode]:-} $t"
    echo "rep $rep  $mode  ${t} s  (${cmd[$mode]})"
  done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
base=$(median <<<"${times[one]}")
for mode in one two mpi; do
  m=$(median <<<"${times[$mode]}")
  awk -v m="$m" -v b="$base" -v mode="$mode" 'BEGIN { printf "median %-4s %6.1f s  speed-up %.2fx\n", mode, m, b / m }'
done
# Same seeds and the same thread count per run give the same numbers: compare
# every column but the last three (wall_s, train_s, samples_per_s).
drop_times() { rev "$1" | cut -d, -f4- | rev; }
for pair in "one two" "one mpi" "two mpi"; do
  set -- $pair
  if diff <(drop_times "$work/$1/summary.csv") <(drop_times "$work/$2/summary.csv") >/dev/null; then
    echo "$1 vs $2: the same test errors"
  else
    echo "$1 vs $2: test errors differ (a different thread count per run changes the last bits)"
  fi
done
