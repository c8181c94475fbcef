#!/usr/bin/env bash
# Runs the real GUI under Xvfb (started here when there is no display): every
# shipped scene renders to a PNG of the requested size, and a broken scene is
# refused with one clear line, exit status 2 and no image left behind.
set -euo pipefail
mulab=${1:?usage: gui_smoke.sh MULAB_BINARY SOURCE_DIR}
src=${2:?usage: gui_smoke.sh MULAB_BINARY SOURCE_DIR}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
for scene in "$src"/assets/scenes/*.json; do
  name=$(basename "$scene" .json)
  if ! "$mulab" --scene "$scene" --size 960x600 --frames 4 --screenshot "$out/$name.png"; then
    echo "FAIL $name: mulab exited non-zero"; fail=1; continue
  fi
  # PNG header: width and height are big-endian at bytes 16..23.
  size=$(od -An -tu1 -j16 -N8 "$out/$name.png" | awk '{printf "%dx%d", $3*256+$4, $7*256+$8}')
  if [ "$size" != "960x600" ]; then echo "FAIL $name: image is $size"; fail=1; else echo "ok $name"; fi
done
printf '{"surface": "rosenbrock", "runs": [{"rule": "sideways", "start": [0, 0]}]}' > "$out/broken.json"
set +e
msg=$("$mulab" --scene "$out/broken.json" --frames 2 --screenshot "$out/broken.png" 2>&1)
rc=$?
set -e
if [ $rc -ne 2 ] || [[ "$msg" != *"broken.json: runs[0].rule: unknown rule 'sideways'"* ]] || [ -e "$out/broken.png" ]; then
  echo "FAIL broken scene: rc=$rc message: $msg"; fail=1
else
  echo "ok broken scene refused: $msg"
fi
if [ $fail -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi
echo "1 passed, 0 failed"
