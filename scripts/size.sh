#!/usr/bin/env bash
# Size report of a MinSizeRel build (and optionally a Release build): stripped sizes of
# libpodcom.so, libpodcom.a, pod and podd; their sections and loaded bytes (every section but
# bss: unlike the file size, which moves in 4 KB page steps, it shows every byte); each
# shared-library dependency and its size; the largest symbols of libpodcom.so. Printed as a
# table, written as JSON.
# Dependency-free: binutils (size, nm, strip, readelf), ldd, coreutils, awk.
#
#   scripts/size.sh [--json FILE] [--budget FILE] MINSIZE_DIR [RELEASE_DIR]
#   scripts/size.sh --check BUDGET_FILE MINSIZE_DIR
#
# The build directories are CMake trees configured with -DPOD_STRIP=OFF (what `make size` does),
# so that the largest symbols can be read; stripped sizes are measured on stripped copies
# (strip --strip-all: what -s at link time gives, within a few bytes). A tree linked with -s
# works too, without the symbol list.
#
# --check compares libpodcom.so (stripped) of MINSIZE_DIR with the `libpodcom.so` line of the
# budget file and exits 1 when it is larger (the ctest test_size_budget). See size-budget.txt
# for how to raise the budget.
set -euo pipefail

json='' budget='' check=''
while [ $# -gt 0 ]; do
  case $1 in
    --json) json=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --check) check=1; budget=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
min=${1:?usage: size.sh [--json FILE] [--budget FILE] MINSIZE_DIR [RELEASE_DIR]}
rel=${2:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/podc-size.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Goals of issue 8 (bytes; 1 KB = 1024 B).
GOAL_SO_MIN=$((120 * 1024)) GOAL_SO_REL=$((200 * 1024)) GOAL_POD=$((300 * 1024))

# path of an artifact inside a build tree ("" when absent)
artifact() { # dir name
  local p
  case $2 in
    libpodcom.so) p=$(ls "$1"/libpodcom.so.*.*.* 2>/dev/null | sed -n 1p || true) ;;
    libpodcom.a) p=$1/libpodcom.a ;;
    pod) p=$1/src/cli/pod ;;
    podd) p=$1/src/podd/podd ;;
  esac
  [ -n "$p" ] && [ -f "$p" ] && echo "$p" || true
}

# size of a stripped copy: executables and shared objects lose every symbol table; the static
# archive keeps what a linker needs (--strip-unneeded). LTO-only archives (MinSizeRel:
# -fno-fat-lto-objects) hold GIMPLE that strip cannot touch: their size is the file's.
stripped() { # file kind
  local c=$tmp/strip.$$
  cp "$1" "$c"
  if [ "$2" = a ]; then strip --strip-unneeded "$c" 2>/dev/null || cp "$1" "$c"
  else strip --strip-all "$c"; fi
  stat -c %s "$c"
  rm -f "$c"
}

# sections grouped: text rodata eh_frame data bss dynamic other (bytes, from size -A)
sections() { # file
  size -A "$1" 2>/dev/null | awk '
    NR > 2 && NF >= 2 && $1 ~ /^\./ {
      s = $1; n = $2
      if (s ~ /^\.(text|init|fini|plt)/) t += n
      else if (s ~ /^\.rodata/) r += n
      else if (s ~ /^\.(eh_frame|gcc_except_table)/) e += n
      else if (s ~ /^\.(data|got|init_array|fini_array|dynamic|tm_clone_table)/) d += n
      else if (s ~ /^\.(bss|tbss)/) b += n
      else if (s ~ /^\.(dynsym|dynstr|gnu\.hash|hash|gnu\.version|rela|relr)/) y += n
      else if (s !~ /^\.(comment|debug|symtab|strtab|shstrtab|gnu_debuglink)/) o += n
    }
    END { printf "%d %d %d %d %d %d %d\n", t, r, e, d, b, y, o }'
}

kb() { awk -v n="$1" 'BEGIN { if (n == "") print "-"; else printf "%.1f KB", n / 1024 }'; }

budget_of() { # key
  [ -n "$budget" ] && [ -f "$budget" ] || return 0
  awk -v k="$1" '$1 == k { print $2; exit }' "$budget"
}

# ---- --check: the budget test ----
if [ -n "$check" ]; then
  so=$(artifact "$min" libpodcom.so)
  [ -n "$so" ] || { echo "size.sh: no libpodcom.so.X.Y.Z in $min (build the podcom target first)" >&2; exit 2; }
  have=$(stripped "$so" so)
  limit=$(budget_of libpodcom.so)
  [ -n "$limit" ] || { echo "size.sh: no 'libpodcom.so BYTES' line in $budget" >&2; exit 2; }
  if [ "$have" -gt "$limit" ]; then
    echo "FAIL: libpodcom.so (MinSizeRel, stripped) is $have bytes, over the budget of $limit in $budget" \
         "(+$((have - limit)) bytes). If the growth is wanted, raise the budget in that file (see its" \
         "header); otherwise find what grew with 'make size' (largest symbols)."
    exit 1
  fi
  echo "ok: libpodcom.so (MinSizeRel, stripped) $have bytes, budget $limit ($((limit - have)) bytes left)"
  exit 0
