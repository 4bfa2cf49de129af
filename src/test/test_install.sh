#!/usr/bin/env bash
# `make install` end to end: a Release build installed into a temporary prefix; an external
# program compiled with `pkg-config podcom` against the shared library, and against the static one
# (its dependencies linked shared, as a user of libpodcom.a does); the
# SONAME; and the exported symbols (only pod_*, thanks to -fvisibility=hidden + POD_API).
set -u
src=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "test_install: FAIL: $*" >&2; }
want="0.1.0 B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG 252"

# A plain compiler: the test tree may be configured with sanitizers, the installed library not.
export CC=cc
if cmake -S "$src" -B "$tmp/b" -DCMAKE_BUILD_TYPE=Release -DPOD_TESTS=OFF -DPOD_BENCH=OFF >"$tmp/log" 2>&1 &&
   cmake --build "$tmp/b" -j 2 >>"$tmp/log" 2>&1 &&
   cmake --install "$tmp/b" --prefix "$tmp/prefix" >>"$tmp/log" 2>&1; then ok; else bad "build/install"; cat "$tmp/log" >&2; fi

export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
[ "$(pkg-config --modversion podcom 2>/dev/null)" = "0.1.0" ] && ok || bad "pkg-config --modversion"
for h in "$src"/include/pod/*.h; do
  [ -f "$tmp/prefix/include/pod/$(basename "$h")" ] && ok || bad "header $(basename "$h") not installed"
done

cc -std=c11 -Wall -Wextra -pedantic -Werror "$src/src/test/example_agent.c" $(pkg-config --cflags --libs podcom) -o "$tmp/ex_shared" 2>"$tmp/cc1" && ok || { bad "compile against libpodcom.so"; cat "$tmp/cc1" >&2; }
out=$(LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/ex_shared" 2>&1)
[ "$out" = "$want" ] && ok || bad "shared example printed '$out'"

cc -std=c11 "$src/src/test/example_agent.c" $(pkg-config --cflags podcom) "$tmp/prefix/lib/libpodcom.a" \
   $(pkg-config --libs libsodium lmdb yajl libcurl) -pthread -o "$tmp/ex_static" 2>"$tmp/cc2" && ok || { bad "compile against libpodcom.a"; cat "$tmp/cc2" >&2; }
out=$("$tmp/ex_static" 2>&1)
[ "$out" = "$want" ] && ok || bad "static example printed '$out'"

so=$(readelf -d "$tmp/prefix/lib/libpodcom.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$so" = "libpodcom.so.0.1" ] && ok || bad "SONAME is '$so'"
others=$(nm -D --defined-only "$tmp/prefix/lib/libpodcom.so" | awk '{print $3}' | grep -v '^pod_' | grep -v '^_' || true)
[ -z "$others" ] && ok || bad "exported symbols without the pod_ prefix: $others"
[ -x "$tmp/prefix/bin/pod" ] && "$tmp/prefix/bin/pod" version >/dev/null && ok || bad "installed pod does not run"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
