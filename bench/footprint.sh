#!/usr/bin/env bash
# Memory and CPU footprint (issue 8): idle and loaded resident memory and idle CPU of
#   - a client process: one pod_client connected to podd (bench/web3_compare/driver.c --idle),
#     and the same program under load (registrations + sends, one at a time);
#   - `pod`, the command-line tool: a few commands, each a process of its own;
#   - `podd`: after start, idle for IDLE seconds, and under the client load;
#   - podd over ledgers of growing size (agents registered beforehand): RSS after start and after
#     the load, and the load's median latency.
#
#   bench/footprint.sh [BUILD_DIR] [--idle SECONDS] [--sizes 1000,100000[,1000000]] [--load N]
#
# BUILD_DIR (default build/release) needs libpodcom.a, src/podd/podd, src/cli/pod and
# bench/bench_ledger_pod (make bench builds them). Defaults: --idle 10, --sizes 1000,100000,
# --load 200 (registrations, then as many sends). The ledgers are filled by bench_ledger_pod
# --keep (the ledger benchmark: its own register_agent figures at each size are printed too) in
# $FOOTPRINT_LEDGERS (default /tmp/podc-footprint-ledgers), kept for the next run: 1 000 000
# agents take minutes to fill the first time.
#
# Sources: /proc/PID/status (VmRSS, VmHWM = peak RSS, RssAnon, RssFile) and /proc/PID/stat
# (utime + stime, clock ticks) for podd; /usr/bin/time -v (maximum resident set size) for short
# processes when installed, else the program's own figures. Output: a table, and JSON in
# BUILD_DIR/footprint.json.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=build/release idle_s=10 sizes=1000,100000 load=200
while [ $# -gt 0 ]; do
  case $1 in
    --idle) idle_s=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --load) load=$2; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) build=$1; shift ;;
  esac
done
build=$(cd "$build" && pwd) || exit 2
podd=$build/src/podd/podd pod=$build/src/cli/pod blp=$build/bench/bench_ledger_pod
for f in "$podd" "$pod"; do [ -x "$f" ] || { echo "footprint.sh: no $f (make bench)"; exit 2; }; done
ledgers=${FOOTPRINT_LEDGERS:-/tmp/podc-footprint-ledgers}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/podc-footprint.XXXXXX")
# shellcheck source=podd.sh
. "$here/podd.sh"
trap 'podd_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
tick=$(getconf CLK_TCK)
timev=; [ -x /usr/bin/time ] && /usr/bin/time -v true > /dev/null 2>&1 && timev=/usr/bin/time

"$here/web3_compare/build-driver.sh" "$build" "$tmp/driver" || exit 1
drv=$tmp/driver

status_kb() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"; } # pid field
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
mb() { awk -v k="$1" 'BEGIN { if (k == "" || k < 0) print "-"; else printf "%.2f", k / 1024 }'; }
# runs a command, prints "MAXRSS_KB SECONDS" (maximum resident set size by /usr/bin/time -v)
peak_of() { # out_file cmd...
  local out=$1; shift
  if [ -n "$timev" ]; then
    $timev -v -o "$tmp/tv" "$@" > "$out" 2>&1
    local rc=$?
    echo "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/tv") $(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/tv") $rc"
  else
    "$@" > "$out" 2>&1
    echo "- - $?"
  fi
}

json_rows=
row() { # component state rss_mb peak_mb cpu note
  printf '%-24s %-34s %8s %8s %8s  %s\n' "$1" "$2" "$3" "$4" "$5" "$6"
  json_rows+="${json_rows:+,}{\"component\":\"$1\",\"state\":\"$2\",\"rss_mb\":\"$3\",\"peak_rss_mb\":\"$4\",\"cpu\":\"$5\",\"note\":\"$6\"}"
}

echo "# $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p), $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# build: $build; peak RSS from ${timev:+/usr/bin/time -v and }/proc; CPU in ms (user + system)"
printf '%-24s %-34s %8s %8s %8s  %s\n' component state "RSS MB" "peak MB" "CPU ms" note

# ---- podd: start, idle ----
podd_start "$podd" "$tmp/ledger" "$tmp" || exit 1
sleep 1
p_rss0=$(status_kb "$podd_pid" VmRSS) p_hwm0=$(status_kb "$podd_pid" VmHWM)
c0=$(cpu_ticks "$podd_pid")
sleep "$idle_s"
c1=$(cpu_ticks "$podd_pid")
row podd "after start" "$(mb "$p_rss0")" "$(mb "$p_hwm0")" "-" "fresh ledger; anon $(mb "$(status_kb "$podd_pid" RssAnon)") MB"
row podd "idle ${idle_s} s" "$(mb "$(status_kb "$podd_pid" VmRSS)")" "-" "$(((c1 - c0) * 1000 / tick))" "$((c1 - c0)) ticks of 1/${tick} s"

