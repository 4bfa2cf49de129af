#!/usr/bin/env bash
# Drives the real `pod` binary as a user would, in a temporary HOME, and checks its output,
# files and exit codes against the PROTOCOL.md vectors. Usage: test_cli.sh path/to/pod
# Prints each failure with the command and its output, then "N passed, M failed".
set -u
POD=${1:?usage: test_cli.sh path/to/pod}
case $POD in /*) ;; *) POD=$PWD/$POD ;; esac
if [ ! -x "$POD" ]; then
  echo "test_cli.sh: $POD is not an executable; build the pod target first"
  exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/pod-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME=$T/home
mkdir -p "$HOME"
cd "$T" || exit 1
unset NO_COLOR
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

pass=0
fail=0
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# ---- harness -------------------------------------------------------------------------------
# run ARGS...: runs pod with ARGS (stdin from /dev/null unless redirected by the caller's
# `run_in`); sets rc, out, err.
run() {
  cmd="pod $*"
  "$POD" "$@" </dev/null >"$T/out" 2>"$T/err"
  rc=$?
  out=$(cat "$T/out")
  err=$(cat "$T/err")
}
# run_in FILE ARGS...: the same with stdin from FILE.
run_in() {
  local in=$1
  shift
  cmd="pod $* < $in"
  "$POD" "$@" <"$in" >"$T/out" 2>"$T/err"
  rc=$?
  out=$(cat "$T/out")
  err=$(cat "$T/err")
}
ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1))
  printf 'FAIL: %s\n  cmd: %s\n  exit: %s\n' "$1" "$cmd" "$rc"
  printf '  stdout: %s\n' "$(head -c 2000 "$T/out")"
  printf '  stderr: %s\n' "$(head -c 2000 "$T/err")"
}
expect_rc() { if [ "$rc" = "$1" ]; then ok; else bad "exit status $rc, expected $1"; fi; }
expect_out() { if grep -qF -- "$1" "$T/out"; then ok; else bad "stdout lacks: $1"; fi; }
expect_not_out() { if grep -qF -- "$1" "$T/out"; then bad "stdout has: $1"; else ok; fi; }
expect_err() { if grep -qF -- "$1" "$T/err"; then ok; else bad "stderr lacks: $1"; fi; }
expect_no_err() { if [ -s "$T/err" ]; then bad "stderr is not empty"; else ok; fi; }
expect_out_eq() { if [ "$out" = "$1" ]; then ok; else bad "stdout is not exactly: $1"; fi; }
# The JSON on stdout parses (skipped without python3).
expect_json() {
  [ $have_python = 1 ] || return 0
  if python3 -m json.tool "$T/out" >/dev/null 2>&1; then ok; else bad "stdout is not valid JSON"; fi
}
# An error: exit status, "pod: " prefix and a phrase on stderr, nothing on stdout.
expect_fail() {
  expect_rc "$1"
  expect_err "pod: "
  expect_err "$2"
  if [ -s "$T/out" ]; then bad "stdout not empty on error"; else ok; fi
}
mode() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

# ---- vectors (PROTOCOL.md §3.3, §6.2) -------------------------------------------------------
A=AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9
B=9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu
Z=4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS
AGENT_A=B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG
AGENT_B=9E222cXBZSzERcrXDH4etqXXf8N7a7Jy1M8V6gYJzKCG
X=cHP2shu3FoiKtdqLPKT1X4u55WmvV6XQfFN8RvpVmnY
PROG=HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps
HELLO=2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
HEX_A=8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c
# Wallet A's keypair file (seed 01 x 32, then the public key).
KP_A='[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,138,136,227,221,116,9,241,149,253,82,219,45,60,186,93,114,202,103,9,191,29,148,18,27,243,116,136,1,180,15,111,92]'
TX='AXhSF2EZVMG+0Zq4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/nkKu+LDhdWh9422WpbclQPFqxgQBAAIEiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHgEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbg=='
# The same transaction in base58.
TX58='4V8yHKUphadQQct29KTf1TCGF5vU6aLM859ze3eHE28wrL2HEa46nra1PW3TopWvgR7tdpkgsbJARrnmQeSwjoriDWmFUhNJZwPJ7fi14HFWRRTBMFMVDYEK1wu9TLPPUo3eTX9uprLpbo1ACPqn49aff2dj1996DJK4ih96XRTQRgZ456rGgzQmgbvtL6QJZnbB6pTpDFppVT8bszPiJaVeKFW25TtmbK86136RUnnsfUQ1uHJm5BmZj1tVs6LQ55MfjNS7hu1h2DMF3QodrC1w98XCQb6T4RwpMm6jmA5APAXgPdmmUqyXpHNUnrnRhuaAf8GzC2kHyKi1ft4xhB2xvEXGBqj8DnEvNQpQHCRGfgXPoyJGWpz5WLAHjKbkLKTg61'
# The same with signature byte 9 flipped (0xb8 -> 0xb9).
TX_BAD='AXhSF2EZVMG+0Zu4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/nkKu+LDhdWh9422WpbclQPFqxgQBAAIEiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHgEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbg=='
SIG=3QXRZXvQrLo3vhUtk5Fh1Rg2GMG7aTmtLNQWcDZbgFCFXouo6ZL3mVTMM4aCEaLvFTwTMKuLbN1XmJFc3ZFEJb9u
BLOCKHASH=US517G5965aydkZ46HS38QLi7UQiSojurfbQfKCELFx
DATA=879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e742e6a736f6e
# A v0 transaction, unsigned (zero signature): keys [A, pod_com], one lookup table (address B)
# with writable index 5 and read-only index 7; instruction pod_com accounts [0, 2, 3] data 0102.
TX_V0='AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAQABAoqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEBAwACAwIBAgGBOXcOqH0XX1ajVGbDTH7My42KkbTuN6Jd9g9bj8mzlAEFAQc='
# Unsigned; keys [A, X, pod_com]; seven pod_com instructions with accounts [1, 0] (see below).
TX_POD='AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAEDiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1wJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcfFE+8M8vaXvjt3Cvt14pkQjByTG3gzb0bIntvIn/+C4BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHAgIBABj9kMsq23qTYQIAAABnbQAAAQAAAAAAAAACAgEADkvMXqU8tMHZAAAAAAEBAgIBADAlaf1jVy7fFAcAAABnZW5lcmFsDAAAAEdlbmVyYWwgY2hhdABkAAAAAAAAAAAAAAACAgEACAAAAAAAAAAAAgIBAAqHnULDAnGvHgEAAgIBABHicJ6wsnaZgAUAAAAAAAAA/wICAQAa/ZDLKtt6k2EEAAAAYSJiCgAAAQAAAAAAAAA='

# ---- global ---------------------------------------------------------------------------------
run --help
expect_rc 0
for c in keygen address pda decode version help; do expect_out "$c"; done
run
expect_rc 1
expect_err "usage: pod"
run version
expect_rc 0
expect_out "pod 0."
run --json version
expect_rc 0
expect_out '"version":"0.'
expect_json
run --version
expect_rc 0
expect_out "pod 0."
run frobnicate
expect_fail 1 "unknown command 'frobnicate'"
run --frob version
expect_fail 1 "unknown option '--frob'"
for c in keygen address pda decode version help; do
  run "$c" --help
  expect_rc 0
  expect_out "usage: pod $c"
done
run help pda
expect_rc 0
expect_out "channel-message CHANNEL SENDER_WALLET NONCE"
run pda --help
expect_out "message SENDER_AGENT RECIPIENT PAYLOAD_HASH TYPE"
run help nosuch
expect_fail 1 "unknown command 'nosuch'"

# ---- keygen / address -----------------------------------------------------------------------
DEF=$HOME/.config/solana/id.json
run keygen
expect_rc 0
expect_no_err
expect_out "pubkey: "
expect_out "path: $DEF"
if [ -f "$DEF" ]; then ok; else bad "keygen did not create $DEF"; fi
if [ "$(mode "$DEF")" = 600 ]; then ok; else bad "$DEF has mode $(mode "$DEF"), expected 600"; fi
if [ "$(mode "$HOME/.config/solana")" = 700 ]; then ok; else bad "~/.config/solana has mode $(mode "$HOME/.config/solana"), expected 700"; fi
PK=$(sed -n 's/^pubkey: //p' "$T/out")
if [ ${#PK} -ge 32 ] && [ ${#PK} -le 44 ]; then ok; else bad "keygen printed no public key"; fi
# The secret never reaches the terminal.
if grep -qF -- "$(head -c 20 "$DEF")" "$T/out" "$T/err"; then bad "keygen printed the secret"; else ok; fi
SUM=$(cksum <"$DEF")

run address
expect_rc 0
expect_no_err
expect_out_eq "$PK"
run address "$DEF"
expect_out_eq "$PK"
run --json address
expect_rc 0
expect_json
expect_out "\"pubkey\":\"$PK\""
expect_out '"readable_by_others":false'

run keygen
expect_fail 3 "already exists"
expect_err "--force"
if [ "$(cksum <"$DEF")" = "$SUM" ]; then ok; else bad "keygen without --force changed the file"; fi
run keygen --force
expect_rc 0
PK2=$(sed -n 's/^pubkey: //p' "$T/out")
if [ -n "$PK2" ] && [ "$PK2" != "$PK" ]; then ok; else bad "keygen --force did not write a new key"; fi
run address
expect_out_eq "$PK2"
if [ "$(mode "$DEF")" = 600 ]; then ok; else bad "after --force, mode $(mode "$DEF")"; fi

run keygen -o sub/dir/k.json --json
expect_rc 0
expect_json
expect_out '"path":"sub/dir/k.json"'
JPK=$(sed -n 's/.*"pubkey":"\([^"]*\)".*/\1/p' "$T/out")
run address sub/dir/k.json
expect_out_eq "$JPK"
run -q keygen -o q.json
expect_rc 0
run address q.json
Q=$out
run -q keygen -o q2.json
if [ "$(echo "$out" | wc -l)" = 1 ] && [ -n "$out" ]; then ok; else bad "keygen -q printed more than the key"; fi
run keygen -o
expect_fail 1 "needs a file name"
run keygen --bogus
expect_fail 1 "unexpected argument '--bogus'"
[ -n "$Q" ] && ok || bad "address q.json printed nothing"

