#!/usr/bin/env bash
# `pod message send --store/--encrypt` and `pod message read` driven as a user would, in a
# temporary HOME: on an embedded ledger (content in <ledger>/content/), then against podd
# (content through its /api/v0/add and /api/v0/cat) when its path is given.
# Usage: test_cli_content.sh path/to/pod [path/to/podd]
# Prints each failure with the command and its output, then "N passed, M failed".
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
POD=${1:?usage: test_cli_content.sh path/to/pod [path/to/podd]}
PODD=${2:-}
case $POD in /*) ;; *) POD=$PWD/$POD ;; esac
case $PODD in /* | '') ;; *) PODD=$PWD/$PODD ;; esac
[ -x "$POD" ] || { echo "test_cli_content.sh: $POD is not an executable"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pod-content.XXXXXX")
cleanup() {
  if [ -f "$T/node/podd.pid" ]; then
    read -r p _ <"$T/node/podd.pid" && kill "$p" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home
mkdir -p "$HOME"
cd "$T" || exit 1
unset NO_COLOR POD_URL POD_KEYPAIR POD_COMMITMENT XDG_CONFIG_HOME XDG_DATA_HOME POD_PODD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# The harness: run, run_in, expect_*, expect_fail (test_cli_lib.sh).
. "$HERE/test_cli_lib.sh"

# json EXPR WANT: the Python expression EXPR over the parsed stdout (j) prints WANT.
json() {
  [ $have_python = 1 ] || return 0
  local got
  got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$T/out" 2>&1)
  if [ "$got" = "$2" ]; then ok; else bad "json $1 = '$got', expected '$2'"; fi
}

run keygen -o "$T/alice.json" -q
ALICE=$out
run keygen -o "$T/bob.json" -q
BOB=$out
run keygen -o "$T/carol.json" -q
CAROL=$out

# scenario URL: alice and bob are agents; carol is a bystander.
scenario() {
  local U=$1
  for who in alice bob carol; do
    run --url "$U" --keypair "$T/$who.json" airdrop 2
    expect_rc 0
  done
  for who in alice bob; do
    run --url "$U" --keypair "$T/$who.json" agent register --capabilities text --uri https://example.com/$who.json
    expect_rc 0
  done

  # plain, stored: anyone reads it back
  run --url "$U" --keypair "$T/alice.json" message send "$BOB" "hello bob" --store
  expect_rc 0
  expect_out "cid: bafkrei"
  expect_out "encrypted: no"
  local M1
  M1=$(sed -n 's/^message: //p' "$T/out")
  run --url "$U" --keypair "$T/carol.json" message read "$M1"
  expect_rc 0
  expect_out_eq "hello bob"
  run --url "$U" message read "$M1" # no keypair needed for a plain payload
  expect_rc 0
  expect_out_eq "hello bob"
  run --json --url "$U" message read "$M1"
  expect_rc 0
  expect_json
  json 'j["utf8"], j["base64"], j["encrypted"], j["size"], j["cid"][:7]' "hello bob aGVsbG8gYm9i False 9 bafkrei"

  # encrypted: bob and alice read it, carol cannot
  run --json --url "$U" --keypair "$T/alice.json" message send "$BOB" --text "for bob only" --encrypt
  expect_rc 0
  expect_json
  json 'j["encrypted"], j["cid"][:7]' "True bafkrei"
  local M2
  M2=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['message'])" "$T/out" 2>/dev/null)
  run --url "$U" --keypair "$T/bob.json" message read "$M2"
  expect_rc 0
  expect_out_eq "for bob only"
  run --url "$U" --keypair "$T/alice.json" --json message read "$M2"
  expect_rc 0
  json 'j["utf8"], j["encrypted"]' "for bob only True"
  run --url "$U" --keypair "$T/carol.json" message read "$M2"
  expect_fail 3 "neither"
  expect_err "--keypair"

  # binary payload from a file, stored, written back to a file byte for byte
  head -c 3000 /dev/urandom >"$T/blob"
  run --url "$U" --keypair "$T/alice.json" -q message send "$BOB" --file "$T/blob" --type data --encrypt
  expect_rc 0
  local M3=$out
  run --url "$U" --keypair "$T/bob.json" message read "$M3" --out "$T/blob.back"
  expect_rc 0
  if cmp -s "$T/blob" "$T/blob.back"; then ok; else bad "the payload read back differs"; fi
  run --url "$U" --keypair "$T/bob.json" --json message read "$M3"
  expect_rc 0
  json '"utf8" in j, j["size"]' "False 3000"

  # the old way (hash only): nothing to read, said so
  run --url "$U" --keypair "$T/alice.json" -q message send "$BOB" --text "just the hash"
  expect_rc 0
  run --url "$U" --keypair "$T/bob.json" message read "$out"
  expect_fail 3 "not stored"

  # too large for one block
  head -c 262145 /dev/zero >"$T/big"
  run --url "$U" --keypair "$T/alice.json" message send "$BOB" --file "$T/big" --store
  expect_fail 3 "262144"
  run --url "$U" message read "$ALICE"
  expect_fail 3 "not a PoD message"
}

# ---- usage ----
run message --help
expect_rc 0
expect_out "--encrypt"
expect_out "pod message read MESSAGE"
run message read
expect_fail 1 "usage: pod message read MESSAGE"
run message read not-a-key
expect_fail 1 "MESSAGE"
run message read "$ALICE" --bogus
expect_fail 1 "unknown option '--bogus'"

# ---- embedded ----
L=$T/led
scenario "embedded:$L"
n=$(ls "$L/content" | wc -l)
if [ "$n" -ge 3 ]; then ok; else bad "expected the payloads in $L/content, found $n files"; fi

# ---- podd ----
if [ -n "$PODD" ] && [ -x "$PODD" ]; then
  N=$T/node
  PATH="$(dirname "$PODD"):$PATH" run -q node start --ledger "$N" --rpc-port 0
  expect_rc 0
  URL=$out
  scenario "$URL"
  # an embedded ledger whose content lives elsewhere (POD_CONTENT_URL: here the podd's store)
  L2=$T/led2
  POD_CONTENT_URL=$URL scenario "embedded:$L2"
  if [ ! -e "$L2/content" ]; then ok; else bad "POD_CONTENT_URL: payloads went to $L2/content"; fi
  run node stop --ledger "$N"
  expect_rc 0
  n=$(ls "$N/content" | wc -l)
  if [ "$n" -ge 3 ]; then ok; else bad "expected podd's payloads in $N/content, found $n files"; fi
else
  echo "(podd part skipped: no podd given)"
fi

finish
