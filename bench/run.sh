#!/usr/bin/env bash
# Runs every benchmark of a build directory and prints one table; JSON lines go to
# $POD_BENCH_JSON (default: <build>/bench.json).
set -euo pipefail
build=${1:-build/release}
export POD_BENCH_JSON=${POD_BENCH_JSON:-$build/bench.json}
: > "$POD_BENCH_JSON"
echo "# $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  "$b"
done
echo "# JSON: $POD_BENCH_JSON"