# A known key: wallet A's file gives A; a group-readable copy warns.
printf '%s\n' "$KP_A" >a.json
chmod 600 a.json
run address a.json
expect_rc 0
expect_out_eq "$A"
expect_no_err
chmod 644 a.json
run address a.json
expect_rc 0
expect_out_eq "$A"
expect_err "warning: a.json is readable by others; run chmod 600 a.json"
run --json address a.json
expect_json
expect_out '"readable_by_others":true'

run address nosuch.json
expect_fail 3 "nosuch.json does not exist"
echo '[1,2,3]' >short.json
run address short.json
expect_fail 3 "not a Solana keypair file"
run address a.json b.json
expect_fail 1 "one keypair file"
HOME= run address
expect_fail 3 "HOME is not set"

# ---- pda ------------------------------------------------------------------------------------
# pda_ok KIND ARGS... -- ADDRESS BUMP: text, -q and --json forms.
pda_ok() {
  local args=() addr bump
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  addr=$2 bump=$3
  run pda "${args[@]}"
  expect_rc 0
  expect_no_err
  expect_out_eq "address: $addr
bump: $bump"
  run -q pda "${args[@]}"
  expect_out_eq "$addr"
  run pda "${args[@]}" --json
  expect_rc 0
  expect_json
  expect_out "\"address\":\"$addr\""
  expect_out "\"bump\":$bump,"
  expect_out "\"program\":\"$PROG\""
}
pda_ok agent "$A" -- "$AGENT_A" 252
pda_ok agent "$B" -- "$AGENT_B" 255
pda_ok agent "$Z" -- 8hVHBcaxHKK1VfFEDDmfW3sHVUpmLMkQrDxvPm91LdUL 249
pda_ok channel "$A" general -- "$X" 255
pda_ok participant "$X" "$AGENT_A" -- 61gNZGWS81E4qJaZFu4SPQjbFCVmhWdKwP6BwsufdtKN 254
pda_ok participant "$X" "$AGENT_B" -- 9TN9Db866mZcqMhqvvQ8N1mgPBbKGjfWBPba1vg3MqqH 255
pda_ok invitation "$X" "$B" -- B4xKGMh3TmycoKVaF1Z5NSvqK2Njxvf7PjvPiSX3CmeC 252
pda_ok escrow "$X" "$B" -- DqBRLispnLikBQ7QosxVtLkxmZjmt2gm7MsHgHaoVLfA 253
pda_ok channel-message "$X" "$A" 1 -- 3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC 255
pda_ok channel_message "$X" "$A" 1 -- 3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC 255
pda_ok message "$AGENT_A" "$B" "$HELLO" text -- 4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35 255
pda_ok message "$AGENT_A" "$B" sha256:hello Text -- 4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35 255

