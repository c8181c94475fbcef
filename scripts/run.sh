#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the running app: installs what
# is missing, builds, fetches the data and starts mulab (arguments are passed
# on, e.g. --scene assets/scenes/sign_lock.json).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
cd "$root"
exec "$build/app/mulab" "$@"
