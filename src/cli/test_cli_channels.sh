#!/usr/bin/env bash
# Drives `pod channel`, `pod escrow`, `pod events`, `pod quickstart`, `pod bench` and the man page
# as a user would, in a temporary HOME, on an embedded ledger and (when podd is given) on podd.
# Usage: test_cli_channels.sh path/to/pod [path/to/podd]
# Prints each failure with the command and its output, then "N passed, M failed".
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
POD=${1:?usage: test_cli_channels.sh path/to/pod [path/to/podd]}
PODD=${2:-}
case $POD in /*) ;; *) POD=$PWD/$POD ;; esac
case $PODD in /* | '') ;; *) PODD=$PWD/$PODD ;; esac
[ -x "$POD" ] || { echo "test_cli_channels.sh: $POD is not an executable"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pod-cli-ch.XXXXXX")
cleanup() {
  if [ -f "$T/node/podd.pid" ]; then
    read -r p _ <"$T/node/podd.pid" && kill "$p" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home TMPDIR=$T
mkdir -p "$HOME"
cd "$T" || exit 1
unset NO_COLOR POD_URL POD_KEYPAIR POD_COMMITMENT XDG_CONFIG_HOME XDG_DATA_HOME POD_PODD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
. "$HERE/test_cli_lib.sh"
# A value of the JSON on stdout: json_get 'd["channels"][0]["name"]' (empty without python3).
json_get() { [ $have_python = 1 ] && python3 -c "import json,sys; d=json.load(open('$T/out')); print($1)"; }
expect_json_eq() {
  [ $have_python = 1 ] || return 0
  local v
  v=$(json_get "$1")
  if [ "$v" = "$2" ]; then ok; else bad "JSON $1 is '$v', expected '$2'"; fi
}

# ---- setup: three wallets on an embedded ledger; alice and bob are agents ----------------------
U="embedded:$T/ledger"
"$POD" keygen -q -o "$T/alice.json" >/dev/null
"$POD" keygen -q -o "$T/bob.json" >/dev/null
"$POD" keygen -q -o "$T/carol.json" >/dev/null
ALICE=$("$POD" address "$T/alice.json")
BOB=$("$POD" address "$T/bob.json")
CAROL=$("$POD" address "$T/carol.json")
A=(--url "$U" --keypair "$T/alice.json")
B=(--url "$U" --keypair "$T/bob.json")
C=(--url "$U" --keypair "$T/carol.json")
for w in A B C; do
  declare -n args=$w
  run "${args[@]}" airdrop 5
  expect_rc 0
done
run "${A[@]}" agent register --capabilities text --uri https://example.com/alice.json
expect_rc 0
run "${B[@]}" agent register --capabilities text --uri https://example.com/bob.json
expect_rc 0

# ---- --help on every subcommand ------------------------------------------------------------
for s in create info list join leave broadcast invite participants messages update; do
  run channel "$s" --help
  expect_rc 0
  expect_out "pod channel $s"
done
for s in deposit withdraw balance list; do
  run escrow "$s" --help
  expect_rc 0
  expect_out "pod escrow $s"
done
for c in events quickstart bench; do
  run "$c" --help
  expect_rc 0
  expect_out "usage: pod $c"
done

# ---- channel create / info / list ------------------------------------------------------------
run "${A[@]}" channel create general --description "everyone"
expect_rc 0
expect_out "name: general"
expect_out "signature: "
GENERAL=$("$POD" -q pda channel "$ALICE" general)
expect_out "channel: $GENERAL"
run "${A[@]}" --json channel create paid --fee 0.01 --max 3
expect_rc 0
expect_json
expect_out "\"name\":\"paid\",\"creator\":\"$ALICE\",\"visibility\":\"public\",\"max_participants\":3,\"fee_per_message\":10000000,\"signature\":"
run "${A[@]}" -q channel create secret --private
expect_rc 0
SECRET=$out
expect_out_eq "$("$POD" -q pda channel "$ALICE" secret)"
run "${A[@]}" channel create general
expect_fail 2 "AccountAlreadyInUse (0)"
expect_err "you already have a channel named 'general'"
run "${C[@]}" channel create carols
expect_fail 3 "agent not registered"
run "${A[@]}" channel create
expect_fail 1 "give the channel's NAME"
run "${A[@]}" channel create 123456789012345678901234567890123
expect_fail 1 "at most 32 bytes"
run "${A[@]}" channel create x --max many
expect_fail 1 "--max 'many'"
run "${A[@]}" channel create x --fee 0.0000000001
expect_fail 1 "--fee '0.0000000001'"
run "${A[@]}" channel create x --bogus
expect_fail 1 "unknown option '--bogus'"
run "${A[@]}" channel create x --max 2000
expect_fail 2 "6004"
run "${A[@]}" channel frobnicate
expect_fail 1 "unknown subcommand 'frobnicate'"

run "${A[@]}" channel info general
expect_rc 0
expect_out "address: $GENERAL"
expect_out "name: \"general\""
expect_out "description: \"everyone\""
expect_out "current_participants: 1"
run "${B[@]}" --json channel info "$GENERAL"
expect_rc 0
expect_json
expect_out "{\"address\":\"$GENERAL\",\"creator\":\"$ALICE\",\"name\":\"general\",\"description\":\"everyone\",\"visibility\":\"public\",\"is_active\":true,\"max_participants\":100,\"current_participants\":1,\"fee_per_message\":0,\"escrow_balance\":0,\"created_at\":"
run "${B[@]}" channel info general
expect_fail 3 "does not exist"
expect_err "--creator WALLET"
run "${B[@]}" channel info general --creator "$ALICE"
expect_rc 0
run "${B[@]}" channel info general --creator nope0
expect_fail 1 "not a base58 public key"

run "${A[@]}" channel list
expect_rc 0
expect_out "CHANNEL"
expect_out "general"
expect_out "private"
run "${A[@]}" --json channel list --creator "$ALICE"
expect_json
expect_json_eq 'd["count"]' 3
run "${A[@]}" channel list --creator "$BOB"
expect_out_eq "no channels"
run "${A[@]}" -q channel list
expect_out "$GENERAL"

# ---- join, broadcast, messages, participants ---------------------------------------------------
run "${B[@]}" channel join general --creator "$ALICE"
expect_rc 0
expect_out "channel: $GENERAL"
run "${B[@]}" channel join "$GENERAL"
expect_fail 3 "already a member"
run "${C[@]}" channel join "$GENERAL"
expect_fail 3 "agent not registered"
run "${B[@]}" channel broadcast "$GENERAL" "hello from bob"
expect_rc 0
expect_out "message: "
printf 'from stdin\n' >"$T/msg.txt"
run_in "$T/msg.txt" "${A[@]}" --json channel broadcast general - --type data
expect_rc 0
expect_json
expect_out "\"channel\":\"$GENERAL\""
expect_out '"type":"data"'
run "${A[@]}" channel broadcast general ""
expect_fail 2 "6012"
run "${A[@]}" channel broadcast general
expect_fail 1 "give CHANNEL and the text once"
run "${A[@]}" channel broadcast general a --text b
expect_fail 1 "give CHANNEL and the text once"
run "${A[@]}" channel broadcast general x --type bogus
expect_fail 1 "--type 'bogus'"
run "${B[@]}" channel broadcast "$SECRET" "not a member"
expect_fail 3 "not a member"
expect_err "pod channel join CHANNEL"

run "${A[@]}" channel messages general
expect_rc 0
expect_out "CONTENT"
expect_out "hello from bob"
expect_out "from stdin"
run "${A[@]}" --json channel messages general
expect_json
expect_json_eq 'd["count"]' 2
expect_json_eq 'sorted(m["content"] for m in d["messages"])' "['from stdin', 'hello from bob']"
run "${A[@]}" channel participants general
expect_rc 0
expect_out "AGENT"
expect_out "$("$POD" -q pda agent "$BOB")"
run "${A[@]}" --json channel participants general
expect_json
expect_json_eq 'd["count"]' 2
# an empty channel lists no message (once crashed: NULL passed to qsort)
run "${A[@]}" --json channel messages secret
expect_rc 0
expect_json
expect_json_eq 'd["count"]' 0

# ---- invite (private channel), leave, update ----------------------------------------------------
run "${B[@]}" channel join "$SECRET"
expect_fail 2 "6013"
expect_err "pod channel invite"
run "${A[@]}" --json channel invite secret "$BOB"
expect_rc 0
expect_json
expect_out "\"invitee\":\"$BOB\""
run "${A[@]}" channel invite secret "$BOB"
expect_fail 3 "already"
run "${A[@]}" channel invite secret
expect_fail 1 "usage: pod channel invite CHANNEL WALLET"
run "${B[@]}" channel join "$SECRET"
expect_rc 0
run "${B[@]}" -q channel leave "$SECRET"
expect_rc 0
case $out in [1-9A-HJ-NP-Za-km-z]*) ok ;; *) bad "leave -q printed no signature" ;; esac
run "${B[@]}" channel leave "$SECRET"
expect_fail 2 "6006"
run "${A[@]}" channel update general --description "renamed" --max 50
expect_rc 0
run "${A[@]}" --json channel info general
expect_out '"description":"renamed"'
expect_out '"max_participants":50'
run "${B[@]}" channel update "$GENERAL" --description "mine now"
expect_fail 2 "Unauthorized (6001)"
run "${A[@]}" channel update general
expect_fail 1 "give at least one of"
run "${A[@]}" channel update general --active maybe
expect_fail 1 "--active 'maybe'"
run "${A[@]}" channel update general --active no
expect_rc 0
run "${B[@]}" channel broadcast "$GENERAL" "anyone?"
expect_fail 2 "6001"
run "${A[@]}" channel update general --active yes
expect_rc 0

# ---- escrow and a paid channel ----------------------------------------------------------------
PAID=$("$POD" -q pda channel "$ALICE" paid)
run "${B[@]}" channel join "$PAID"
expect_fail 2 "6007"
expect_err "pod escrow deposit CHANNEL SOL"
run "${B[@]}" escrow deposit paid --creator "$ALICE" 0.5
expect_rc 0
ESCROW=$("$POD" -q pda escrow "$PAID" "$BOB")
expect_out "escrow: $ESCROW"
expect_out "lamports: 500000000"
run "${B[@]}" escrow deposit "$PAID" --lamports 5
expect_fail 3 "cannot be topped up"
run "${B[@]}" channel join "$PAID"
expect_rc 0
run "${B[@]}" escrow balance "$PAID"
expect_rc 0
expect_out "amount: 490000000"
expect_out "sol: 0.49"
run "${A[@]}" --json escrow balance "$PAID" "$BOB"
expect_json
expect_out "\"depositor\":\"$BOB\",\"amount\":490000000,\"sol\":\"0.49\""
run "${B[@]}" -q escrow balance "$PAID"
expect_out_eq 490000000
run "${B[@]}" --json escrow withdraw "$PAID" --lamports 90000000
expect_rc 0
expect_json
expect_out '"lamports":90000000,"remaining":400000000'
run "${B[@]}" escrow withdraw "$PAID" 1
expect_fail 2 "6007"
run "${B[@]}" escrow withdraw "$PAID" --all
expect_rc 0
expect_out "remaining: 0"
run "${A[@]}" escrow withdraw "$PAID" 0.1
expect_fail 3 "does not exist"
expect_err "pod escrow deposit CHANNEL SOL"
run "${A[@]}" escrow deposit general 11
expect_fail 2 "6007"
run "${A[@]}" escrow deposit general abc
expect_fail 1 "amount 'abc'"
run "${A[@]}" escrow deposit general 1 --lamports 5
expect_fail 1 "give CHANNEL and the amount once"
run "${A[@]}" escrow withdraw general --all --bogus
expect_fail 1 "unknown option '--bogus'"
run "${A[@]}" escrow deposit general 0.25
expect_rc 0
run "${A[@]}" escrow list
expect_rc 0
expect_out "ESCROW"
expect_out "$ESCROW"
run "${A[@]}" --json escrow list --depositor "$ALICE"
expect_json
expect_json_eq 'd["count"]' 1
expect_json_eq 'd["escrows"][0]["amount"]' 250000000
run "${A[@]}" --json escrow list --channel paid
expect_json_eq 'd["count"]' 1
run "${A[@]}" escrow sweep
expect_fail 1 "unknown subcommand 'sweep'"

# ---- events (embedded: this process only) -------------------------------------------------------
run "${A[@]}" events --timeout 0.2
expect_rc 0
expect_err "open in this process only"
run "${A[@]}" events --count 0
expect_fail 1 "--count '0'"
run "${A[@]}" events --timeout -1
expect_fail 1 "--timeout '-1'"
run "${A[@]}" events extra
expect_fail 1 "unknown argument 'extra'"

# ---- quickstart --------------------------------------------------------------------------------
run quickstart
expect_rc 0
for s in "alice gets 2 SOL" "bob registers" "encrypted direct message" "decrypted: \"gm bob" \
  "bob marks it read" "creates the public channel" "bob joins it" "bob broadcasts" \
  "bob deposits 0.1 SOL" "bob withdraws" "what happened" "agents:   2 registered" \
  "status read" "2 members, 2 messages" "0 left" "is removed now"; do
  expect_out "$s"
done
n=$(grep -c '^    signature: ' "$T/out")
if [ "$n" = 12 ]; then ok; else bad "quickstart printed $n signatures, expected 12"; fi
if ls "$T"/pod-quickstart.* >/dev/null 2>&1; then bad "quickstart left its temporary directory"; else ok; fi
run --json quickstart --dir "$T/qs"
expect_rc 0
expect_json
expect_json_eq 'len(d["steps"])' 13
expect_json_eq 'd["summary"]["encrypted"]' True
expect_json_eq 'd["summary"]["message_status"]' read
expect_json_eq 'd["summary"]["channel_messages"]' 2
expect_json_eq 'd["summary"]["escrow_amount"]' 0
expect_json_eq 'd["elapsed_ms"] < 2000' True
expect_json_eq 'all(s["signature"] for s in d["steps"] if s["step"] != "read_encrypted")' True
if [ -f "$T/qs/alice.json" ] && [ -f "$T/qs/ledger/data.mdb" ]; then ok; else bad "--dir not kept"; fi
run ledger verify "$T/qs/ledger"
expect_rc 0
expect_out "result: ok"
run --url "embedded:$T/qs/ledger" --keypair "$T/qs/bob.json" --json message list --inbox
expect_json_eq 'd["messages"][0]["status"]' read
run quickstart --dir "$T/qs"
expect_fail 3 "already holds a ledger"
run -q quickstart
expect_rc 0
n=$(wc -l <"$T/out")
if [ "$n" = 12 ]; then ok; else bad "quickstart -q printed $n lines, expected 12 signatures"; fi
run quickstart --bogus
expect_fail 1 "unknown argument '--bogus'"

# ---- bench, and the progress bar ---------------------------------------------------------------
run --json bench --count 3
expect_rc 0
expect_json
expect_no_err
expect_json_eq '[r["op"] for r in d["results"]]' "['agent_register', 'message_send', 'channel_join']"
expect_json_eq 'all(r["count"] == 3 and r["p95_ms"] >= r["median_ms"] > 0 and r["ops_per_s"] > 0 for r in d["results"])' True
run bench --count 2
expect_rc 0
expect_out "OPERATION"
expect_out "MEDIAN_MS"
expect_out "channel_join"
expect_no_err # not a terminal: no progress bar
run bench --count 1000
expect_fail 1 "from 1 to 999"
if command -v script >/dev/null 2>&1; then
  # On a terminal the bar is drawn on stderr (script(1) gives pod one), not under -q.
  script -qec "'$POD' bench --count 3" /dev/null >"$T/tty.txt" 2>&1
  if grep -q 'agent_register .*\[' "$T/tty.txt"; then ok; else bad "no progress bar on a terminal: $(head -c 300 "$T/tty.txt")"; fi
  script -qec "'$POD' -q bench --count 2" /dev/null >"$T/tty.txt" 2>&1
  if grep -q '\[#*-*\]' "$T/tty.txt"; then bad "progress bar drawn under -q"; else ok; fi
  script -qec "NO_COLOR=1 '$POD' bench --count 2" /dev/null >"$T/tty.txt" 2>&1
  if grep -q $'\e\\[36m\|\e\\[1m' "$T/tty.txt"; then bad "colour despite NO_COLOR"; else ok; fi
else
  echo "(progress bar on a terminal not checked: no script(1))"
fi

# ---- the man page ----------------------------------------------------------------------------
run help --man
expect_rc 0
expect_out ".TH POD 1"
expect_out ".SH NAME"
expect_out ".SH EXIT STATUS"
for c in keygen agent message channel escrow events quickstart bench node; do
  case $out in *".SS \"$c"*) ok ;; *) bad "man page lacks command $c" ;; esac
done
expect_out "pod channel create NAME"
if command -v groff >/dev/null 2>&1; then
  "$POD" help --man | groff -man -Tutf8 -ww -z 2>"$T/groff.err"
  if [ -s "$T/groff.err" ]; then bad "groff warns: $(head -c 500 "$T/groff.err")"; else ok; fi
  "$POD" help --man | groff -man -Tutf8 -P -c -P -b -P -u 2>/dev/null | grep -q "pod quickstart runs" && ok || bad "rendered man page lacks quickstart"
else
  echo "(man page not rendered: no groff)"
fi

# ---- against podd ------------------------------------------------------------------------------
if [ -n "$PODD" ] && [ -x "$PODD" ]; then
  N=$T/node
  PATH="$(dirname "$PODD"):$PATH" run -q node start --ledger "$N" --rpc-port 0
  expect_rc 0
  URL=$out
  # Follow the events while the quickstart runs against the same podd.
  "$POD" --url "$URL" --json events --count 3 --timeout 30 --poll-ms 50 >"$T/events.txt" 2>"$T/events.err" &
  EV=$!
  sleep 1
  start=$(date +%s%N)
  run --url "$URL" quickstart
  end=$(date +%s%N)
  expect_rc 0
  expect_out "pod quickstart on $URL"
  expect_out "decrypted: \"gm bob"
  expect_out "2 members, 2 messages"
  echo "(quickstart against podd: $(((end - start) / 1000000)) ms wall)"
  wait $EV
  evrc=$?
  if [ "$evrc" = 0 ]; then ok; else bad "pod events exited $evrc: $(cat "$T/events.err")"; fi
  n=$(grep -c '^{"event":"AgentRegistered","slot":' "$T/events.txt")
  if [ "$n" = 2 ]; then ok; else bad "events: $n AgentRegistered lines, expected 2: $(cat "$T/events.txt")"; fi
  if grep -q '"event":"MessageSent"' "$T/events.txt"; then ok; else bad "events: no MessageSent"; fi
  [ $have_python = 0 ] || { python3 -c "import json,sys; [json.loads(l) for l in open('$T/events.txt')]" && ok || bad "events: a line is not JSON"; }
  run --url "$URL" --json quickstart
  expect_rc 0
  expect_json
  expect_json_eq 'len(d["steps"])' 13
  run --url "$URL" --json bench --count 3
  expect_rc 0
  expect_json
  expect_json_eq 'd["url"]' "$URL"
  run --url "$URL" --keypair "$T/alice.json" channel list
  expect_rc 0
  expect_out "quickstart"
  run node stop --ledger "$N"
  expect_rc 0
else
  echo "(podd checks skipped: no podd given)"
fi

finish