# The seeds in JSON, and with -v in text.
run --json pda channel "$A" general
expect_out '"kind":"channel"'
expect_out "\"seeds\":[\"6368616e6e656c\",\"$HEX_A\",\"67656e6572616c\"]"
run --json pda message "$AGENT_A" "$B" "$HELLO" text
expect_out "\"$HELLO\",\"00\"]"
run --json pda channel-message "$X" "$A" 1
expect_out '"0100000000000000"]'
run -v pda channel "$A" general
expect_out 'seed 0: 6368616e6e656c ("channel")'
expect_out "seed 1: $HEX_A (CREATOR $A)"
expect_out "seed 3: ff (bump)"
# Other message types derive (no published vector; a different address each).
run -q pda message "$AGENT_A" "$B" "$HELLO" data
expect_rc 0
M1=$out
run -q pda message "$AGENT_A" "$B" "$HELLO" custom:251
expect_rc 0
if [ -n "$M1" ] && [ "$M1" != "$out" ] && [ "$M1" != 4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35 ]; then ok; else bad "message types give distinct addresses"; fi
# A name that starts with '-' after "--"; a 32-byte name is fine, 33 bytes is not.
run pda channel "$A" -- -x
expect_rc 0
run pda channel "$A" -x
expect_fail 1 "unknown option '-x'"
run pda channel "$A" abcdefghijklmnopqrstuvwxyz012345
expect_rc 0
run pda channel "$A" abcdefghijklmnopqrstuvwxyz0123456
expect_fail 1 "NAME is 33 bytes"
expect_err "at most 32 bytes"

