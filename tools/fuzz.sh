#!/bin/sh
# tools/fuzz.sh run SECONDS NAME...   each harness SECONDS seconds
# tools/fuzz.sh replay 0 NAME...      each corpus file once
# The harnesses are build-fuzz/fuzz/NAME. A run reads tests/fuzz/corpus/NAME
# and keeps what it finds in build-fuzz/corpus/NAME (the checked-in corpus
# changes only by hand: see tests/fuzz/README). A crash is saved as
# build-fuzz/crashes/NAME-* and fails the run. The last line of each run is
# its figures: executions, coverage, corpus size.
set -u
cd "$(dirname "$0")/.."
# absolute paths: the harnesses work in a scratch folder of their own
here=$(pwd)
mode=$1
seconds=$2
shift 2
status=0
mkdir -p build-fuzz/crashes
for name in "$@"; do
	bin=$here/build-fuzz/fuzz/$name
	seeds=$here/tests/fuzz/corpus/$name
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=$here/tests/fuzz/$name.dict"
	log=build-fuzz/$name.log
	case $mode in
	replay)
		"$bin" -runs=0 $dict "$seeds" > "$log" 2>&1
		;;
	run)
		mkdir -p "build-fuzz/corpus/$name"
		"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
			-print_final_stats=1 -artifact_prefix="$here/build-fuzz/crashes/$name-" $dict \
			"$here/build-fuzz/corpus/$name" "$seeds" > "$log" 2>&1
		;;
	*)
		echo "usage: tools/fuzz.sh run|replay SECONDS NAME..." >&2
		exit 2
		;;
	esac
	rc=$?
	figures=$(grep -E '^#[0-9]+' "$log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $name: ok ${execs:+$execs runs, }$figures"
	else
		status=1
		echo "fuzz $name: FAILED (exit $rc), see $log"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -10 | sed 's/^/    /'
	fi
done
exit $status