fi

# ---- the report ----
names="libpodcom.so libpodcom.a pod podd"
declare -A RAW STRIP SECT
for build in min rel; do
  dir=${!build}
  [ -n "$dir" ] || continue
  for n in $names; do
    f=$(artifact "$dir" "$n")
    [ -n "$f" ] || continue
    kind=x; [ "$n" = libpodcom.a ] && kind=a
    RAW[$build.$n]=$(stat -c %s "$f")
    STRIP[$build.$n]=$(stripped "$f" $kind)
    [ "$kind" = a ] || SECT[$build.$n]=$(sections "$f")
  done
done

cc_ver=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$min/CMakeCache.txt" 2>/dev/null || true)
cc_ver=$("${cc_ver:-cc}" --version 2>/dev/null | sed -n 1p || echo unknown)
ld_ver=$(ld --version 2>/dev/null | sed -n 1p || echo unknown)
echo "# size report — $(date -u +%Y-%m-%dT%H:%MZ), $cc_ver, $ld_ver"
echo "# MinSizeRel: $min${rel:+   Release: $rel}   (bytes after strip; 1 KB = 1024 B)"
echo
printf '%-14s %12s %12s %12s %12s %8s\n' artifact MinSizeRel Release goal budget "vs goal"
for n in $names; do
  m=${STRIP[min.$n]:-} r=${STRIP[rel.$n]:-} goal="" b=$(budget_of "$n") st=
  case $n in
    libpodcom.so) goal="<$((GOAL_SO_MIN / 1024))K/<$((GOAL_SO_REL / 1024))K"
      [ -n "$m" ] && { [ "$m" -lt $GOAL_SO_MIN ] && st=ok || st=over; }
      [ -n "$r" ] && [ "$r" -ge $GOAL_SO_REL ] && st=over ;;
    pod) goal="<$((GOAL_POD / 1024))K"
      [ -n "$m" ] && { [ "$m" -lt $GOAL_POD ] && st=ok || st=over; }
      [ -n "$r" ] && [ "$r" -ge $GOAL_POD ] && st=over ;;
  esac
  [ -n "$b" ] && [ -n "$m" ] && [ "$m" -gt "$b" ] && st="$st,OVER-BUDGET"
  printf '%-14s %12s %12s %12s %12s %8s\n' "$n" "${m:--}" "${r:--}" "${goal:--}" "${b:--}" "${st:--}"
done
echo
# loaded: every section mapped from the file (all but bss): unlike the stripped file size, which
# moves in 4 KB steps (each LOAD segment starts on a page), it shows every byte saved or added.
printf '%-26s %9s %9s %9s %9s %7s %9s %7s %9s\n' "sections (bytes)" text rodata eh_frame data bss dynamic other loaded
for build in min rel; do
  for n in libpodcom.so pod podd; do
    s=${SECT[$build.$n]:-}
    [ -n "$s" ] || continue
    read -r t r e d b y o <<< "$s"
    printf '%-26s %9s %9s %9s %9s %7s %9s %7s %9s\n' "$n ($([ $build = min ] && echo MinSizeRel || echo Release))" \
      "$t" "$r" "$e" "$d" "$b" "$y" "$o" $((t + r + e + d + y + o))
  done
done

# shared-library dependencies: direct (DT_NEEDED) of each MinSizeRel artifact, resolved by ldd
echo
printf '%-26s %10s  %-20s %s\n' "dependency (DT_NEEDED)" size "needed by" path
: > "$tmp/deps"
for n in libpodcom.so pod podd; do
  f=$(artifact "$min" "$n")
  [ -n "$f" ] || continue
  ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' > "$tmp/ldd.$n" || true
  for lib in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    p=$(awk -v l="$lib" '$1 == l { print $2; exit }' "$tmp/ldd.$n")
    [ -n "$p" ] || p=$(awk -v l="$lib" '$1 == l { print $2; exit }' "$tmp/ldd."* 2>/dev/null | sed -n 1p)
    real=$(readlink -f "$p" 2>/dev/null || echo "$p")
    sz=$(stat -c %s "$real" 2>/dev/null || echo 0)
    echo "$lib $sz $real $n" >> "$tmp/deps"
  done
