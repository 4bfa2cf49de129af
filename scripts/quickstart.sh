#!/usr/bin/env bash
# The main job, until `pod quickstart` exists: build, then walk through what the tool does today —
# make a keypair, derive the PoD addresses an agent uses, and decode a signed register_agent
# transaction (the one in PROTOCOL.md §6.2).
set -euo pipefail
pod=${1:-build/release/src/cli/pod}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "version"                     "$pod" version
step "a new agent wallet"          "$pod" keygen -o "$work/agent.json"
wallet=$("$pod" address "$work/agent.json")
step "its address"                 "$pod" address "$work/agent.json"
step "its agent account (PDA)"     "$pod" pda agent "$wallet"
step "a channel it would create"   "$pod" pda channel "$wallet" general
step "decode a signed register_agent transaction" "$pod" decode tx \
  AXhSF2EZVMG+0Zq4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/nkKu+LDhdWh9422WpbclQPFqxgQBAAIEiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHgEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbg==