# ---- a client process: idle, then under load (podd loaded at the same time) ----
read -r kb _ _ < <(peak_of "$tmp/idle.out" "$drv" --idle "$podd_rpc" "$idle_s")
read -r _ before after cpu_us anon0 anon1 < <(grep '^idle ' "$tmp/idle.out" || echo "idle - - - - -")
row "client (1 pod_client)" "before the client" "$(mb "$before")" "-" "-" "anon $(mb "$anon0") MB; the rest: libc, libcurl, libsodium... mapped"
row "client (1 pod_client)" "connected, idle ${idle_s} s" "$(mb "$after")" "$(mb "$kb")" \
  "$(awk -v u="$cpu_us" 'BEGIN { if (u == "-") print "-"; else printf "%.1f", u / 1000 }')" "anon $(mb "$anon1") MB; one getSlot, then sleep"

c0=$(cpu_ticks "$podd_pid")
read -r kb secs rc < <(peak_of "$tmp/load.out" "$drv" "$podd_rpc" "$load" "$load")
c1=$(cpu_ticks "$podd_pid")
row "client (1 pod_client)" "load: $load reg + $load send" "-" "$(mb "$kb")" "-" "wall $secs, exit $rc"
row podd "under that load" "$(mb "$(status_kb "$podd_pid" VmRSS)")" "$(mb "$(status_kb "$podd_pid" VmHWM)")" \
  "$(((c1 - c0) * 1000 / tick))" "anon $(mb "$(status_kb "$podd_pid" RssAnon)") MB, file (LMDB map) $(mb "$(status_kb "$podd_pid" RssFile)") MB"
grep -E '^C SDK' "$tmp/load.out" | sed 's/^/#   /'

# ---- pod: one process per command ----
"$pod" keygen -o "$tmp/k.json" > /dev/null 2>&1
for cmd in "version" "keygen -o $tmp/k2.json" "--url $podd_rpc --keypair $tmp/k.json airdrop 1" \
           "--url $podd_rpc --keypair $tmp/k.json balance"; do
  # shellcheck disable=SC2086
  read -r kb secs rc < <(peak_of "$tmp/pod.out" "$pod" $cmd)
  label=$(sed "s#$tmp/##g; s#--url $podd_rpc --keypair k.json \(.*\)#\1 (podd)#" <<< "pod $cmd")
  row "pod" "$label" "-" "$(mb "$kb")" "-" "wall $secs, exit $rc"
done
podd_stop

# ---- podd over ledgers of growing size ----
if [ -n "$sizes" ] && [ -x "$blp" ]; then
  echo
  echo "# podd over ledgers of N agents: RSS after start, after $load reg + $load send; the load's medians"
  printf '%-10s %12s %12s %12s %12s %14s %14s\n' agents "start MB" "loaded MB" "peak MB" "anon MB" "reg median" "send median"
  mkdir -p "$ledgers"
  grow_rows=
  for n in ${sizes//,/ }; do
    dir=$ledgers/podc-bench-ledger-pod-$n
    if [ ! -d "$dir" ]; then
      echo "# filling a ledger of $n agents (bench_ledger_pod --keep; kept in $ledgers)"
      (cd "$ledgers" && TMPDIR=$ledgers "$blp" -n 100 --sizes "$n" --keep --no-full --no-verify) | sed 's/^/#   /'
    fi
    [ -d "$dir" ] || { echo "# no ledger at $dir"; continue; }
    podd_start "$podd" "$dir" "$tmp" || continue
    sleep 1
    s_rss=$(status_kb "$podd_pid" VmRSS)
    : > "$tmp/grow.json"
    POD_BENCH_JSON=$tmp/grow.json "$drv" "$podd_rpc" "$load" "$load" > /dev/null 2>&1
    med() { sed -n "s/.*\"name\":\"C SDK: $1\".*\"median_ns\":\([0-9.]*\).*/\1/p" "$tmp/grow.json" | awk '{ printf "%.2f ms", $1 / 1e6 }'; }
    l_rss=$(status_kb "$podd_pid" VmRSS) l_hwm=$(status_kb "$podd_pid" VmHWM) anon=$(status_kb "$podd_pid" RssAnon)
    printf '%-10s %12s %12s %12s %12s %14s %14s\n' "$n" "$(mb "$s_rss")" "$(mb "$l_rss")" "$(mb "$l_hwm")" "$(mb "$anon")" "$(med 'agent registration')" "$(med 'message send')"
    grow_rows+="${grow_rows:+,}{\"agents\":$n,\"rss_start_mb\":$(mb "$s_rss"),\"rss_loaded_mb\":$(mb "$l_rss"),\"peak_mb\":$(mb "$l_hwm"),\"anon_mb\":$(mb "$anon"),\"register_median\":\"$(med 'agent registration')\",\"send_median\":\"$(med 'message send')\"}"
    podd_stop
  done
fi

out=$build/footprint.json
printf '{"date":"%s","cpu":"%s","cores":%d,"kernel":"%s","load_average":"%s","idle_seconds":%d,"load":%d,"rows":[%s],"ledger_growth":[%s]}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)" "$(nproc)" \
  "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$idle_s" "$load" "$json_rows" "${grow_rows:-}" > "$out"
echo "# JSON: $out"
