# shellcheck shell=bash
# Sourced by the benchmark scripts (bench/footprint.sh, bench/web3_compare/run.sh): starts podd
# on a free port (PubSub on port + 1) and stops it.
#
#   podd_start PODD LEDGER_DIR LOGDIR   sets podd_pid, podd_rpc, podd_ws, podd_ready; returns 1
#                                       (with podd's stderr printed) if it did not start
#   podd_stop                           SIGTERM, waits up to 10 s, then SIGKILL
podd_pid='' podd_rpc='' podd_ws='' podd_ready=''
podd_start() {
  local bin=$1 ledger=$2 logs=$3 port _i _j
  podd_ready=
  for _i in $(seq 20); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    "$bin" --ledger "$ledger" --rpc-port "$port" -q > "$logs/podd.out" 2> "$logs/podd.err" &
    podd_pid=$!
    for _j in $(seq 300); do
      podd_ready=$(grep -m1 '^podd ready' "$logs/podd.out" 2> /dev/null) && break
      kill -0 "$podd_pid" 2> /dev/null || break
      sleep 0.1
    done
    [ -n "$podd_ready" ] && break
    kill -KILL "$podd_pid" 2> /dev/null; wait "$podd_pid" 2> /dev/null; podd_pid=
    grep -q 'in use' "$logs/podd.err" || break # not a busy port: no point in retrying
  done
  if [ -z "$podd_ready" ]; then
    echo "podd did not start:" >&2; cat "$logs/podd.err" >&2
    return 1
  fi
  podd_rpc=$(sed -n 's/.* rpc=\([^ ]*\).*/\1/p' <<< "$podd_ready")
  podd_ws=$(sed -n 's/.* ws=\([^ ]*\).*/\1/p' <<< "$podd_ready")
}
podd_stop() {
  [ -n "$podd_pid" ] || return 0
  kill -TERM "$podd_pid" 2> /dev/null
  for _ in $(seq 100); do kill -0 "$podd_pid" 2> /dev/null || break; sleep 0.1; done
  kill -KILL "$podd_pid" 2> /dev/null
  wait "$podd_pid" 2> /dev/null
  podd_pid=
}
