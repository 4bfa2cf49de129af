#!/usr/bin/env bash
# test_size_budget: libpodcom.so, built MinSizeRel and stripped, must not be larger than the
# `libpodcom.so` line of size-budget.txt, so that growth is a decision, not an accident.
#
#   bash src/test/test_size.sh SOURCE_DIR SCRATCH_BUILD_DIR
#
# Builds only the podcom target, with the plain compiler (cc: the budget is measured with GCC;
# the test tree may be configured with clang and sanitizers), into SCRATCH_BUILD_DIR, which is
# kept between runs so that a rerun only rebuilds what changed. To raise the budget: see
# size-budget.txt.
set -u
src=$(cd "$1" && pwd)
dir=$2
log=$dir.log
mkdir -p "$dir"
export CC=cc
t0=$(date +%s)
if ! { cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=MinSizeRel -DPOD_TESTS=OFF -DPOD_BENCH=OFF \
         -DPOD_FUZZ=OFF -DPOD_STRIP=OFF > "$log" 2>&1 &&
       cmake --build "$dir" -j 2 --target podcom >> "$log" 2>&1; }; then
  echo "test_size: FAIL: the MinSizeRel build of libpodcom.so failed:"; tail -30 "$log"
  exit 1
fi
echo "test_size: MinSizeRel libpodcom.so built in $(($(date +%s) - t0)) s ($dir)"
bash "$src/scripts/size.sh" --check "$src/size-budget.txt" "$dir"
