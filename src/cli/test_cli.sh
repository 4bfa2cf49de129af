#!/usr/bin/env bash
# Drives the real `pod` binary as a user would, in a temporary HOME, and checks its output,
# files and exit codes against the PROTOCOL.md vectors.
# Usage: test_cli.sh path/to/pod [path/to/pod_test_ledger [path/to/podd]]
# (pod_test_ledger makes the ledgers for `pod ledger verify`; podd is for `pod node`; without
# them those checks are skipped.)
# Prints each failure with the command and its output, then "N passed, M failed".
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
POD=${1:?usage: test_cli.sh path/to/pod [path/to/pod_test_ledger]}
LEDGER_TOOL=${2:-}
PODD=${3:-}
case $PODD in /* | '') ;; *) PODD=$PWD/$PODD ;; esac
case $POD in /*) ;; *) POD=$PWD/$POD ;; esac
case $LEDGER_TOOL in /* | '') ;; *) LEDGER_TOOL=$PWD/$LEDGER_TOOL ;; esac
if [ ! -x "$POD" ]; then
  echo "test_cli.sh: $POD is not an executable; build the pod target first"
  exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/pod-cli.XXXXXX")
# A podd left by a failed `pod node` check is stopped (its pid file is in the node ledger).
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
for c in keygen address pda decode errors ledger config airdrop balance agent message node version help; do expect_out "$c"; done
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
for c in keygen address pda decode errors ledger config airdrop balance agent message node version help; do
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
expect_err "pod decode account"
run decode block "$TX"
expect_fail 1 "cannot decode 'block'"
run decode tx "$TX" "$TX"
expect_fail 1 "second argument"
run decode tx --raw "$TX"
expect_fail 1 "unknown option '--raw'"

# ---- decode account -------------------------------------------------------------------------
# b64 HEX [SIZE]: the bytes HEX, zero-padded to SIZE bytes, as base64 (the accounts below are
# written field by field from PROTOCOL.md §2.4, independently of the codec).
b64() {
  { printf "$(printf %s "$1" | sed 's/../\\x&/g')"
    [ -n "${2:-}" ] && head -c $(($2 - ${#1} / 2)) /dev/zero; } | base64 | tr -d '\n'
}
HEX_B=8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394
HEX_X=0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb92361971
HEX_AGENT_A=9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743
HEX_Z=3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29
T0=00f1536500000000 # 1700000000 = 2023-11-14T22:13:20Z
# The AgentAccount of PROTOCOL.md §6.2 (its first 116 bytes; the rest of the 286 are zero).
AGENT_HEX=f177458ce90970328a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c0100000000000000640000000000000000f15365000000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e742e6a736f6e00000000000000000000fc00000000000000
ACC_AGENT=$(b64 $AGENT_HEX 286)
# The same 286 bytes in base58.
ACC_AGENT58=AsUYVqFKtbHcCe7UEunjrHQVzFxxdFNTmmHmyLVHeGdReG834hBCk4NGT4MqYdG6UYuEqMuhMA1KiwdjbF6ru39UEZk3PjhirYnwRvqy72z1SFVgBcGuccTLCAj1pTGnEjhxQDZY1icpjDoqWchNTPXe5ZFjgqAF81aQbSgxRz8L4BVXmVsnygaVQPTQcWxGHzpz3PvWMsxMfmwJmwVTbad41wD6MZ4h7KHBjjSMeQNKNgXUXx5wayhQcQR56zTEwJFWJQeME1EBoS2sMB3eGMyHu7Jg1gaxiuZarBX5qBtfPFYzyTY8TtDWBV4dVRtAXZAYp3GyY8aMtQNaDeN8y6Qa4LhCNKkARWtg6r2YoBCyN6FoSFa5C2QAqJrV38ovbkTWCVM
# MessageAccount: sender agent(A), recipient B, sha256("hello"), created T0, expires T0 + 7 days,
# Data, Delivered, bump 255.
ACC_MSG=$(b64 6190183ae12859df${HEX_AGENT_A}${HEX_B}${HELLO}${T0}802b5d65000000000101ff0000000000)
# ChannelAccount: creator A, fee 1000, escrow 5000, created T0, max 100, current 2, "general",
# "General chat", Private, active, last sync 0, 3 compressed messages of 4096 bytes, bump 255.
ACC_CHAN=$(b64 8ce81a4e591a11f4${HEX_A}e8030000000000008813000000000000${T0}64000000020000000700000067656e6572616c0c00000047656e6572616c20636861740101000000000000000003000000000000000010000000000000ff0000000000 338)
# ChannelParticipant: channel X, agent(A), joined T0, 7 sent, last at T0 + 100, active, bump 254.
ACC_PART=$(b64 9359b8cf0abe4e91${HEX_X}${HEX_AGENT_A}${T0}070000000000000064f153650000000001fe000000000000)
# ChannelInvitation: channel X, inviter A, invitee B, hash ab..ab, created T0, expires T0 + 1 day,
# nonce 42, not accepted, not used, bump 252.
ACC_INV=$(b64 672448c6ad8000ff${HEX_X}${HEX_A}${HEX_B}$(printf 'ab%.0s' $(seq 1 32))${T0}80425565000000002a000000000000000000fc0000000000)
# ChannelMessage: channel X, sender agent(A), reply_to Some(Z), created T0, edited None,
# content "a\"b\ngm", Custom(7), bump 255.
ACC_CMSG=$(b64 ac954d1b58e35057${HEX_X}${HEX_AGENT_A}01${HEX_Z}${T0}00060000006122620a676d0407ff000000000000 1134)
# EscrowAccount: channel X, depositor B, amount u64::MAX, created T0, bump 253.
ACC_ESC=$(b64 2445301280e17d87${HEX_X}${HEX_B}ffffffffffffffff${T0}fd00000000000000)

run decode account "$ACC_AGENT"
expect_rc 0
expect_no_err
expect_out_eq "encoding: base64
type: AgentAccount
discriminator: f177458ce9097032
size: 286 bytes
space: 286 (serialized 116, 170 trailing bytes, all zero)
fields:
  pubkey: $A
  capabilities: 1
  reputation: 100
  last_updated: 1700000000 (2023-11-14T22:13:20Z)
  metadata_uri: \"https://example.com/agent.json\"
  invites_sent: 0
  last_invite_at: 0
  bump: 252
  _reserved: 00000000000000"
run --json decode account "$ACC_AGENT"
expect_rc 0
expect_json
expect_out_eq "{\"encoding\":\"base64\",\"size\":286,\"type\":\"AgentAccount\",\"discriminator\":\"f177458ce9097032\",\"space\":286,\"serialized_size\":116,\"trailing_bytes\":170,\"trailing_nonzero\":0,\"fields\":{\"pubkey\":\"$A\",\"capabilities\":1,\"reputation\":100,\"last_updated\":1700000000,\"metadata_uri\":\"https://example.com/agent.json\",\"invites_sent\":0,\"last_invite_at\":0,\"bump\":252,\"_reserved\":\"00000000000000\"}}"
printf '%s\n' "$ACC_AGENT58" >acc58.txt
run_in acc58.txt decode account -
expect_rc 0
expect_out "encoding: base58"
expect_out "pubkey: $A"
# getAccountInfo's JSON: the ["DATA","ENCODING"] pair, or the whole answer (whitespace and
# escaped slashes as a node may write them); the encoding named is the one used
run decode account "[\"$ACC_AGENT\",\"base64\"]"
expect_rc 0
expect_out "type: AgentAccount"
printf '{"jsonrpc": "2.0", "result": {"context": {"slot": 9}, "value": {"data": ["%s", "base64"],\n "executable": false, "lamports": 2881920, "owner": "x", "rentEpoch": 0, "space": 286}}, "id": 1}\n' \
  "$(printf %s "$ACC_AGENT" | sed 's#/#\\/#g')" >accinfo.json
run_in accinfo.json decode account
expect_rc 0
expect_out "encoding: base64"
expect_out "metadata_uri: \"https://example.com/agent.json\""
run decode account "{\"data\":[\"$ACC_AGENT58\",\"base58\"]}"
expect_rc 0
expect_out "encoding: base58"
run decode account "[\"$ACC_AGENT58\",\"base64\"]"
expect_fail 3 "neither base64 nor base58"
run decode account '{"jsonrpc":"2.0","result":{"context":{"slot":9},"value":null},"id":1}'
expect_fail 3 "no account at that address"
run decode account '["KLUv/QBYAQA=","base64+zstd"]'
expect_fail 3 "encoding 'base64+zstd'"
run decode account '{"result":{"value":{"data":{"parsed":{}}}}}'
expect_fail 3 "jsonParsed is not account data"
run decode account '["abc",'
expect_fail 3 "does not parse"
run -q decode account "$ACC_AGENT"
expect_out_eq AgentAccount
# Not the account's space; stale (non-zero) bytes after the serialized end.
run decode account "$(b64 $AGENT_HEX)"
expect_rc 0
expect_out "space: 286, but the data is 116 bytes (serialized 116, no trailing bytes)"
run decode account "$(b64 ${AGENT_HEX}0101 286)"
expect_out "space: 286 (serialized 116, 170 trailing bytes, 2 not zero)"

run decode account "$ACC_MSG"
expect_rc 0
expect_out "type: MessageAccount"
expect_out "space: 128 (serialized 128, no trailing bytes)"
expect_out "  sender: $AGENT_A"
expect_out "  recipient: $B"
expect_out "  payload_hash: $HELLO"
expect_out "  expires_at: 1700604800 (2023-11-21T22:13:20Z)"
expect_out "  message_type: data"
expect_out "  status: delivered"
expect_out "  bump: 255"
run --json decode account "$ACC_MSG"
expect_json
expect_out "\"fields\":{\"sender\":\"$AGENT_A\",\"recipient\":\"$B\",\"payload_hash\":\"$HELLO\",\"created_at\":1700000000,\"expires_at\":1700604800,\"message_type\":\"data\",\"status\":\"delivered\",\"bump\":255,\"_reserved\":\"0000000000\"}}"

run decode account "$ACC_CHAN"
expect_rc 0
expect_out "type: ChannelAccount"
expect_out "space: 338 (serialized 131, 207 trailing bytes, all zero)"
expect_out "  creator: $A"
expect_out '  name: "general"'
expect_out '  description: "General chat"'
expect_out "  visibility: private"
expect_out "  is_active: true"
expect_out "  compressed_data_size: 4096"
run --json decode account "$ACC_CHAN"
expect_json
expect_out "\"fields\":{\"creator\":\"$A\",\"fee_per_message\":1000,\"escrow_balance\":5000,\"created_at\":1700000000,\"max_participants\":100,\"current_participants\":2,\"name\":\"general\",\"description\":\"General chat\",\"visibility\":\"private\",\"is_active\":true,\"last_sync_timestamp\":0,\"total_compressed_messages\":3,\"compressed_data_size\":4096,\"bump\":255,\"_reserved\":\"0000000000\"}}"

run decode account "$ACC_PART"
expect_rc 0
expect_out "type: ChannelParticipant"
expect_out "  channel: $X"
expect_out "  participant: $AGENT_A"
expect_out "  messages_sent: 7"
expect_out "  last_message_at: 1700000100 (2023-11-14T22:15:00Z)"
expect_out "  bump: 254"
run --json decode account "$ACC_PART"
expect_json
expect_out "\"fields\":{\"channel\":\"$X\",\"participant\":\"$AGENT_A\",\"joined_at\":1700000000,\"messages_sent\":7,\"last_message_at\":1700000100,\"is_active\":true,\"bump\":254,\"_reserved\":\"000000000000\"}}"

run decode account "$ACC_INV"
expect_rc 0
expect_out "type: ChannelInvitation"
expect_out "  inviter: $A"
expect_out "  invitee: $B"
expect_out "  invitation_hash: abababababababababababababababababababababababababababababababab"
expect_out "  nonce: 42"
expect_out "  is_used: false"
run --json decode account "$ACC_INV"
expect_json
expect_out "\"expires_at\":1700086400,\"nonce\":42,\"is_accepted\":false,\"is_used\":false,\"bump\":252,"

run decode account "$ACC_CMSG"
expect_rc 0
expect_out "type: ChannelMessage"
expect_out "space: 1134 (serialized 133, 1001 trailing bytes, all zero)"
expect_out "  reply_to: $Z"
expect_out "  edited_at: none"
expect_out '  content: "a\"b\ngm"'
expect_out "  message_type: custom:7"
run --json decode account "$ACC_CMSG"
expect_json
expect_out "\"fields\":{\"channel\":\"$X\",\"sender\":\"$AGENT_A\",\"reply_to\":\"$Z\",\"created_at\":1700000000,\"edited_at\":null,\"content\":\"a\\\"b\\ngm\",\"message_type\":\"custom:7\",\"bump\":255,\"_reserved\":\"000000000000\"}}"

run decode account "$ACC_ESC"
expect_rc 0
expect_out "type: EscrowAccount"
expect_out "  depositor: $B"
expect_out "  amount: 18446744073709551615"
expect_out "  bump: 253"
run --json decode account "$ACC_ESC"
expect_json
expect_out "\"fields\":{\"channel\":\"$X\",\"depositor\":\"$B\",\"amount\":18446744073709551615,\"created_at\":1700000000,\"bump\":253,\"_reserved\":\"00000000000000\"}}"

# Not PoD accounts, truncated and corrupt ones.
run decode account "$(b64 01010101010101010101010101010101)"
expect_fail 3 "not a PoD account: the data (16 bytes, base64) starts with discriminator 0101010101010101"
expect_err "AgentAccount f177458ce9097032"
expect_err "EscrowAccount 2445301280e17d87"
run decode account AAAAAA==
expect_fail 3 "shorter than an account discriminator (8 bytes)"
run decode account "$(b64 ${AGENT_HEX:0:200})"
expect_fail 3 "has the AgentAccount discriminator but does not decode: it is truncated: its fields need at least"
run decode account "$(b64 9359b8cf0abe4e91${HEX_X}${HEX_AGENT_A}${T0}070000000000000064f153650000000002fe000000000000)"
expect_fail 3 "field is_active (bool) at byte 96 is 2"
expect_err "3003 AccountDidNotDeserialize"
run decode account 'not!!'
expect_fail 3 "neither base64 nor base58"
run decode account
expect_fail 1 "no account data given"
run decode account "$ACC_ESC" "$ACC_ESC"
expect_fail 1 "second argument"

# ---- decode logs ----------------------------------------------------------------------------
# register_agent as PROTOCOL.md §6.4 shows it, with the §6.2 event line; then a failing
# register_agent (an AnchorError line), another program's data line.
cat >logs.txt <<EOF
Program $PROG invoke [1]
Program log: Instruction: RegisterAgent
Program 11111111111111111111111111111111 invoke [2]
Program 11111111111111111111111111111111 success
Program data: v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbgDxU2UAAAAA
Program log: Agent registered: $A
Program $PROG consumed 12000 of 200000 compute units
Program $PROG success
Program $PROG invoke [1]
Program log: Instruction: RegisterAgent
Program log: AnchorError occurred. Error Code: InvalidMetadataUriLength. Error Number: 6000. Error Message: Invalid metadata URI length.
Program $PROG consumed 3000 of 200000 compute units
Program $PROG failed: custom program error: 0x1770
Program data: AQIDBAUGBwgJ
EOF
run_in logs.txt decode logs
expect_rc 0
expect_no_err
expect_out "event: AgentRegistered (line 5)
  agent: $A
  capabilities: 1
  metadata_uri: \"https://example.com/agent.json\"
  timestamp: 1700000000 (2023-11-14T22:13:20Z)
error: InvalidMetadataUriLength (line 11)
  code: 6000
  hex: 0x1770
  message: Invalid metadata URI length
  origin: program
  when: register_agent: URI blank"
if [ "$(wc -l <"$T/out")" = 11 ]; then ok; else bad "decode logs printed other lines too"; fi
run_in logs.txt decode logs -v
expect_rc 0
expect_out "Program log: Agent registered: $A"
expect_out "  event: AgentRegistered"
expect_out "    metadata_uri: \"https://example.com/agent.json\""
expect_out "  error: InvalidMetadataUriLength"
expect_out "  (the error explained above)"
expect_out "Program data: AQIDBAUGBwgJ
  (not a PoD event)"
run_in logs.txt --json decode logs
expect_rc 0
expect_json
expect_out "{\"lines\":14,\"events\":[{\"line\":5,\"name\":\"AgentRegistered\",\"fields\":{\"agent\":\"$A\",\"capabilities\":1,\"metadata_uri\":\"https://example.com/agent.json\",\"timestamp\":1700000000}}],\"errors\":[{\"line\":11,\"source\":\"anchor_log\",\"code\":6000,\"hex\":\"0x1770\",\"name\":\"InvalidMetadataUriLength\",\"message\":\"Invalid metadata URI length\",\"origin\":\"program\",\"reachable\":true,"
expect_not_out '"logs":'
# A JSON array (meta.logMessages): a seeds violation with Left/Right, an account that already
# exists (System's 0x0, repeated by pod_com), escapes, a PoD event with a trailing byte.
cat >logs.json <<EOF
["Program $PROG invoke [1]",
 "Program log: AnchorError caused by account: participant_account. Error Code: ConstraintSeeds. Error Number: 2006. Error Message: A seeds constraint was violated.",
 "Program log: Left:", "Program log: $AGENT_A", "Program log: Right:", "Program log: $AGENT_B",
 "Program $PROG failed: custom program error: 0x7d6",
 "Program $PROG invoke [1]", "Program 11111111111111111111111111111111 invoke [2]",
 "Allocate: account Address { address: $AGENT_A, base: None } already in use",
 "Program 11111111111111111111111111111111 failed: custom program error: 0x0",
 "Program $PROG failed: custom program error: 0x0",
 "Program log: panicked at a.rs:1:2:\nattempt to add \u00e9 \"q\"",
 "Program data: v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbgDxU2UAAAAAAA=="]
EOF
run_in logs.json decode logs
expect_rc 0
expect_out "error: ConstraintSeeds (line 2)"
expect_out "  account: participant_account"
expect_out "  left: $AGENT_A"
expect_out "  right: $AGENT_B"
expect_out "error: AccountAlreadyInUse (line 11)"
expect_out "  origin: system"
expect_not_out "(line 7)"
expect_not_out "(line 12)"
expect_out "event: AgentRegistered (line 14): does not decode"
run_in logs.json -v --json decode logs
expect_rc 0
expect_json
expect_out '"errors":[{"line":2,"source":"anchor_log","code":2006,'
expect_out "\"account\":\"participant_account\",\"thrown_in\":null,\"left\":\"$AGENT_A\",\"right\":\"$AGENT_B\",\"program\":null}"
expect_out '{"line":11,"source":"failed_log","code":0,"hex":"0x0","name":"AccountAlreadyInUse"'
expect_out '{"line":12,"kind":"error_repeated",'
expect_out '{"line":13,"kind":"other","text":"Program log: panicked at a.rs:1:2:\nattempt to add é \"q\""}'
expect_out '"events":[{"line":14,"name":"AgentRegistered","fields":null,"error":"does not decode'
printf '["Program log: x", 3]' >badlogs.json
run_in badlogs.json decode logs
expect_fail 3 "not a JSON array of strings: expected a string"
run decode logs logs.txt
expect_fail 1 "reads the log lines from standard input"

# ---- errors ---------------------------------------------------------------------------------
run errors
expect_rc 0
expect_out "6000  0x1770  program  InvalidMetadataUriLength"
expect_out "6005  0x1775  program  AlreadyInChannel"
expect_out "(never returned)"
expect_out "2006  0x7d6   anchor   ConstraintSeeds"
expect_out "0     0x0     system   AccountAlreadyInUse"
run --json errors
expect_rc 0
expect_json
expect_out '{"errors":[{"code":6000,"hex":"0x1770","name":"InvalidMetadataUriLength","message":"Invalid metadata URI length","origin":"program","reachable":true,"when":'
expect_out '{"code":6014,"hex":"0x177e","name":"HashingFailed","message":"Hashing operation failed","origin":"program","reachable":false,'
run errors 6001
expect_rc 0
expect_out "code: 6001
hex: 0x1771
name: Unauthorized
message: Unauthorized
origin: program
reachable: yes
when: "
expect_out "anchor_log: Program log: AnchorError occurred. Error Code: Unauthorized. Error Number: 6001. Error Message: Unauthorized."
expect_out "failed_log: Program $PROG failed: custom program error: 0x1771"
expect_out 'tx_error: {"InstructionError":[0,{"Custom":6001}]}'
run errors 0x1771 --json
expect_rc 0
expect_json
expect_out '{"code":6001,"hex":"0x1771","name":"Unauthorized",'
expect_out '"tx_error":{"InstructionError":[0,{"Custom":6001}]}}'
run -q errors constraintSEEDS
expect_out_eq ConstraintSeeds
run errors 0X0
expect_out "name: AccountAlreadyInUse"
expect_out "failed_log: Program 11111111111111111111111111111111 failed: custom program error: 0x0"
expect_not_out "anchor_log:"
run errors 1234
expect_fail 1 "unknown error code 1234: the PoD program's codes are 6000-6017"
run errors 0x1782
expect_fail 1 "unknown error code 0x1782"
run errors NoSuchError
expect_fail 1 "unknown error 'NoSuchError'"
run errors 6001 6002
expect_fail 1 "second argument"

# ---- ledger verify --------------------------------------------------------------------------
if [ -n "$LEDGER_TOOL" ]; then
  # A ledger with an airdrop to A and A's register_agent (one AgentAccount).
  "$LEDGER_TOOL" led make
  cp -r led led2
  run ledger verify led
  expect_rc 0
  expect_no_err
  expect_out "ledger: led"
  expect_out "pod_accounts: 1"
  expect_out "pod_errors: 0"
  expect_out "pod_unverified: 0"
  expect_out "transactions: 2"
  expect_out "minted: 1000005000"
  expect_out "burned: 10000"
  expect_out "ok   lamports conserved"
  expect_out "ok   indexes consistent"
  expect_out "ok   PoD accounts valid (decode, space, rent, PDA, references): 1 PoD account, 0 failing"
  expect_out "result: ok"
  run --json ledger verify led
  expect_rc 0
  expect_json
  expect_out '{"ledger":"led","ok":true,'
  expect_out '"pod_accounts":1,"pod_errors":0,"pod_unverified":0,'
  expect_out '"checks":[{"name":"lamports_conserved","ok":true,'
  # One lamport added behind the engine's back.
  "$LEDGER_TOOL" led tamper
  run ledger verify led
  expect_rc 3
  expect_out "FAIL lamports conserved"
  expect_out "(excess 1)"
  expect_out "result: FAIL"
  expect_err "pod: ledger led: 1 invariant violated: lamports_conserved: the balances sum to"
  run --json ledger verify led
  expect_rc 3
  expect_json
  expect_out '"ok":false'
  # The AgentAccount's bump changed: no longer at its PDA.
  "$LEDGER_TOOL" led2 tamper-pod
  run ledger verify led2
  expect_rc 3
  expect_out "ok   lamports conserved"
  expect_out "FAIL PoD accounts valid (decode, space, rent, PDA, references): 1 PoD account, 1 failing a check"
  expect_out "pod_errors: 1"
  expect_err "pod_accounts_valid"
else
  echo "(ledger verify on a real ledger skipped: no pod_test_ledger given)"
fi
run ledger verify nosuchdir
expect_fail 3 "ledger directory nosuchdir does not exist"
mkdir -p emptydir
run ledger verify emptydir
expect_fail 3 "emptydir is not a ledger"
if [ -e emptydir/data.mdb ]; then bad "ledger verify created a ledger in emptydir"; else ok; fi
run ledger verify
expect_fail 1 "give the ledger's directory"
run ledger check led
expect_fail 1 "unknown subcommand 'check'"

# ---- ledger and cluster commands through the SDK (embedded ledger in $T) ----------------------
L="embedded:$T/led"
run keygen -o "$T/alice.json" -q
ALICE=$out
run keygen -o "$T/bob.json" -q
BOB=$out
run --url "$L" --keypair "$T/alice.json" airdrop 2
expect_rc 0
expect_out "signature: "
expect_out "to: $ALICE"
expect_out "lamports: 2000000000"
run --json --url "$L" airdrop --lamports 500000000 "$BOB"
expect_rc 0
expect_json
expect_out "\"to\":\"$BOB\",\"lamports\":500000000,\"balance\":500000000}"
run --url "$L" balance "$ALICE"
expect_rc 0
expect_out "address: $ALICE"
expect_out "lamports: 2000000000"
expect_out "sol: 2"
run --url "$L" -q balance "$BOB"
expect_out_eq "500000000"
export POD_KEYPAIR=$T/alice.json # alice signs from here on (env), bob by flag
run --url "$L" agent register --capabilities text,code --uri https://example.com/agent.json
expect_rc 0
expect_out "agent: "
expect_out "wallet: $ALICE"
expect_out "signature: "
run --url "$L" agent info
expect_rc 0
expect_out "wallet: $ALICE"
expect_out "capabilities: 5 (text,code)"
expect_out "metadata_uri: \"https://example.com/agent.json\""
expect_out "reputation: 100"
run --json --url "$L" agent info "$ALICE"
expect_rc 0
expect_json
expect_out "\"wallet\":\"$ALICE\",\"capabilities\":5,\"capability_names\":[\"text\",\"code\"],"
expect_out "\"metadata_uri\":\"https://example.com/agent.json\""
run --url "$L" agent list
expect_rc 0
expect_out "AGENT"
expect_out "text,code"
run --json --url "$L" agent list --capability code
expect_json
expect_out '{"count":1,"agents":[{"address":'
run --json --url "$L" agent list --capability image
expect_out '{"count":0,"agents":[]}'
run --url "$L" message send "$BOB" --text hello
expect_rc 0
expect_out "payload_hash: $HELLO"
expect_out "signature: "
run --url "$L" -q message list --outbox
MSG=$out
run --url "$L" --keypair "$T/bob.json" message list --inbox
expect_rc 0
expect_out "$MSG"
expect_out "pending"
run --json --url "$L" --keypair "$T/bob.json" message list
expect_json
expect_out '{"box":"inbox","count":1,"messages":[{"address":"'"$MSG"'"'
run --url "$L" --keypair "$T/bob.json" message status "$MSG" read
expect_fail 3 "agent not registered"
run --url "$L" --keypair "$T/bob.json" agent register --capabilities 1 --uri https://example.com/bob.json
expect_rc 0
run --url "$L" message status "$MSG" read
expect_fail 2 "Unauthorized (6001)"
run --url "$L" --keypair "$T/bob.json" message status "$MSG" read
expect_rc 0
expect_out "status: read"
expect_out "signature: "
run --json --url "$L" message info "$MSG"
expect_json
expect_out '"status":"read"'
expect_out "\"payload_hash\":\"$HELLO\""
printf 'data from stdin' >"$T/payload"
run_in "$T/payload" --url "$L" message send "$BOB" - --type data
expect_rc 0
run --url "$L" agent update --capabilities analysis --uri https://example.com/v2.json
expect_rc 0
expect_out "signature: "
run --url "$L" agent info
expect_out "capabilities: 8 (analysis)"
expect_out "https://example.com/v2.json"
# Errors: unregistered sender, bad URI (named, exit 2, nothing charged), no keypair, bad URL.
run --url "$L" keygen -o "$T/carol.json" -q
CAROL=$out
run --url "$L" airdrop 1 "$CAROL"
run --url "$L" --keypair "$T/carol.json" message send "$BOB" --text hi
expect_fail 3 "agent not registered"
expect_err "pod agent register"
run --url "$L" --keypair "$T/carol.json" agent register --capabilities text --uri ftp://bad
expect_fail 2 "InvalidMetadataUriLength (6000): Invalid metadata URI length"
run --url "$L" -q balance "$CAROL"
expect_out_eq "1000000000"
unset POD_KEYPAIR
HOME=$T/nohome run --url "$L" agent register --capabilities text --uri https://example.com/a.json
expect_fail 3 "no keypair: run \`pod keygen\` or pass --keypair"
run --url "$L" --keypair "$T/nosuch.json" agent info
expect_fail 3 "does not exist"
run --url "ftp://x" balance "$ALICE"
expect_fail 1 "not an endpoint"
run --url http://127.0.0.1:1 --keypair "$T/alice.json" balance
expect_fail 3 "balance: "
run --url "$L" agent frob
expect_fail 1 "unknown subcommand 'frob'"
run --url "$L" --commitment sometime balance "$ALICE"
expect_fail 1 "--commitment 'sometime'"

# ---- config precedence: flag > env > pod config > Solana config.yml > default ----------------
H2=$T/home2
mkdir -p "$H2/.config/solana/cli"
HOME=$H2 run --json config show
expect_out "\"url\":\"embedded:$H2/.local/share/pod/ledger\",\"url_source\":\"default\""
expect_out '"keypair":null,"keypair_source":"default"'
expect_out '"commitment":"confirmed","commitment_source":"default"'
printf '%s\n' '---' 'json_rpc_url: "http://127.0.0.1:1/sol"' 'keypair_path: /k/sol.json' \
  'commitment: finalized' 'address_labels:' '  "1": x' >"$H2/.config/solana/cli/config.yml"
HOME=$H2 run --json config show
expect_out '"url":"http://127.0.0.1:1/sol","url_source":"solana"'
expect_out '"keypair":"/k/sol.json","keypair_source":"solana"'
expect_out '"commitment":"finalized","commitment_source":"solana"'
HOME=$H2 run config set-url "embedded:$T/cfgled"
expect_rc 0
HOME=$H2 run config set-keypair /k/cfg.json
expect_rc 0
if grep -q "^url = embedded:$T/cfgled\$" "$H2/.config/pod/config"; then ok; else bad "config file"; fi
HOME=$H2 run config show
expect_out "url: embedded:$T/cfgled (config)"
expect_out "keypair: /k/cfg.json (config)"
expect_out "commitment: finalized (solana)"
HOME=$H2 POD_URL=http://127.0.0.1:2 POD_KEYPAIR=/k/env.json run config show
expect_out "url: http://127.0.0.1:2 (env)"
expect_out "keypair: /k/env.json (env)"
HOME=$H2 POD_URL=http://127.0.0.1:2 run --url "$L" --keypair /k/flag.json config show --commitment processed
expect_out "url: $L (flag)"
expect_out "keypair: /k/flag.json (flag)"
expect_out "commitment: processed (flag)"
# The setting in use is the one shown: the config's ledger gets alice's balance query.
HOME=$H2 run -q balance "$ALICE"
expect_out_eq "0"
HOME=$H2 XDG_CONFIG_HOME=$T/xdg run config show
expect_out "config_file: $T/xdg/pod/config (absent)"
expect_out "url: http://127.0.0.1:1/sol (solana)"
printf 'url embedded:/x\n' >"$T/badcfg"
mkdir -p "$T/xdg2/pod" && cp "$T/badcfg" "$T/xdg2/pod/config"
XDG_CONFIG_HOME=$T/xdg2 run config show
expect_fail 3 "config:1: expected \`key = value\`"
run config set-url
expect_fail 1 "give one value"

# ---- pod node: podd in the background ---------------------------------------------------------
if [ -n "$PODD" ] && [ -x "$PODD" ]; then
  N=$T/node
  PATH="$(dirname "$PODD"):$PATH" run -q node start --ledger "$N" --rpc-port 0
  expect_rc 0
  URL=$out
  case $URL in http://127.0.0.1:*) ok ;; *) bad "node start printed no URL" ;; esac
  if [ -f "$N/podd.pid" ]; then ok; else bad "no pid file"; fi
  PATH="$(dirname "$PODD"):$PATH" run node start --ledger "$N" --rpc-port 0
  expect_fail 3 "podd already runs on"
  run --url "$URL" --keypair "$T/alice.json" airdrop 1
  expect_rc 0
  run --url "$URL" --keypair "$T/alice.json" agent register --capabilities text --uri https://example.com/node.json
  expect_rc 0
  # The embedded URL of a ledger podd holds is redirected to podd.
  run --url "$URL" agent info "$ALICE"
  expect_rc 0
  expect_out "metadata_uri: \"https://example.com/node.json\""
  run --url "embedded:$N" --json agent info "$ALICE"
  expect_out '"capability_names":["text"]'
  run --json node status --ledger "$N"
  expect_rc 0
  expect_json
  expect_out '{"running":true,'
  expect_out "\"rpc\":\"$URL\",\"slot\":"
  run node stop --ledger "$N"
  expect_rc 0
  expect_out "stopped: "
  if [ -f "$N/podd.pid" ]; then bad "pid file left"; else ok; fi
  run node status --ledger "$N"
  expect_out "running: no"
  run node stop --ledger "$N"
  expect_fail 3 "podd is not running"
else
  echo "(pod node skipped: no podd given)"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
