#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the running app: installs what
# is missing, builds, fetches the data and starts mulab. Until the GUI lands it
# starts the command-line tool (its help, or the arguments given).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
if [ -x "$build/app/mulab" ]; then
  exec "$build/app/mulab" "$@"
fi
if [ $# -eq 0 ]; then
  exec "$build/app/mulab-cli" --help
fi
exec "$build/app/mulab-cli" "$@"