done
awk '{ sz[$1] = $2; path[$1] = $3; by[$1] = by[$1] (by[$1] ? "," : "") $4 }
     END { for (l in sz) print l, sz[l], by[l], path[l] }' "$tmp/deps" | sort -k2,2nr > "$tmp/deps.u"
while read -r lib sz by path; do
  printf '%-26s %10s  %-20s %s\n' "$lib" "$(kb "$sz")" "$by" "$path"
done < "$tmp/deps.u"
# everything loaded with the library (transitive closure, as ldd resolves it)
so=$(artifact "$min" libpodcom.so)
trans_n=0 trans_sz=0
if [ -n "$so" ]; then
  while read -r _ p; do
    real=$(readlink -f "$p"); trans_n=$((trans_n + 1)); trans_sz=$((trans_sz + $(stat -c %s "$real")))
  done < "$tmp/ldd.libpodcom.so"
  echo "libpodcom.so loads $trans_n shared libraries in all (ldd), $(kb $trans_sz) on disk"
fi

# largest symbols of libpodcom.so (needs an unstripped tree: POD_STRIP=OFF)
: > "$tmp/syms"
if [ -n "$so" ] && nm "$so" > "$tmp/nm" 2>/dev/null && [ -s "$tmp/nm" ]; then
  # one line per address: a function and its .localalias (or other alias) are the same bytes
  nm --size-sort -S -r --radix=d "$so" |
    awk 'NF == 4 { if (!($1 in sz)) { sz[$1] = $2; t[$1] = $3; nm[$1] = $4; ord[n++] = $1 }
                   else if ($4 !~ /localalias/ && nm[$1] ~ /localalias/) { t[$1] = $3; nm[$1] = $4 } }
         END { for (i = 0; i < n && i < 20; i++) { a = ord[i]; printf "%d %s %s\n", sz[a], t[a], nm[a] } }' > "$tmp/syms"
  echo
  echo "largest symbols of libpodcom.so (MinSizeRel; T/t code, R/r read-only data, D/d data, B/b bss)"
  while read -r sz t name; do printf '%8d  %s  %s\n' "$sz" "$t" "$name"; done < "$tmp/syms"
else
  echo "(no symbol table in $so: configure the tree with -DPOD_STRIP=OFF for the largest symbols)"
fi

# ---- JSON ----
if [ -n "$json" ]; then
  mkdir -p "$(dirname "$json")"
  esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
  {
    printf '{"date":"%s","compiler":"%s","linker":"%s",' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(esc "$cc_ver")" "$(esc "$ld_ver")"
    printf '"goals":{"libpodcom.so.minsizerel":%d,"libpodcom.so.release":%d,"pod":%d},' $GOAL_SO_MIN $GOAL_SO_REL $GOAL_POD
    printf '"budget":{'
    sep=
    for n in $names; do b=$(budget_of "$n"); [ -n "$b" ] && { printf '%s"%s":%d' "$sep" "$n" "$b"; sep=,; }; done
    printf '},"builds":{'
    bsep=
    for build in min rel; do
      dir=${!build}
      [ -n "$dir" ] || continue
      printf '%s"%s":{"dir":"%s","artifacts":{' "$bsep" "$([ $build = min ] && echo MinSizeRel || echo Release)" "$(esc "$dir")"
      bsep=, asep=
      for n in $names; do
        [ -n "${RAW[$build.$n]:-}" ] || continue
        printf '%s"%s":{"bytes":%d,"stripped":%d' "$asep" "$n" "${RAW[$build.$n]}" "${STRIP[$build.$n]}"
        asep=,
        if [ -n "${SECT[$build.$n]:-}" ]; then
          read -r t r e d b y o <<< "${SECT[$build.$n]}"
          printf ',"sections":{"text":%d,"rodata":%d,"eh_frame":%d,"data":%d,"bss":%d,"dynamic":%d,"other":%d},"loaded":%d' \
            "$t" "$r" "$e" "$d" "$b" "$y" "$o" $((t + r + e + d + y + o))
        fi
        printf '}'
      done
      printf '}}'
    done
    printf '},"dependencies":['
    sep=
    while read -r lib sz by path; do
      printf '%s{"name":"%s","bytes":%d,"needed_by":["%s"],"path":"%s"}' "$sep" "$lib" "$sz" "${by//,/\",\"}" "$(esc "$path")"
      sep=,
    done < "$tmp/deps.u"
    printf '],"libpodcom_so_transitive":{"libraries":%d,"bytes":%d},' "$trans_n" "$trans_sz"
    printf '"largest_symbols":['
    sep=
    while read -r sz t name; do printf '%s{"name":"%s","type":"%s","bytes":%d}' "$sep" "$name" "$t" "$sz"; sep=,; done < "$tmp/syms"
    printf ']}\n'
  } > "$json"
  echo
  echo "# JSON: $json"
fi
