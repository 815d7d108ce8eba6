#!/bin/sh
# Runs every test: the unit tests ($B/tests/*, under RUN_UNDER if set) and
# the suites (tests/suites/*.sh), TEST_JOBS at once (default: the number
# of processors), each into a log of its own. Then, test by test, prints
# every line but the "ok" ones, sums the lines "SUITE: N passed, M failed"
# and ends with the total line "N passed, M failed". A test that ends
# without its summary line counts as a failure.
#
# Suites may run side by side: each works in a scratch folder of its own,
# and the time limits of hostile.sh (processor time), pathological.sh and
# watch.sh (generous hang guards) do not depend on how busy the machine is.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export ROOT
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
B=${B:-build}

# The queue, "N KIND PATH": the longest suites first, so that the short
# ones fill the processors at the end; N orders the report.
n=0
for t in "$B"/tests/*; do
	[ -x "$t" ] || continue
	n=$((n + 1))
	echo "$n unit $t"
done > "$logs/units"
for s in tests/suites/*.sh; do
	n=$((n + 1))
	echo "$n suite $s"
done > "$logs/suites"
for long in hostile cli safety pdfa check pathological watch; do
	grep " tests/suites/$long.sh\$" "$logs/suites"
done > "$logs/queue"
grep -v -F -f "$logs/queue" "$logs/suites" >> "$logs/queue"
cat "$logs/units" >> "$logs/queue"

# A lane takes the next test no other lane has taken (mkdir is atomic).
lane() {
	while read -r i kind path; do
		mkdir "$logs/$i.taken" 2>/dev/null || continue
		if [ "$kind" = unit ]; then
			# RUN_UNDER: a wrapper such as tools/valgrind.sh
			${RUN_UNDER:-} "$path"
		else
			sh "$path"
		fi < /dev/null > "$logs/$i.log" 2>&1
	done < "$logs/queue"
}
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
k=0
while [ $k -lt "$jobs" ]; do
	lane &
	k=$((k + 1))
done
wait

total_pass=0
total_fail=0
sort -n "$logs/queue" > "$logs/order"
while read -r i kind path; do
	grep -v '^ok ' "$logs/$i.log"
	eval "$(sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/total_pass=$((total_pass+\1)); total_fail=$((total_fail+\2));/p' "$logs/$i.log")"
	# a test that crashed before its summary counts as a failure
	if ! grep -q ': [0-9][0-9]* passed, [0-9][0-9]* failed$' "$logs/$i.log"; then
		echo "$path ended without a summary"
		total_fail=$((total_fail + 1))
	fi
done < "$logs/order"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
