#!/usr/bin/env bash
# GUI frame time at 1280x800 under Xvfb with Mesa's llvmpipe: prints the
# median and 95th percentile over 600 frames for
#   - 8 running trajectories (10 steps per run per frame, trails growing to
#     6,000 points), 2D and 3D (bench/scenes/eight_runs.json), and
#   - 8 runs with whole-path previews and every explanation vector at every
#     marker (-grad f, m_t, step, trust box, l_t), playing
#     (bench/scenes/eight_runs_vectors.json): the budget is a median <= 16.7 ms (60 fps).
# The machine's load average is printed too: on a shared 2-core machine
# llvmpipe's rasteriser competes with whatever else runs.
#
#   bench/frame_time.sh [FRAMES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mulab=${MULAB_BUILD_DIR:-$root/build}/app/mulab
frames=${1:-600}
scene=$root/bench/scenes/eight_runs.json
run() { xvfb-run -a -s "-screen 0 1280x800x24" "$mulab" --scene "$1" --size 1280x800 --bench-frames "$frames"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "2D: $(run "$scene")"
tmp=$(mktemp --suffix=.json)
trap 'rm -f "$tmp"' EXIT
sed 's/"mode": "2d"/"mode": "3d"/' "$scene" > "$tmp"
echo "3D: $(run "$tmp")"
echo "2D previews + vectors: $(run "$root/bench/scenes/eight_runs_vectors.json")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
glxinfo=$(xvfb-run -a glxinfo -B 2>/dev/null | grep -E "OpenGL renderer" || true)
echo "renderer: ${glxinfo#*: }"
