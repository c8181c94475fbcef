#!/usr/bin/env bash
# The browser build of mulab, from the same source tree as the desktop app:
# installs what is missing (Debian's emscripten and chromium, dpkg-dev to
# unpack source packages), fetches Debian's source packages of the libraries
# the app links (imgui, muparser, giflib, zlib) once, compiles them and the
# app to WebAssembly into build-web/, and prints the page's path.
#
#   scripts/web.sh                  build; prints build-web/page/index.html
#   scripts/web.sh --serve [PORT]   build, then serve the page on
#                                   http://127.0.0.1:PORT/ (default 8080) with
#                                   the COOP/COEP headers threads need
#
# MULAB_WEB_BUILD_DIR overrides build-web; the page's data/ links to
# MULAB_DATA (default ./data, which scripts/fetch-data.sh fills).
# Idempotent: a second run only rebuilds what changed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MULAB_WEB_BUILD_DIR:-$root/build-web}
data=${MULAB_DATA:-$root/data}

serve=0
port=8080
case "${1:-}" in
  "") ;;
  --serve)
    serve=1
    port=${2:-8080}
    [[ "$port" =~ ^[0-9]+$ ]] || { echo "web.sh: --serve: expected a port number, got '$port'" >&2; exit 2; }
    ;;
  *) echo "usage: scripts/web.sh [--serve [PORT]]" >&2; exit 2 ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# [SECTION] Debian packages
packages=(
  emscripten chromium dpkg-dev python3 cmake ninja-build pkg-config
  libeigen3-dev nlohmann-json3-dev libcli11-dev libstb-dev fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "web.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# emscripten's tools run on Node with Debian's modules (acorn); a Node
# installed elsewhere and first on PATH does not look there.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

# [SECTION] Debian's sources of the libraries the app links
# libimgui-dev has no core sources, and the others ship x86-64 libraries
# only: their source packages are compiled with emscripten instead.
src=$build/debian-src
if [ ! -f "$src/.complete" ]; then
  mkdir -p "$src"
  list=/etc/apt/sources.list.d/mulab-web-src.sources
  # A deb-src entry for the Debian mirror this machine already uses, there
  # only while the sources download.
  python3 - "$list" <<'PY' | $sudo tee "$list" > /dev/null
import glob, re, sys
codename = dict(l.strip().split("=", 1) for l in open("/etc/os-release") if "=" in l).get("VERSION_CODENAME", "bookworm")
uri, signed = None, None
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    if path == sys.argv[1]:
        continue
    for stanza in open(path).read().split("\n\n"):
        f = dict((k.strip(), v.strip()) for k, v in re.findall(r"^([\w-]+):(.*)$", stanza, re.M))
        if "deb" in f.get("Types", "").split() and codename in f.get("Suites", "").split() \
                and "main" in f.get("Components", "").split() and f.get("Enabled", "yes") != "no":
            uri, signed = f["URIs"].split()[0], f.get("Signed-By")
            break
    if uri:
        break
if not uri:
    for line in open("/etc/apt/sources.list") if glob.glob("/etc/apt/sources.list") else []:
        m = re.match(r"^deb\s+(\[[^]]*\]\s+)?(\S+)\s+" + codename + r"\s+.*\bmain\b", line)
        if m:
            uri = m.group(2)
            s = re.search(r"signed-by=(\S+?)[\s\]]", m.group(1) or "")
            signed = s.group(1) if s else None
            break
if not uri:
    sys.exit("web.sh: no Debian mirror for " + codename + " main in the apt sources")
print("Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main" % (uri, codename))
if signed:
    print("Signed-By: " + signed)
PY
  trap '$sudo rm -f "$list"; $sudo apt-get update -qq || true' EXIT
  echo "web.sh: fetching Debian's sources of imgui, muparser, giflib and zlib"
  $sudo apt-get update -qq
  (cd "$src" && apt-get source --download-only -qq imgui muparser giflib zlib)
  $sudo rm -f "$list"
  $sudo apt-get update -qq
  trap - EXIT
  for dsc in "$src"/*.dsc; do
    (cd "$src" && dpkg-source --no-check -x "$(basename "$dsc")" > /dev/null)
  done
  touch "$src/.complete"
fi

# [SECTION] The libraries, then the app (the threaded build: the page is
# served with COOP/COEP headers)
threads=ON
sysroot=$build/sysroot
if [ ! -f "$build/deps/build.ninja" ]; then
  emcmake cmake -S "$root/app/platform/web/deps" -B "$build/deps" -G Ninja \
    -DMULAB_DEBIAN_SOURCES="$src" -DCMAKE_INSTALL_PREFIX="$sysroot" \
    -DMULAB_WEB_THREADS=$threads -C "$root/app/platform/web/flags.cmake" > /dev/null
fi
cmake --build "$build/deps" -j2
cmake --install "$build/deps" > /dev/null
if [ ! -f "$build/build.ninja" ]; then
  emcmake cmake -S "$root" -B "$build" -G Ninja -DMULAB_WEB_SYSROOT="$sysroot" \
    -DMULAB_WEB_THREADS=$threads -C "$root/app/platform/web/app.cmake" > /dev/null
fi
cmake --build "$build" -j2 --target mulab

# [SECTION] The page
page=$build/page
[ -d "$data" ] && ln -sfn "$data" "$page/data"
[ -d "$data/mnist" ] || echo "web.sh: note: $data/mnist is missing, so the page's training lab has no MNIST (scripts/fetch-data.sh)"
echo "web.sh: the page is $page/index.html"
if ((serve)); then
  exec python3 "$root/app/web/serve.py" "$page" "$port"
fi
