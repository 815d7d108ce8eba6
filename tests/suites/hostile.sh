#!/bin/sh
# Hostile inputs (tests/hostile, see its README): for each NAME.expect, runs
# its commands on NAME.yaml, NAME.md or the folder NAME, in a scratch copy
# where generate.sh first makes the inputs that cannot live in git. Each run
# must: use at most its processor-time limit (2 s; 10 s when BIN is a
# sanitizer build; HOSTILE_TIMEOUT overrides) and end within five times
# that, not crash (exit >= 128) nor trip a sanitizer, exit as expected and
# print the expected codes (at file:line:col when the .expect gives it),
# print nothing but well-formed diagnostics, none twice, print no "error:"
# when it exits 0 and some when it does not, leave its inputs
# byte-identical, and leave no temporary file. A render run (one with
# {out}) runs twice: onto an existing file, which a failure must leave
# byte-identical, and onto a new path, which a failure must not create.
# The limit is on processor time, not on the time elapsed, so that a busy
# machine (other suites running beside this one) cannot fail a run; a run
# blocked on something is stopped at the larger limit.
#
# tests/suites/hostile.py runs the cases, HOSTILE_JOBS at once (default:
# twice the processors), each case wholly in one job, one process per run
# of BIN; a temporary file left anywhere in the cases' folder fails the
# suite at the end.
set -u
SUITE=hostile
. "$(dirname "$0")/../suite-lib.sh"
export ROOT

case "$BIN" in
*asan* | *san/*) limit=${HOSTILE_TIMEOUT:-10} ;;
*) limit=${HOSTILE_TIMEOUT:-2} ;;
esac

cp -R "$ROOT/tests/hostile" "$work/cases"
cd "$work/cases" || exit 1
sh generate.sh || { bad "generate.sh failed"; summary; exit 1; }
jobs=${HOSTILE_JOBS:-$(($(nproc 2>/dev/null || echo 1) * 2))}
python3 "$ROOT/tests/suites/hostile.py" "$BIN" "$work" "$limit" "$jobs"