# Errors.
run pda agent xyz0
expect_fail 1 "WALLET 'xyz0': not a base58 public key (32 bytes)"
run pda agent abc
expect_fail 1 "WALLET 'abc': not a base58 public key (32 bytes): it decodes to"
run pda escrow "$X" "${B}1"
expect_fail 1 "DEPOSITOR '${B}1': not a base58 public key"
run pda participant "$X" 0OIl
expect_fail 1 "AGENT '0OIl'"
run pda wallet "$A"
expect_fail 1 "unknown kind 'wallet'"
run pda
expect_fail 1 "give a kind"
run pda channel "$A"
expect_fail 1 "missing arguments"
expect_err "pod pda channel CREATOR NAME"
run pda agent "$A" "$B"
expect_fail 1 "too many arguments"
run pda message "$AGENT_A" "$B" 1234 text
expect_fail 1 "PAYLOAD_HASH '1234'"
run pda message "$AGENT_A" "$B" "$HELLO" chat
expect_fail 1 "TYPE 'chat'"
run pda message "$AGENT_A" "$B" "$HELLO" custom:252
expect_fail 1 "N >= 252 panics"
run pda message "$AGENT_A" "$B" "$HELLO" custom:x
expect_fail 1 "custom:N needs N from 0 to 251"
run pda channel-message "$X" "$A" 12a
expect_fail 1 "NONCE '12a'"
run pda channel-message "$X" "$A" 18446744073709551616
expect_fail 1 "larger than a u64"
run pda channel-message "$X" "$A" 18446744073709551615
expect_rc 0

