#!/usr/bin/env bash
# Compares HTTP server options for podd on loopback (docs/DESIGN.md, "HTTP/WebSocket server").
# Needs: wrk libmicrohttpd-dev libwebsockets-dev libh2o-evloop-dev (Debian 12).
#   bench/http_compare/run.sh [seconds-per-run (3)] [podd binary (optional)]
# Each server answers a ~200-byte JSON-RPC POST (post.lua) with a fixed 83-byte JSON body.
# Per server: idle RSS, CPU ticks and wakeups over 5 s idle, then wrk with 1 connection
# (sequential round trip) and 16 connections (throughput), both with keep-alive. With a second
# argument, the podd binary is measured too (`make build` puts it in build/release/src/podd/podd).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-3}
podd=${2:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
port=18899

cc -O2 -o "$out/epoll" "$here/proto_epoll.c"
cc -O2 -o "$out/mhd" "$here/proto_mhd.c" $(pkg-config --cflags --libs libmicrohttpd)
cc -O2 -o "$out/lws" "$here/proto_lws.c" $(pkg-config --cflags --libs libwebsockets)
cc -O2 -o "$out/h2o" "$here/proto_h2o.c" $(pkg-config --cflags --libs libh2o-evloop) -lssl -lcrypto

# ticks (utime+stime) and voluntary+involuntary context switches summed over all threads
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
wakeups() { cat /proc/$1/task/*/status | awk '/ctxt_switches/ {s+=$2} END {print s}'; }
rss() { awk '/VmRSS/ {print $2}' /proc/$1/status; }

printf '%-8s %8s %9s %9s %9s | %9s %8s %8s | %9s %8s %8s | %8s\n' server rss_kB idle_tick idle_wake conn_wake \
  seq_rps p50_us p99_us c16_rps p50_us p99_us rss_load
measure() { # name cmd...
  local name=$1; shift
  port=$((port + 2))
  "$@" $port > "$out/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do grep -q ready "$out/$name.log" 2>/dev/null && break; sleep 0.05; done
  sleep 1
  local r0 c0 w0; r0=$(rss $pid); c0=$(cpu $pid); w0=$(wakeups $pid)
  sleep 5
  local c1 w1; c1=$(cpu $pid); w1=$(wakeups $pid)
  # idle with one client connected that sends nothing (timers armed per connection?)
  exec 3<>/dev/tcp/127.0.0.1/$port
  sleep 0.5
  local w2 w3; w2=$(wakeups $pid)
  sleep 5
  w3=$(wakeups $pid)
  exec 3>&-
  wrk -t1 -c1 -d${secs}s --latency -s "$here/post.lua" http://127.0.0.1:$port/ > "$out/$name.seq"
  wrk -t1 -c16 -d${secs}s --latency -s "$here/post.lua" http://127.0.0.1:$port/ > "$out/$name.c16"
  local r1; r1=$(rss $pid)
  kill -TERM $pid; wait $pid 2>/dev/null || true
  pick() { # file field: Requests/sec, or a percentile line "50%"/"99%" in microseconds
    case $2 in
      rps) awk '/Requests\/sec/ {printf "%d", $2}' "$1" ;;
      *) awk -v p="$2" '$1==p {v=$2; m=1; if (v ~ /us$/) m=1; else if (v ~ /ms$/) m=1000; else if (v ~ /s$/) m=1000000; sub(/[a-z]+$/,"",v); printf "%.0f", v*m}' "$1" ;;
    esac
  }
  printf '%-8s %8s %9s %9s %9s | %9s %8s %8s | %9s %8s %8s | %8s\n' "$name" "$r0" $((c1 - c0)) $((w1 - w0)) $((w3 - w2)) \
    "$(pick "$out/$name.seq" rps)" "$(pick "$out/$name.seq" 50%)" "$(pick "$out/$name.seq" 99%)" \
    "$(pick "$out/$name.c16" rps)" "$(pick "$out/$name.c16" 50%)" "$(pick "$out/$name.c16" 99%)" "$r1"
}
measure epoll "$out/epoll"
measure mhd "$out/mhd"
measure lws "$out/lws"
measure h2o "$out/h2o"
if [ -n "$podd" ]; then
  ledger=$(mktemp -d)
  podd_run() { exec "$podd" --ledger "$ledger" -q --rpc-port "$1"; }
  measure podd podd_run
  rm -rf "$ledger"
fi
echo "# rss_kB: VmRSS idle after start; idle_tick: CPU ticks (1/100 s) used in 5 s idle;"
echo "# idle_wake: context switches in 5 s idle; conn_wake: the same with one silent client connected; seq: wrk -c1; c16: wrk -c16 (1 wrk thread); us."
echo "# prototype sizes (lines): $(cd "$here" && wc -l proto_*.c | awk '$2!="total" {printf "%s=%s ", $2, $1}')"
