#!/usr/bin/env bash
# Runs every benchmark program of a build directory (every bench/bench_* executable, including
# ones added later) in one go and prints one table: mean, median, P95, P99, throughput (ops/s).
#
#   bench/run.sh [BUILD_DIR]          (default build/release; `make bench` builds it first)
#
# Quick by default (a few minutes in all): each known program gets its quick arguments below;
# a program not listed runs with no arguments. BENCH_FULL=1 runs every program with its own
# default (full) counts. BENCH_ONLY="sdk podd" runs only the programs whose names contain one of
# the words. BENCH_TIMEOUT (seconds, default 600) bounds each program.
#
# Output: the table on stdout; the raw JSON lines of bench_util.c in $POD_BENCH_JSON (default
# BUILD_DIR/bench.json); and BUILD_DIR/bench-report.json (or $BENCH_REPORT): the machine (CPU
# model, cores, RAM, kernel, compiler, load average before and after), each program with its
# arguments, exit status and duration, and every result row. Exit status 1 if a program failed
# (the others still run).
set -uo pipefail
build=${1:-build/release}
[ -d "$build/bench" ] || { echo "run.sh: no $build/bench (make bench builds it)" >&2; exit 2; }
build=$(cd "$build" && pwd)
export POD_BENCH_JSON=${POD_BENCH_JSON:-$build/bench.json}
report=${BENCH_REPORT:-$build/bench-report.json}
timeout_s=${BENCH_TIMEOUT:-600}
podd=$build/src/podd/podd
: > "$POD_BENCH_JSON"

# quick arguments of the programs we know (empty: the program's own default is already quick)
quick_args() {
  case $1 in
    bench_ledger) echo 5000 ;;
    bench_ledger_pod) echo "-n 1000 --sizes 1000,10000 --no-full" ;;
    bench_podd) echo "$podd 1000 500" ;;
    bench_podd_http) echo "$podd 2" ;;
    bench_sdk) echo "--quick" ;;
    *) echo "" ;;
  esac
}
full_args() {
  case $1 in
    bench_podd | bench_podd_http) echo "$podd" ;;
    *) echo "" ;;
  esac
}

esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/ /g'; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)
cores=$(nproc)
mem_kb=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
kernel=$(uname -srm)
distro=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || echo unknown)
ccpath=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
compiler=$("${ccpath:-cc}" --version 2>/dev/null | sed -n 1p)
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
mode=quick; [ "${BENCH_FULL:-0}" = 1 ] && mode=full

echo "# machine: $cpu, $cores cores, $((mem_kb / 1024)) MiB RAM, $kernel ($distro)"
echo "# build: $build ($btype, $compiler); mode: $mode; load average: $load0"
[ "$btype" = Release ] || echo "# warning: $build is a $btype build; figures are meant for Release"

progs_json=
sep=
failed=
t_all=$(date +%s.%N)
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] && [ -f "$b" ] || continue
  name=$(basename "$b")
  if [ -n "${BENCH_ONLY:-}" ]; then
    hit=
    for w in $BENCH_ONLY; do [[ $name == *"$w"* ]] && hit=1; done
    [ -n "$hit" ] || continue
  fi
  if [ "$mode" = full ]; then args=$(full_args "$name"); else args=$(quick_args "$name"); fi
  echo
  echo "## $name $args"
  before=$(wc -l < "$POD_BENCH_JSON")
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$build/bench" && timeout "$timeout_s" "$b" $args)
  rc=$?
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  rows=$(($(wc -l < "$POD_BENCH_JSON") - before))
  [ "$rc" = 0 ] || { failed+=" $name"; echo "## $name exited with status $rc$([ "$rc" = 124 ] && echo " (timeout after ${timeout_s} s)")"; }
  progs_json+="$sep{\"program\":\"$name\",\"args\":\"$(esc "$args")\",\"status\":$rc,\"seconds\":$secs,\"rows\":$rows}"
  sep=,
done
# ---- physical floors: each headline figure beside the sum of what it cannot avoid (medians of
# this run): an ed25519 signature (libsodium), a verification, one loopback HTTP round trip ----
floors='txn: build register_agent (compile+sign)|txn: sign.sodium (221 B message)
ledger.process (durability=process)|ledger.verify (parse + ed25519)
podd.seq.confirm (send + status, 1 client)|txn: parse + verify 286 B transaction;podd_http.seq (1 client, keep-alive)
sdk agent register (embedded)|txn: sign.sodium (221 B message);txn: parse + verify 286 B transaction
sdk message send (embedded)|txn: sign.sodium (221 B message);txn: parse + verify 286 B transaction
sdk agent register (podd)|txn: sign.sodium (221 B message);txn: parse + verify 286 B transaction;podd_http.seq (1 client, keep-alive)
sdk message send (podd)|txn: sign.sodium (221 B message);txn: parse + verify 286 B transaction;podd_http.seq (1 client, keep-alive)'
floors_json=
echo
echo "# physical floors (medians of this run): figure | floor = sum of the unavoidable steps | ratio"
while IFS='|' read -r fig parts; do
  m=$(awk -v n="$fig" 'index($0, "\"name\":\"" n "\"") { sub(/.*"median_ns":/, ""); sub(/,.*/, ""); print; exit }' "$POD_BENCH_JSON")
  [ -n "$m" ] || continue
  f=0 ok=1
  IFS=';' read -ra ps <<< "$parts"
  for p in "${ps[@]}"; do
    v=$(awk -v n="$p" 'index($0, "\"name\":\"" n "\"") { sub(/.*"median_ns":/, ""); sub(/,.*/, ""); print; exit }' "$POD_BENCH_JSON")
    [ -n "$v" ] || { ok=; break; }
    f=$(awk -v a="$f" -v b="$v" 'BEGIN { print a + b }')
  done
  [ -n "$ok" ] || continue
  printf '%-46s %10.1f us  floor %10.1f us  %6.2fx   (%s)\n' "$fig" "$(awk -v x="$m" 'BEGIN { print x / 1e3 }')" \
    "$(awk -v x="$f" 'BEGIN { print x / 1e3 }')" "$(awk -v a="$m" -v b="$f" 'BEGIN { print a / b }')" "$parts"
  floors_json+="${floors_json:+,}{\"figure\":\"$(esc "$fig")\",\"median_ns\":$m,\"floor_ns\":$f,\"floor\":\"$(esc "$parts")\"}"
done <<< "$floors"

total=$(awk -v a="$t_all" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
load1=$(cut -d' ' -f1-3 /proc/loadavg)

{
  printf '{"date":"%s","mode":"%s","machine":{"cpu":"%s","cores":%d,"ram_kib":%d,"kernel":"%s",' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$mode" "$(esc "$cpu")" "$cores" "$mem_kb" "$(esc "$kernel")"
  printf '"os":"%s","compiler":"%s","build_type":"%s","load_average_before":"%s","load_average_after":"%s"},' \
    "$(esc "$distro")" "$(esc "$compiler")" "$(esc "$btype")" "$load0" "$load1"
  printf '"seconds":%s,"programs":[%s],"floors":[%s],"results":[' "$total" "$progs_json" "$floors_json"
  paste -sd, "$POD_BENCH_JSON"
  printf ']}\n'
} > "$report"
echo
echo "# $total s in all; load average after: $load1"
echo "# JSON lines: $POD_BENCH_JSON; report with the machine: $report"
[ -z "$failed" ] || { echo "# FAILED:$failed"; exit 1; }