# ---- decode tx ------------------------------------------------------------------------------
check_tx_text() {
  expect_rc 0
  expect_out "encoding: $1"
  expect_out "size: 286 bytes"
  expect_out "version: legacy"
  expect_out "header: 1 required signature, 0 read-only signed, 2 read-only unsigned"
  expect_out "account keys (4):"
  expect_out "[0] $A  signer, writable, fee payer"
  expect_out "[1] $AGENT_A  writable"
  expect_out "[2] 11111111111111111111111111111111              read-only (system)"
  expect_out "[3] $PROG  read-only (pod_com)"
  expect_out "recent blockhash: $BLOCKHASH"
  expect_out "instructions (1):"
  expect_out "#0 program [3] $PROG (pod_com)"
  expect_out 'call: register_agent capabilities=1 metadata_uri="https://example.com/agent.json"'
  expect_out "accounts (3):"
  expect_out "agent_account: [1] $AGENT_A"
  expect_out "signer: [0] $A"
  expect_out "system_program: [2] 11111111111111111111111111111111 (system)"
  expect_out "data (50 bytes): $DATA"
  expect_out "signatures (1):"
}
run decode tx "$TX"
check_tx_text base64
expect_out "[0] $SIG valid (signer [0] $A)"
expect_not_out INVALID
run decode tx "$TX58"
check_tx_text base58
expect_out "$SIG valid"
printf '%s\n' "$TX" >tx.txt
run_in tx.txt decode tx
check_tx_text base64
run_in tx.txt decode tx -
check_tx_text base64
# Whitespace (wrapped base64) is ignored.
printf '%s\n%s\n' "${TX:0:76}" "${TX:76}" >wrapped.txt
run_in wrapped.txt decode tx
check_tx_text base64
run decode tx "$TX_BAD"
expect_rc 0
expect_out "INVALID (signer [0] $A)"
expect_not_out " valid"

run --json decode tx "$TX"
expect_rc 0
expect_json
expect_out '"encoding":"base64","size":286,"version":"legacy"'
expect_out '"header":{"num_required_signatures":1,"num_readonly_signed":0,"num_readonly_unsigned":2}'
expect_out "{\"index\":0,\"pubkey\":\"$A\",\"signer\":true,\"writable\":true,\"fee_payer\":true,\"label\":null,\"lookup\":null}"
expect_out "{\"index\":3,\"pubkey\":\"$PROG\",\"signer\":false,\"writable\":false,\"fee_payer\":false,\"label\":\"pod_com\",\"lookup\":null}"
expect_out "\"recent_blockhash\":\"$BLOCKHASH\""
expect_out "\"program_index\":3,\"program\":\"$PROG\",\"label\":\"pod_com\""
expect_out "\"accounts\":[{\"index\":1,\"pubkey\":\"$AGENT_A\",\"name\":\"agent_account\"},{\"index\":0,\"pubkey\":\"$A\",\"name\":\"signer\"},{\"index\":2,\"pubkey\":\"11111111111111111111111111111111\",\"name\":\"system_program\"}]"
expect_out "\"data\":\"$DATA\",\"data_size\":50,\"name\":\"register_agent\",\"args\":{\"capabilities\":1,\"metadata_uri\":\"https://example.com/agent.json\"}}"
expect_out "\"signatures\":[{\"index\":0,\"signature\":\"$SIG\",\"signer\":\"$A\",\"valid\":true}]"
expect_out '"signatures_valid":true}'
expect_out '"address_table_lookups":[]'
run decode tx "$TX_BAD" --json
expect_rc 0
expect_json
expect_out '"valid":false}]'
expect_out '"signatures_valid":false}'

