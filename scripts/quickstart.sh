#!/usr/bin/env bash
# The main job: `pod quickstart` on a fresh embedded ledger — two agents get wallets and SOL,
# register, exchange an encrypted direct message, meet in a channel, use an escrow; every step
# printed with its transaction signature — then the ledger's invariants are checked.
# Usage: scripts/quickstart.sh [path/to/pod [pod quickstart options...]]
# Without a path it builds the Release tree's pod first (what `make quickstart` does too).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pod=${1:-}
if [ -z "$pod" ]; then
  cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DPOD_TESTS=OFF >/dev/null
  cmake --build "$root/build/release" -j "$(nproc 2>/dev/null || echo 2)" --target pod >/dev/null
  pod=$root/build/release/src/cli/pod
fi
[ $# -gt 0 ] && shift
work=$(mktemp -d "${TMPDIR:-/tmp}/pod-quickstart.XXXXXX")
# Kept for exploring when run on a terminal; removed otherwise (ctest, CI).
[ -t 1 ] || trap 'rm -rf "$work"' EXIT

"$pod" quickstart --dir "$work" "$@"
if [ -d "$work/ledger" ]; then
  printf '\n$ pod ledger verify %s/ledger\n' "$work"
  "$pod" ledger verify "$work/ledger"
fi
