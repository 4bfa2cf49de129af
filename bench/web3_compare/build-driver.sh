#!/usr/bin/env bash
# Builds driver.c (the C side of the comparison; also footprint.sh's client process) against a
# build tree's static library: build-driver.sh BUILD_DIR OUTPUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$1
[ -f "$build/libpodcom.a" ] || { echo "build-driver.sh: no $build/libpodcom.a (make build)" >&2; exit 2; }
# shellcheck disable=SC2046
cc -std=c11 -O2 -I "$src/include" -I "$src/bench" "$here/driver.c" "$src/bench/bench_util.c" \
   "$build/libpodcom.a" $(pkg-config --libs libsodium lmdb yajl libcurl) -pthread -o "$2"
