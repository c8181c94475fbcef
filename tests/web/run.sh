#!/usr/bin/env bash
# Runs the browser tests (browser_test.mjs) against a built page: serves it
# on loopback twice (with the COOP/COEP headers threads need, and without, as
# a plain static host would), installs puppeteer-core from package-lock.json
# when missing (it downloads no browser: Debian's /usr/bin/chromium runs),
# and stops the servers afterwards.
#
#   tests/web/run.sh PAGE_DIR SCREENSHOT_COMPARE OUT_DIR
set -euo pipefail
page=$1 compare=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"

if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  (cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# A server on a free port; prints its URL once it answers.
start() {  # LOG [--no-isolation]
  python3 "$here/../../app/web/serve.py" "$page" 0 ${2:-} > "$1" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do
    if grep -q "^serving" "$1"; then
      echo "$pid $(sed -n 's/^serving .* on \(http[^ ]*\)$/\1/p' "$1")"
      return
    fi
    sleep 0.1
  done
  echo "run.sh: the test server did not start: $(cat "$1")" >&2
  kill "$pid"
  exit 1
}
read -r pid url < <(start "$out/server.log")
read -r plain_pid plain_url < <(start "$out/server-plain.log" --no-isolation)
trap 'kill $pid $plain_pid 2>/dev/null || true' EXIT

node "$here/browser_test.mjs" "$url" "$compare" "$out" "$plain_url"
