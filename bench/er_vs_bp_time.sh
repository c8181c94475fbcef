#!/usr/bin/env bash
# Wall time (training only, test evaluations excluded) for ER and for BP
# (Adam, the CLI's defaults) to first reach 6%, 4% and ER's best test error,
# read from their metrics series: ER records a test point after every layer
# solve, BP every 10 steps (--eval-every 10). Run alone on the machine.
#
#   bench/er_vs_bp_time.sh ER_CSV [BP_CSV]
# Without BP_CSV the BP run is made (10 epochs, about 30 s) into
# docs/mnist/er/bp-adam-eval10.csv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${MULAB_CLI:-$root/build/app/mulab-cli}
er_csv=$1
bp_csv=${2:-$root/docs/mnist/er/bp-adam-eval10.csv}
if [ $# -lt 2 ]; then
  "$cli" train --method bp --eval-every 10 --csv "$bp_csv" >/dev/null 2>&1
fi

# First wall_s (column 5) and updates (column 4) at which the test error <= $2 %.
first_at() {
  awk -F, -v e="$2" 'NR > 1 && $8 != "" && 100 * (1 - $8) <= e + 1e-9 {
    printf "%.1f s (%d updates)", $5, $4; found = 1; exit }
    END { if (!found) printf "not reached" }' "$1"
}
best() { awk -F, 'NR > 1 && $8 != "" && (b == "" || 1 - $8 < b) { b = 1 - $8 } END { printf "%.2f", 100 * b }' "$1"; }

er_best=$(best "$er_csv")
bp_best=$(best "$bp_csv")
echo "| test error | ER ($(basename "$er_csv" .csv)) | BP Adam (784-500-500-10, batch 200) |"
echo "|---|---|---|"
for e in 6 4 "$er_best"; do
  echo "| <= $e% | $(first_at "$er_csv" "$e") | $(first_at "$bp_csv" "$e") |"
done
echo "| best in run | $er_best% | $bp_best% |"
