# The harness shared by the pod test scripts (sourced): run pod, capture its output and exit
# status, check them. The caller sets POD (the binary) and T (a scratch directory) first.
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
  out=$(<"$T/out")
  err=$(<"$T/err")
}
# run_in FILE ARGS...: the same with stdin from FILE.
run_in() {
  local in=$1
  shift
  cmd="pod $* < $in"
  "$POD" "$@" <"$in" >"$T/out" 2>"$T/err"
  rc=$?
  out=$(<"$T/out")
  err=$(<"$T/err")
}
ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1))
  printf 'FAIL: %s\n  cmd: %s\n  exit: %s\n' "$1" "$cmd" "$rc"
  printf '  stdout: %s\n' "$(head -c 2000 "$T/out")"
  printf '  stderr: %s\n' "$(head -c 2000 "$T/err")"
}
expect_rc() { if [ "$rc" = "$1" ]; then ok; else bad "exit status $rc, expected $1"; fi; }
# Substring checks on the captured output (shell pattern matching: no process per check; a
# multi-line text must appear as one block).
expect_out() { case $out in *"$1"*) ok ;; *) bad "stdout lacks: $1" ;; esac; }
expect_not_out() { case $out in *"$1"*) bad "stdout has: $1" ;; *) ok ;; esac; }
expect_err() { case $err in *"$1"*) ok ;; *) bad "stderr lacks: $1" ;; esac; }
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
# A summary line and the script's exit status.
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
