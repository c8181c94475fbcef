#!/usr/bin/env bash
# GUI frame time at 1280x800 with 8 running trajectories (10 steps per run per
# frame, trails growing to 6,000 points), under Xvfb with Mesa's llvmpipe:
# prints the median and 95th percentile over 600 frames, 2D and 3D.
#
#   bench/frame_time.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mulab=${MULAB_BUILD_DIR:-$root/build}/app/mulab
scene=$root/bench/scenes/eight_runs.json
run() { xvfb-run -a -s "-screen 0 1280x800x24" "$mulab" --scene "$1" --size 1280x800 --bench-frames 600; }
echo "2D: $(run "$scene")"
tmp=$(mktemp --suffix=.json)
trap 'rm -f "$tmp"' EXIT
sed 's/"mode": "2d"/"mode": "3d"/' "$scene" > "$tmp"
echo "3D: $(run "$tmp")"
glxinfo=$(xvfb-run -a glxinfo -B 2>/dev/null | grep -E "OpenGL renderer" || true)
echo "renderer: ${glxinfo#*: }"
