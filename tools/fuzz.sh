#!/bin/sh
# tools/fuzz.sh run SECONDS NAME...   each harness SECONDS seconds
# tools/fuzz.sh replay 0 NAME...      each corpus file once
# The harnesses are build-fuzz/fuzz/NAME. Their seeds are made afresh in
# build-fuzz/seeds/NAME from the hand-written tests/fuzz/seeds/NAME and the
# test inputs already in git (samples, tests/check, tests/hostile,
# tests/layout), so that no copy of them is kept. A run reads the seeds and
# build-fuzz/corpus/NAME, and keeps what it finds there; a replay runs
# both once. A crash is saved as build-fuzz/crashes/NAME-* and fails the
# run. The last line of each run is its figures: executions, coverage,
# corpus size.
set -u
cd "$(dirname "$0")/.."
# absolute paths: the harnesses work in a scratch folder of their own
here=$(pwd)
mode=$1
seconds=$2
shift 2
status=0
mkdir -p build-fuzz/crashes

# The test inputs each harness starts from (globs that match nothing are skipped).
inputs() {
	case $1 in
	plan) ls samples/*/ke-hoach.yaml samples/*/*/ke-hoach.yaml tests/check/*.yaml tests/hostile/*.yaml \
		tests/layout/*.yaml ;;
	draft) ls samples/*/*.md samples/*/*/*.md tests/check/*.md tests/hostile/*.md tests/hostile/drafts/* \
		tests/layout/*.md ;;
	units) ls samples/*/units.yaml tests/check/units-*.yaml tests/hostile/units-*.yaml ;;
	esac 2>/dev/null
}

# build-fuzz/seeds/NAME, made again: one file per distinct content.
make_seeds() {
	rm -rf "build-fuzz/seeds/$1"
	mkdir -p "build-fuzz/seeds/$1" "build-fuzz/corpus/$1"
	{ ls "tests/fuzz/seeds/$1"/* 2>/dev/null; inputs "$1"; } | while read -r f; do
		[ -f "$f" ] && cp "$f" "build-fuzz/seeds/$1/$(cksum < "$f" | tr ' ' -)"
	done
	n=$(ls "build-fuzz/seeds/$1" | wc -l)
	if [ "$n" -lt 20 ]; then
		echo "fuzz $1: only $n seeds in build-fuzz/seeds/$1" >&2
		return 1
	fi
}

for name in "$@"; do
	bin=$here/build-fuzz/fuzz/$name
	make_seeds "$name" || { status=1; continue; }
	seeds=$here/build-fuzz/seeds/$name
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=$here/tests/fuzz/$name.dict"
	log=build-fuzz/$name.log
	case $mode in
	replay)
		"$bin" -runs=0 $dict "$seeds" "$here/build-fuzz/corpus/$name" > "$log" 2>&1
		;;
	run)
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
