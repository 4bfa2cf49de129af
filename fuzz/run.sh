#!/usr/bin/env bash
# Long fuzz runs: every fuzzer of a build directory for N seconds each, corpus grown in
# build/fuzz-corpus/<name> (seeded from fuzz/corpus/<name>, which is only read). A crash, leak or
# sanitizer report is saved as fuzz/artifacts/<name>-crash-... and fails the run (the other
# fuzzers still run). Ends with a table of executions per target (docs/RELIABILITY.md).
#   fuzz/run.sh [BUILD_DIR [SECONDS [NAME_REGEX]]]
set -uo pipefail
build=${1:-build/fuzz}
secs=${2:-60}
only=${3:-.}
root=$(cd "$(dirname "$0")/.." && pwd)
table=$(mktemp)
trap 'rm -f "$table"' EXIT
failed=0
for f in $(find "$build" -maxdepth 4 -type f -name 'fuzz_*' -perm -u+x | sort); do
  name=$(basename "$f")
  [[ $name =~ $only ]] || continue
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work" "$root/fuzz/artifacts"
  echo "== $name ($secs s)"
  log=$(mktemp)
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$f" -max_total_time="$secs" -max_len=4096 -artifact_prefix="$root/fuzz/artifacts/$name-" \
    -print_final_stats=1 "$work" "$root/fuzz/corpus/$name" >"$log" 2>&1
  rc=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss|#[0-9]+ *DONE|==[0-9]+==ERROR|SUMMARY)' "$log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(find "$work" -type f | wc -l)
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc; see fuzz/artifacts/$name-*)"
    failed=1
    tail -40 "$log"
  fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$secs" "${execs:-?}" "${rate:-?}" "$units" "$result" >>"$table"
  rm -f "$log"
done
echo
echo "| fuzzer | seconds | executions | exec/s | corpus files | result |"
echo "|---|---|---|---|---|---|"
cat "$table"
exit $failed
