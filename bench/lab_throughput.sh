#!/usr/bin/env bash
# Training throughput with the GUI open and plotting vs the headless CLI, same
# run (BP 784-500-500-10, Adam, batch 200), measured back to back; the GUI
# renders the training lab at 1280x800 under Xvfb (llvmpipe) for the whole
# run. Target: the GUI keeps at least 85% of the CLI's samples/s.
#
#   bench/lab_throughput.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
cli=$("$build/app/mulab-cli" train --method bp --hidden 500,500 --batch 200 --epochs 3 \
      --data-dir "$root/data" 2>/dev/null | sed -n 's/^train_samples_per_s=//p')
# 400 frames at the app's own pacing while runs train (10 fps) outlast the
# run; the app prints the run's throughput at exit.
gui_out=$(cd "$root" && xvfb-run -a -s "-screen 0 1280x800x24" "$build/app/mulab" \
          --scene "$root/bench/scenes/lab_live_bp.json" --bench-frames 400)
echo "$gui_out"
gui=$(sed -n 's/^lab_run_train_samples_per_s=//p' <<<"$gui_out" | head -1)
awk -v c="$cli" -v g="$gui" 'BEGIN { printf "cli_samples_per_s=%.0f gui_samples_per_s=%.0f gui_fraction=%.0f%%\n", c, g, 100*g/c }'
