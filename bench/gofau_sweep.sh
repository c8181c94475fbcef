#!/usr/bin/env bash
# The GOFAU MNIST results of docs/results.md: every run of
# bench/sweeps/gofau_mnist.json (144 runs: SGD and Adam x additive,
# multiplicative, hybrid and hybrid with the gamma schedule, each over its
# step-size grid, 3 seeds; BP 784-500-500-10, batch 200, 10 epochs) into
# docs/mnist/gofau-sweep/, whose summary.md holds the tables. About an hour
# on the 2-core machine. Resumable: run it again after an interruption and it
# continues where it stopped.
#
#   bench/gofau_sweep.sh [more sweep flags, e.g. --workers 1]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
out=${OUT:-$root/docs/mnist/gofau-sweep}
exec "$cli" sweep --grid "$root/bench/sweeps/gofau_mnist.json" --out "$out" "$@"
