#!/usr/bin/env bash
# ctest numpy_reads_checkpoints: write a folder with core's writer, read it with numpy.
set -euo pipefail
writer=$1 script=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$writer" "$dir/ck"
py=python3
# Debian's interpreter has python3-numpy even when another python3 comes first.
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import numpy" 2>/dev/null && py=/usr/bin/python3
exec "$py" "$script" "$dir/ck"
