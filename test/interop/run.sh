#!/bin/bash
# The @solana/web3.js interoperability test (issue 5): installs the pinned web3.js from the npm
# registry (npm ci, from package-lock.json), starts podd on free ports over a fresh ledger,
# runs interop.mjs against it, stops podd, and prints "N passed, M failed".
#
#   bash test/interop/run.sh PATH/TO/podd [WORKDIR]
#
# WORKDIR (default: a temporary directory) receives node_modules; it is reused between runs
# when the lockfile has not changed. Exit status: 0 all passed, 1 failures, 77 skipped (no
# node/npm, or the npm registry cannot be reached) -- ctest's SKIP_RETURN_CODE.
set -u
here=$(cd "$(dirname "$0")" && pwd)
podd=${1:?usage: run.sh PATH/TO/podd [WORKDIR]}
work=${2:-}
[ -x "$podd" ] || { echo "run.sh: $podd is not an executable"; exit 1; }

skip() { echo "SKIPPED: $*"; exit 77; }
command -v node >/dev/null 2>&1 || skip "node is not installed (the web3.js interop test needs node >= 18 and npm)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed (the web3.js interop test needs node >= 18 and npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 18 ] 2>/dev/null || skip "node $(node --version 2>/dev/null) is too old (>= 18 needed)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/podc-interop.XXXXXX") || exit 1
podd_pid=
cleanup() {
  if [ -n "$podd_pid" ] && kill -0 "$podd_pid" 2>/dev/null; then
    kill -TERM "$podd_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$podd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$podd_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
[ -n "$work" ] || work="$tmp/work"
mkdir -p "$work" || exit 1
cp "$here/package.json" "$here/package-lock.json" "$here/interop.mjs" "$work/" || exit 1

# ---- npm ci (skipped when node_modules already matches the lockfile) ----
lock_id=$(cksum < "$here/package-lock.json")
if [ "$(cat "$work/node_modules/.podc-lock" 2>/dev/null)" != "$lock_id" ]; then
  if ! (cd "$work" && timeout 300 npm ci --no-audit --no-fund --loglevel=error > "$tmp/npm.log" 2>&1); then
    if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|proxy|socket hang up|request to .* failed' "$tmp/npm.log" ||
       ! (cd "$work" && timeout 30 npm ping > /dev/null 2>&1); then
      tail -5 "$tmp/npm.log"
      skip "npm ci cannot reach the npm registry ($(npm config get registry 2>/dev/null))"
    fi
    echo "run.sh: npm ci failed:"; tail -20 "$tmp/npm.log"
    echo "0 passed, 1 failed"; exit 1
  fi
  echo "$lock_id" > "$work/node_modules/.podc-lock"
fi

# ---- podd on a free port P and P + 1 (PubSub), as a cluster's node: web3.js finds the
# WebSocket by itself. A busy port makes podd exit at once: another P is tried. ----
ready=
for attempt in $(seq 20); do
  port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
  rm -rf "$tmp/ledger"
  "$podd" --ledger "$tmp/ledger" --rpc-port "$port" -q > "$tmp/podd.out" 2> "$tmp/podd.err" &
  podd_pid=$!
  for _ in $(seq 100); do
    ready=$(grep -m1 '^podd ready' "$tmp/podd.out" 2>/dev/null) && break
    kill -0 "$podd_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$ready" ] && break
  kill -KILL "$podd_pid" 2>/dev/null; wait "$podd_pid" 2>/dev/null; podd_pid=
  grep -q 'in use' "$tmp/podd.err" || break # not a busy port: no point in retrying
done
if [ -z "$ready" ]; then
  echo "run.sh: podd did not become ready:"; cat "$tmp/podd.err"
  echo "0 passed, 1 failed"; exit 1
fi
rpc=$(sed -n 's/.* rpc=\([^ ]*\).*/\1/p' <<< "$ready")
ws=$(sed -n 's/.* ws=\([^ ]*\).*/\1/p' <<< "$ready")
echo "# $ready"

# ---- the test ----
(cd "$work" && PODD_RPC="$rpc" PODD_WS="$ws" timeout 180 node interop.mjs) > "$tmp/node.out" 2>&1
rc=$?
grep -v '^[0-9]* passed, [0-9]* failed$' "$tmp/node.out"
summary=$(grep '^[0-9]* passed, [0-9]* failed$' "$tmp/node.out" | tail -1)

# ---- stop podd: it must exit cleanly on SIGTERM ----
kill -TERM "$podd_pid"
stopped=0
for _ in $(seq 100); do kill -0 "$podd_pid" 2>/dev/null || { stopped=1; break; }; sleep 0.1; done
wait "$podd_pid" 2>/dev/null
podd_rc=$?
podd_pid=
if [ "$stopped" != 1 ] || [ "$podd_rc" != 0 ]; then
  echo "not ok - podd stopped cleanly on SIGTERM (exit $podd_rc)"; cat "$tmp/podd.err"
  rc=1
fi

[ -n "$summary" ] || summary="0 passed, 1 failed"
[ "$rc" = 124 ] && echo "not ok - interop.mjs timed out"
echo "$summary"
[ "$rc" = 0 ] && exit 0
exit 1
