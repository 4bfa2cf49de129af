#!/usr/bin/env bash
# Long fuzz runs: every fuzzer of a build directory for N seconds each, corpus grown in
# build/fuzz-corpus/<name> (seeded from fuzz/corpus/<name>). Stops at the first crash.
set -euo pipefail
build=${1:-build/fuzz}
secs=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
for f in $(find "$build" -maxdepth 4 -type f -name 'fuzz_*' -perm -u+x | sort); do
  name=$(basename "$f")
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work" "$root/fuzz/artifacts"
  echo "== $name ($secs s)"
  "$f" -max_total_time="$secs" -max_len=4096 -artifact_prefix="$root/fuzz/artifacts/$name-" \
       -print_final_stats=1 "$work" "$root/fuzz/corpus/$name" 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss|#[0-9]+ *DONE|==[0-9]+==ERROR)' || true
done