run decode tx "$TX_V0"
expect_rc 0
expect_out "version: 0"
expect_out "account keys (4):"
expect_out "[2] (lookup table $B #5)  writable"
expect_out "[3] (lookup table $B #7)  read-only"
expect_out "address table lookups (1):"
expect_out "[0] $B writable [5] read-only [7]"
expect_out "data (2 bytes): 0102"
expect_out "INVALID (all zero: not signed)"
run --json decode tx "$TX_V0"
expect_rc 0
expect_json
expect_out '"version":0,'
expect_out "{\"index\":2,\"pubkey\":null,\"signer\":false,\"writable\":true,\"fee_payer\":false,\"label\":null,\"lookup\":{\"table\":\"$B\",\"index\":5}}"
expect_out "\"address_table_lookups\":[{\"account\":\"$B\",\"writable_indexes\":[5],\"readonly_indexes\":[7]}]"
expect_out '{"index":3,"pubkey":null,"name":null}'
expect_out '"data":"0102","data_size":2,"name":null,"args":null}'

# pod_com instructions are named and their arguments decoded (PROTOCOL.md §6.2 data vectors:
# broadcast_message("gm", Text, None, 1), update_channel(.., Some(true)), create_channel(
# "general", "General chat", Public, 100, 0)); then an unknown discriminator, register_agent with
# truncated arguments, deposit_escrow(5) with a trailing byte, and a string needing escapes.
run decode tx "$TX_POD"
expect_rc 0
expect_out 'call: broadcast_message content="gm" message_type=text nonce=1'
expect_out 'call: update_channel is_active=true'
expect_out 'call: create_channel name="general" description="General chat" visibility=public max_participants=100 fee_per_message=0'
expect_out 'call: (no pod_com instruction has this discriminator: the program fails with 101'
expect_out 'call: register_agent (the arguments do not decode: the program fails with 102'
expect_out 'call: deposit_escrow amount=5 (1 trailing byte ignored)'
expect_out 'call: broadcast_message content="a\"b\n" message_type=text nonce=1'
expect_out "channel_account: [1] $X"
run --json decode tx "$TX_POD"
expect_rc 0
expect_json
expect_out '"name":"broadcast_message","args":{"content":"gm","message_type":"text","reply_to":null,"nonce":1}}'
expect_out '"name":"update_channel","args":{"name":null,"description":null,"max_participants":null,"fee_per_message":null,"is_active":true}}'
expect_out '"name":"create_channel","args":{"name":"general","description":"General chat","visibility":"public","max_participants":100,"fee_per_message":0}}'
expect_out '"data":"0000000000000000","data_size":8,"name":null,"args":null}'
expect_out '"name":"register_agent","args":null}'
expect_out '"name":"deposit_escrow","args":{"amount":5}}'
expect_out '"args":{"content":"a\"b\n",'

# Errors.
run decode tx 'not a tx!'
expect_fail 3 "neither base64 nor base58"
run decode tx AAAA
expect_fail 3 "not a valid transaction"
run decode tx "${TX%==}"
expect_fail 3 "neither base64 nor base58"
run decode tx "${TX:0:200}"
expect_fail 3 "not a valid transaction"
run decode tx "$(printf 'A%.0s' $(seq 1 2000))"
expect_fail 3 "a transaction is at most 1232 bytes"
run decode tx
expect_fail 1 "no transaction given"
run decode
expect_fail 1 "usage: pod decode tx"
run decode block "$TX"
expect_fail 1 "cannot decode 'block'"
run decode tx "$TX" "$TX"
expect_fail 1 "second argument"
run decode tx --raw "$TX"
expect_fail 1 "unknown option '--raw'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
