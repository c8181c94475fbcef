#!/usr/bin/env bash
# Screenshot regression tests: renders every scene in tests/screenshots/scenes
# with the real app (deterministic mode, 960x600) and compares it with its
# golden PNG in tests/screenshots/golden. On a mismatch the actual image and a
# diff image are kept in OUT_DIR. UPDATE_GOLDEN=1 rewrites the goldens.
# Then proves the comparison has teeth: a changed colour map, a moved
# trajectory and a missing label must each fail against the golden.
#
#   run_screenshot_tests.sh MULAB SCREENSHOT_COMPARE SOURCE_DIR OUT_DIR
set -euo pipefail
mulab=$1 compare=$2 src=$3 out=$4
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
here=$src/tests/screenshots
mkdir -p "$out"
rm -f "$out"/*.png
pass=0 fail=0
# A scene may come with NAME.args (other app flags, e.g. --size 1280x720
# --ui-scale 2 --hover X,Y --frames 8, replacing the defaults) and NAME.tolerance
# (the largest fraction of differing pixels, for scenes that train live).
render() {
  local args=(--size 960x600 --frames 3)
  [ -f "${1%.json}.args" ] && read -r -a args < "${1%.json}.args"
  "$mulab" --scene "$1" "${args[@]}" --screenshot "$2"
}

for scene in "$here"/scenes/*.json; do
  name=$(basename "$scene" .json)
  tolerance=$(cat "${scene%.json}.tolerance" 2>/dev/null || echo 0.001)
  render "$scene" "$out/$name.actual.png"
  golden=$here/golden/$name.png
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out/$name.actual.png" "$golden"
    echo "updated $name"
    pass=$((pass + 1))
  elif [ ! -f "$golden" ]; then
    echo "FAIL $name: no golden (run with UPDATE_GOLDEN=1)"
    fail=$((fail + 1))
  elif "$compare" "$out/$name.actual.png" "$golden" "$out/$name.diff.png" "$tolerance"; then
    rm -f "$out/$name.actual.png"
    pass=$((pass + 1))
  else
    echo "FAIL $name: see $out/$name.actual.png and $out/$name.diff.png"
    fail=$((fail + 1))
  fi
done

# The comparison must catch real changes.
if [ "${UPDATE_GOLDEN:-0}" != 1 ]; then
  base=$here/scenes/valley_rosenbrock.json
  golden=$here/golden/valley_rosenbrock.png
  variant() {  # NAME SED_EXPRESSION
    sed "$2" "$base" > "$out/$1.json"
    render "$out/$1.json" "$out/$1.png"
    if "$compare" "$out/$1.png" "$golden" > /dev/null; then
      echo "FAIL negative check $1: the comparison did not notice the change"
      fail=$((fail + 1))
    else
      pass=$((pass + 1))
    fi
  }
  variant colormap_changed 's/"colormap": "viridis"/"colormap": "magma"/'
  variant trajectory_moved '0,/-2.0,/s//-1.8,/'
  variant label_missing 's/"title": ".*"/"title": ""/'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
