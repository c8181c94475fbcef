#!/usr/bin/env bash
# Brings a Debian 12 machine to a built mulab: installs the missing Debian
# packages, fetches the datasets, configures and builds. Idempotent: a second
# run only rebuilds what changed.
#
#   scripts/setup.sh            # Release build in ./build
#   MULAB_BUILD_DIR=dir scripts/setup.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MULAB_BUILD_DIR:-$root/build}
data=${MULAB_DATA:-$root/data}

packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
  libeigen3-dev libimgui-dev libglfw3-dev libstb-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  libmuparser-dev libgif-dev libopenmpi-dev openmpi-bin
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-numpy
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core xdotool
  dataset-fashion-mnist
)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$root/scripts/fetch-data.sh" "$data"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j2
