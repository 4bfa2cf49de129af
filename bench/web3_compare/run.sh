#!/usr/bin/env bash
# Side by side (issue 8): the same agent-registration and message-send workload done by our C
# SDK (driver.c) and by @solana/web3.js (compare.mjs, pinned in package-lock.json) against the
# same podd, in one run; prints both tables and the throughput ratios, writes JSON.
#
#   bench/web3_compare/run.sh [BUILD_DIR] [N_REG] [N_SEND]     (`make bench-compare`)
#
# BUILD_DIR (default build/release) must hold libpodcom.a and src/podd/podd (a Release build).
# N_REG / N_SEND default to 200 / 500 per side. The C driver runs before and after the
# JavaScript client (its two runs are averaged), so slow drift of the shared machine hits both.
# Needs node >= 18, npm and the npm registry (npm ci, once: node_modules is kept in
# BUILD_DIR/web3_compare); not part of CI. Output: BUILD_DIR/web3-compare.json.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$src/build/release}" && pwd) || exit 2
n_reg=${2:-200}
n_send=${3:-500}
podd=$build/src/podd/podd
work=$build/web3_compare
out=$build/web3-compare.json
[ -x "$podd" ] && [ -f "$build/libpodcom.a" ] || { echo "run.sh: $build needs libpodcom.a and src/podd/podd (make build)"; exit 2; }
command -v node > /dev/null && command -v npm > /dev/null || { echo "run.sh: node and npm are needed"; exit 2; }
mkdir -p "$work"

# ---- the C driver, linked with the build's static library ----
"$here/build-driver.sh" "$build" "$work/driver" || { echo "run.sh: cannot build driver.c"; exit 1; }

# ---- npm ci (skipped when node_modules matches the lockfile) ----
cp "$here/package.json" "$here/package-lock.json" "$here/compare.mjs" "$work/"
lock_id=$(cksum < "$here/package-lock.json")
if [ "$(cat "$work/node_modules/.podc-lock" 2> /dev/null)" != "$lock_id" ]; then
  (cd "$work" && timeout 300 npm ci --no-audit --no-fund --loglevel=error) || { echo "run.sh: npm ci failed (network?)"; exit 1; }
  echo "$lock_id" > "$work/node_modules/.podc-lock"
fi

# ---- podd on a free port (PubSub on port + 1) over a fresh ledger ----
# shellcheck source=../podd.sh
. "$here/../podd.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/podc-web3cmp.XXXXXX")
trap 'podd_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
podd_start "$podd" "$tmp/ledger" "$tmp" || exit 1
rpc=$podd_rpc ws=$podd_ws ready=$podd_ready

export POD_BENCH_JSON=$tmp/rows.json
: > "$POD_BENCH_JSON"
echo "# $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p), $(nproc) cores, $(uname -sr), node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $ready; $n_reg registrations and $n_send sends per side, one at a time, each confirmed"
printf '%-44s %10s %10s %10s %10s %14s\n' benchmark mean median p95 p99 ops/s
"$work/driver" "$rpc" "$n_reg" "$n_send" | grep -v '^benchmark' || exit 1
(cd "$work" && PODD_RPC="$rpc" PODD_WS="$ws" node compare.mjs "$n_reg" "$n_send" both) || exit 1
"$work/driver" "$rpc" "$n_reg" "$n_send" | grep -v '^benchmark' || exit 1

# ---- ratios: C throughput (mean of its two runs) / JavaScript throughput ----
node - "$POD_BENCH_JSON" "$out" "$n_reg" "$n_send" "$ready" << 'EOF'
const fs = require('fs');
const [rowsPath, out, nReg, nSend, ready] = process.argv.slice(2);
const rows = fs.readFileSync(rowsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const ops = (name) => rows.filter((r) => r.name === name).map((r) => r.ops_per_s);
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const ratios = {};
console.log('\nratio of throughputs (C SDK / web3.js; goal >= 10x):');
for (const op of ['agent registration', 'message send']) {
  const c = mean(ops(`C SDK: ${op}`));
  for (const mode of ['idiomatic', 'tuned']) {
    const js = ops(`web3.js (${mode}): ${op}`)[0];
    if (!js) continue;
    ratios[`${op} / ${mode}`] = c / js;
    console.log(`  ${op.padEnd(20)} vs web3.js ${mode.padEnd(10)} ${(c / js).toFixed(1)}x  (${c.toFixed(0)} vs ${js.toFixed(0)} ops/s)`);
  }
}
const os = require('os');
fs.writeFileSync(out, JSON.stringify({
  date: new Date().toISOString(), machine: { cpu: os.cpus()[0].model, cores: os.cpus().length,
  ram_bytes: os.totalmem(), kernel: `${os.type()} ${os.release()}`, node: process.version,
  load_average: os.loadavg() }, podd: ready, n_reg: +nReg, n_send: +nSend, rows, ratios }, null, 1) + '\n');
console.log(`# JSON: ${out}`);
EOF
