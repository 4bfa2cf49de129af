#!/usr/bin/env bash
# Installs exactly the Debian packages the build and tests need, skipping those present.
# Works as root on a fresh Debian 12 (uses sudo when not root and sudo exists).
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config git   # compiler, build system
  clang libclang-rt-14-dev               # libFuzzer + sanitizer runtimes for the test build
  libsodium-dev                          # ed25519, SHA-256, X25519, XChaCha20-Poly1305, randomness
  libcurl4-openssl-dev                   # HTTP/1.1, HTTP/2 (nghttp2), TLS
  liblmdb-dev                            # the ledger store
  libyajl-dev                            # JSON reader (numbers as text: exact u64)
  libzstd-dev                            # podd: base64+zstd account encoding
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
