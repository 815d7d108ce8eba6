#!/bin/sh
# Runs every test suite. Each suite prints lines "SUITE: N passed, M failed";
# this sums them and ends with the total line "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export ROOT
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
	"$@" 2>&1 | tee -a "$log" | grep -v '^ok ' || true
}

B=${B:-build}
for t in "$B"/tests/*; do
	[ -x "$t" ] || continue
	# RUN_UNDER: a wrapper such as tools/valgrind.sh
	run_suite ${RUN_UNDER:-} "$t"
done
for s in tests/suites/*.sh; do
	run_suite sh "$s"
done

total_pass=0
total_fail=0
eval "$(sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/total_pass=$((total_pass+\1)); total_fail=$((total_fail+\2));/p' "$log")"
# a suite that crashed before its summary counts as a failure
suites=$(ls "$B"/tests 2>/dev/null | wc -l)
suites=$((suites + $(ls tests/suites/*.sh 2>/dev/null | wc -l)))
summaries=$(grep -c ': [0-9][0-9]* passed, [0-9][0-9]* failed$' "$log")
if [ "$summaries" -lt "$suites" ]; then
	echo "some suite ended without a summary ($summaries of $suites)"
	total_fail=$((total_fail + suites - summaries))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
