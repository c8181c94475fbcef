#!/usr/bin/env bash
# The browser build's budgets (docs/performance.md), as numbers, not a pass/fail test:
#   - the page's first frame within 3 s of navigation, on loopback;
#   - mulab.wasm at most 3 MB gzipped;
#   - median frame at most 33 ms at 1280x800 with 4 runs, in headless
#     Chromium with software WebGL 2.
# Builds the page if needed (scripts/web.sh), serves it on a free loopback
# port with the COOP/COEP headers and measures (bench/web_budget.mjs).
#
#   bench/web_budget.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
page=${MULAB_WEB_BUILD_DIR:-$root/build-web}/page
"$root/scripts/web.sh" > /dev/null
if [ ! -d "$root/tests/web/node_modules/puppeteer-core" ]; then
  (cd "$root/tests/web" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# Sizes as a browser downloads them: gzip, as any static host compresses.
for f in mulab.wasm mulab.js mulab.data; do
  raw=$(stat -c %s "$page/$f")
  gz=$(gzip -9 -c "$page/$f" | wc -c)
  awk -v f="$f" -v raw="$raw" -v gz="$gz" 'BEGIN { printf "%-11s %6.0f kB, gzipped %6.0f kB\n", f, raw / 1024, gz / 1024 }'
done
echo "(budget: mulab.wasm gzipped at most 3072 kB)"

log=$(mktemp)
python3 "$root/app/web/serve.py" "$page" 0 > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "^serving" "$log" && break; sleep 0.1; done
url=$(sed -n 's/^serving .* on \(http[^ ]*\)$/\1/p' "$log")
[ -n "$url" ] || { echo "web_budget.sh: the server did not start: $(cat "$log")" >&2; exit 1; }
node "$root/bench/web_budget.mjs" "$url"

# The peer, in the same run (the machine is shared, so absolute times
# drift): the desktop app with the same 4 runs under Xvfb with llvmpipe.
mulab=${MULAB_BUILD_DIR:-$root/build}/app/mulab
if [ -x "$mulab" ] && command -v xvfb-run > /dev/null; then
  scene=$(mktemp --suffix=.json)
  trap 'kill $server 2>/dev/null || true; rm -f "$log" "$scene"' EXIT
  python3 - "$root/bench/scenes/eight_runs.json" "$scene" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["runs"] = s["runs"][:4]
json.dump(s, open(sys.argv[2], "w"))
PY
  for mode in 2d 3d; do
    sed -i "s/\"mode\": \"[23]d\"/\"mode\": \"$mode\"/" "$scene"
    echo "desktop peer, ${mode^^}, 4 runs: $(xvfb-run -a -s "-screen 0 1280x800x24" "$mulab" --scene "$scene" \
      --size 1280x800 --bench-frames 300 | grep '^frames=')"
  done
fi
echo "chromium: $(chromium --version 2>/dev/null || echo unknown); cores: $(nproc)"
