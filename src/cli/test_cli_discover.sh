#!/usr/bin/env bash
# `pod discover` and `pod analytics` driven as a user would, on an embedded ledger in a temporary
# HOME: three agents (text+code, text, image), then searches, recommendations, trending channels
# and the statistics, as text tables and --json, and the usage errors.
# Usage: test_cli_discover.sh path/to/pod
# Prints each failure with the command and its output, then "N passed, M failed".
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
POD=${1:?usage: test_cli_discover.sh path/to/pod}
case $POD in /*) ;; *) POD=$PWD/$POD ;; esac
[ -x "$POD" ] || { echo "test_cli_discover.sh: $POD is not an executable"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/pod-discover.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME=$T/home
mkdir -p "$HOME"
cd "$T" || exit 1
unset NO_COLOR POD_URL POD_KEYPAIR POD_COMMITMENT XDG_CONFIG_HOME XDG_DATA_HOME POD_PODD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export POD_URL=embedded:$T/ledger

. "$HERE/test_cli_lib.sh"
# json EXPR WANT: the Python expression EXPR over the parsed stdout (j) prints WANT.
json() {
  [ $have_python = 1 ] || return 0
  local got
  got=$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$T/out" 2>&1)
  if [ "$got" = "$2" ]; then ok; else bad "json $1 = '$got', expected '$2'"; fi
}

# ---- help and usage errors ----
run discover --help
expect_rc 0
expect_out "pod discover agents"
expect_out "recommend agents|channels"
expect_out "3 x broadcasts + 2 x joins"
run analytics --help
expect_rc 0
expect_out "--samples"
run discover
expect_fail 1 "give agents, channels or recommend"
run discover frob
expect_fail 1 "unknown subcommand 'frob'"
run discover agents --frob
expect_fail 1 "unknown option '--frob'"
run discover agents --capabilities nosuchcap
expect_rc 1
run discover agents --limit x
expect_fail 1 "not a number"
run discover recommend
expect_fail 1 "give agents or channels"
run discover recommend agents notakey
expect_fail 1 "WALLET 'notakey'"
run discover channels --window 0
expect_fail 1 "--window"
run analytics --samples 0
expect_fail 1 "--samples"
run analytics extra
expect_fail 1 "unexpected argument 'extra'"

# ---- an empty ledger ----
run discover agents
expect_rc 0
expect_out "no agents match"
run --json discover agents
expect_rc 0
json 'j["count"], j["agents"]' '0 []'
run --json analytics
expect_rc 0
json 'j["agents"], j["channels"], j["top_agents"]' '0 0 []'

# ---- three agents ----
for w in a b d; do
  run keygen -o $w.json
  expect_rc 0
  run --keypair $w.json airdrop 1
  expect_rc 0
done
run --keypair a.json agent register --capabilities text,code --uri https://a.example/agent.json
expect_rc 0
run --keypair b.json agent register --capabilities text --uri https://b.example/b.json
expect_rc 0
run --keypair d.json agent register --capabilities image --uri http://d.example/d.json
expect_rc 0
run -q address a.json
WA=$out
run -q address b.json
WB=$out
run -q --keypair a.json agent info
AA=$out

# search: --any text,code: a has 2 bits (200 + 100), b 1 (100 + 100), d none
run discover agents --any text,code
expect_rc 0
expect_out "SCORE"
expect_out "CAPABILITIES"
expect_out "https://a.example/agent.json"
expect_not_out "d.example"
run --json discover agents --any text,code
expect_rc 0
json 'j["count"], [a["score"] for a in j["agents"]], j["agents"][0]["wallet"] == "'"$WA"'"' \
  '2 [300, 200] True'
json 'j["agents"][0]["capability_names"], j["agents"][0]["address"] == "'"$AA"'"' \
  "['text', 'code'] True"
run --json discover agents --uri-prefix https://b. --min-reputation 100
json 'j["count"], j["agents"][0]["wallet"] == "'"$WB"'"' '1 True'
run --json discover agents --uri-contains example/d
json 'j["count"], j["agents"][0]["metadata_uri"]' '1 http://d.example/d.json'
run --json discover agents --capabilities text --limit 1
json 'j["count"]' '1'
run --json discover agents --min-reputation 101
json 'j["count"]' '0'
run --json discover agents --active-since 4000000000
json 'j["count"]' '0'
run -q discover agents --capabilities code
expect_rc 0
if [ "$out" = "$AA" ]; then ok; else bad "-q: the agent address only"; fi

# recommendations: for a (text+code): b shares text, registered just now: 100 + 10 + 50
run --keypair a.json discover recommend agents
expect_rc 0
expect_out "160"
expect_out "https://b.example/b.json"
run --json discover recommend agents "$WA"
json '[(a["score"], a["shared_caps"]) for a in j["agents"]]' '[(160, 1)]'
run --json discover recommend agents "$WB" --limit 5
json '[(a["score"], a["wallet"] == "'"$WA"'") for a in j["agents"]]' '[(160, True)]'
run keygen -o nobody.json
run -q address nobody.json
NOBODY=$out
run discover recommend agents "$NOBODY"
expect_fail 3 "not registered"
run --keypair a.json discover recommend channels
expect_rc 0
expect_out "no channel to recommend"
run --json --keypair a.json discover recommend channels
json 'j["count"]' '0'

# trending: no channels yet
run discover channels
expect_rc 0
expect_out "no channel had a broadcast or a join"
run --json discover channels --window 3600 --limit 3
json 'j["count"], j["channels"]' '0 []'

# ---- analytics ----
run analytics
expect_rc 0
expect_out "agents: 3 (active in the last day: 3, reputation total: 300)"
expect_out "channels: 0"
expect_out "throughput:"
expect_out "top agents by reputation:"
run --json analytics --top 2 --samples 5 --channels
expect_rc 0
json 'j["agents"], j["agents_active_day"], j["reputation_total"], len(j["top_agents"])' '3 3 300 2'
json 'j["messages_by_status"]["pending"], j["messages"], j["channels"], j["escrows"]' '0 0 0 0'
json 'sorted(j["throughput"].keys())' \
  "['non_vote_tps', 'non_vote_transactions', 'samples', 'seconds', 'slots', 'slots_per_sec', 'tps', 'transactions']"
json 'j["throughput"]["samples"] <= 5, j["channel_stats"]' 'True []'

finish
