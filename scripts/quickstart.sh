#!/usr/bin/env bash
# The main job, until `pod quickstart` exists (issue 7): on a fresh embedded ledger in a temporary
# directory, two agents get wallets, SOL, and on-chain identities; one sends the other a direct
# message, which the recipient lists and marks read; then the ledger's invariants are checked and
# a signed register_agent transaction is decoded field by field.
set -euo pipefail
pod=${1:-build/release/src/cli/pod}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
url="embedded:$work/ledger"
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "version"                          "$pod" version
step "alice's wallet"                   "$pod" keygen -o "$work/alice.json"
step "bob's wallet"                     "$pod" keygen -o "$work/bob.json"
alice=$("$pod" address "$work/alice.json")
bob=$("$pod" address "$work/bob.json")
A=(--url "$url" --keypair "$work/alice.json")
B=(--url "$url" --keypair "$work/bob.json")
step "fund alice (faucet)"              "$pod" "${A[@]}" airdrop 2
step "fund bob (faucet)"                "$pod" "${B[@]}" airdrop 2
step "alice registers as an agent"      "$pod" "${A[@]}" agent register --capabilities text,code --uri https://example.com/alice.json
step "bob registers as an agent"        "$pod" "${B[@]}" agent register --capabilities analysis --uri https://example.com/bob.json
step "the agents on the ledger"         "$pod" "${A[@]}" agent list
step "alice messages bob"               "$pod" "${A[@]}" message send "$bob" --text "gm bob, shall we open a channel?"
step "bob's inbox"                      "$pod" "${B[@]}" message list --inbox
msg=$("$pod" "${B[@]}" --json message list --inbox | sed -n 's/.*"address":"\([1-9A-HJ-NP-Za-km-z]*\)".*/\1/p' | head -n 1)
step "bob marks it read"                "$pod" "${B[@]}" message status "$msg" read
step "alice's agent account"            "$pod" "${A[@]}" agent info
step "alice's balance after fees and rent" "$pod" "${A[@]}" balance
step "ledger invariants"                "$pod" ledger verify "$work/ledger"
step "decode a signed register_agent transaction (PROTOCOL.md §6.2)" "$pod" decode tx \
  AXhSF2EZVMG+0Zq4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/nkKu+LDhdWh9422WpbclQPFqxgQBAAIEiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHgEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbg==
printf '\nquickstart: done (alice %s, bob %s)\n' "$alice" "$bob"
