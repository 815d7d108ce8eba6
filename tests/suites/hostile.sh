#!/bin/sh
# Hostile inputs (tests/hostile, see its README): for each NAME.expect, runs
# its commands on NAME.yaml, NAME.md or the folder NAME, in a scratch copy
# where generate.sh first makes the inputs that cannot live in git. Each run
# must: end within the time limit (2 s; 10 s when BIN is a sanitizer build;
# HOSTILE_TIMEOUT overrides), not crash (exit >= 128) nor trip a sanitizer,
# exit as expected and print the expected codes (at file:line:col when the
# .expect gives it), print nothing but well-formed diagnostics, none twice,
# print no "error:" when it exits 0 and some when it does not, leave its inputs
# byte-identical, and leave no temporary file. A render run (one with {out})
# runs twice: onto an existing file, which a failure must leave
# byte-identical, and onto a new path, which a failure must not create.
#
# The cases run in HOSTILE_JOBS shards at once (default: twice the
# processors), each case wholly in one shard; a temporary file left
# anywhere in the cases' folder fails the suite at the end.
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
mkdir "$work/o" "$work/snap"
# (and the one-line summary that build and report end with)
diag_re='^(.+: (error|warning): \[[A-Z0-9_]+\] |chuyende (build|report): )'
slowest=0
slowest_run=""
runs=0

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The folder or file a case reads, as a checksum list (FIFOs are skipped).
snapshot() {
	if [ -d "$1" ]; then
		find "$1" -type f -exec cksum {} + 2>/dev/null | sort
	elif [ -f "$1" ]; then
		cksum < "$1"
	fi
}

expand() {
	printf '%s\n' "$1" | sed -e "s|{in}|$in|g" -e "s|{out}|$out|g" -e "s|{outdir}|$outdir|g" \
		-e "s|{name}|$name|g" -e "s|{work}|$work|g"
}

# One run of one block: $1 = label, $2 = argument template, $3 = block file,
# $4 = "old" | "new" | "" (render pass).
run_one() {
	label=$1 template=$2 block=$3 which=$4
	k=$((k + 1))
	dir="$work/o/$name.$k"
	mkdir -p "$dir/o"
	out="$dir/o/$which.pdf"
	outdir="$dir/out"
	[ "$which" = old ] && printf 'keep me\n' > "$out"
	args=$(expand "$template")
	expect_exit="" envs="" fsize="" stdin=/dev/null skip="" partial=""
	: > "$dir/codes"
	: > "$dir/nocodes"
	: > "$dir/keep"
	: > "$dir/absent"
	: > "$dir/created"
	while read -r key rest; do
		rest=$(expand "$rest")
		case $key in
		exit) expect_exit=$rest ;;
		code) echo "$rest" >> "$dir/codes" ;;
		nocode) echo "$rest" >> "$dir/nocodes" ;;
		env) envs="$envs $rest" ;;
		ulimit-f) fsize=$rest ;;
		skip-as-root) [ "$(id -u)" -ne 0 ] || skip="root writes anywhere" ;;
		stdin) stdin=$rest ;;
		seed) mkdir -p "$(dirname "$rest")"; printf 'keep me\n' > "$rest"; echo "$rest" >> "$dir/keep" ;;
		keep) echo "$rest" >> "$dir/keep" ;;
		absent) echo "$rest" >> "$dir/absent" ;;
		created) echo "$rest" >> "$dir/created" ;;
		partial) partial=1 ;;
		esac
	done < "$block"
	while read -r f; do cp "$f" "$dir/keep.$(echo "$f" | cksum | cut -d' ' -f1)"; done < "$dir/keep"
	if [ -n "$skip" ]; then
		echo "skip $name: $label ($skip)"
		return
	fi

	t0=$(now_ms)
	# shellcheck disable=SC2086
	(
		if [ -n "$fsize" ]; then trap '' XFSZ; ulimit -f "$fsize"; fi
		exec env $envs timeout -k 1 "$limit" "$BIN" $args < "$stdin" > "$dir/stdout" 2> "$dir/stderr"
	)
	st=$?
	ms=$(($(now_ms) - t0))
	runs=$((runs + 1))
	if [ "$ms" -gt "$slowest" ]; then slowest=$ms; slowest_run="$name: $label"; fi
	cat "$dir/stdout" "$dir/stderr" > "$dir/all"

	why=""
	if [ $st -eq 124 ] || [ $st -eq 137 ]; then
		why="$why; timed out after ${limit}s"
	elif [ $st -ge 128 ]; then
		why="$why; crashed (exit $st)"
	elif [ -n "$expect_exit" ] && [ "$st" != "$expect_exit" ]; then
		why="$why; exit $st, expected $expect_exit"
	fi
	if grep -q 'Sanitizer\|runtime error:' "$dir/stderr"; then why="$why; sanitizer report"; fi
	# "code CODE FILE:LINE:COL", "code CODE FILE:LINE:" (any column),
	# "code CODE FILE" (the file, with or without a position), "code CODE"
	while read -r code loc; do
		awk -v p="$loc" -v c=" [$code] " '
			index($0, c) && index($0, p) == 1 {
				rest = substr($0, length(p) + 1)
				if (p == "" || p ~ /:$/ && rest ~ /^[0-9]+: / || rest ~ /^(:[0-9]+:[0-9]+)?: /) f = 1
			}
			END { exit !f }' "$dir/all" || why="$why; no [$code]${loc:+ at $loc}"
	done < "$dir/codes"
	while read -r code; do
		# a line's own code, not text quoted in its message
		! grep -Eq "^[^ ]* (error|warning): \[$code\]" "$dir/all" || why="$why; [$code] printed"
	done < "$dir/nocodes"
	if [ "$st" -ne 2 ] && [ "$st" -lt 124 ]; then
		# every line a diagnostic naming a file; "error:" exactly when failing
		if grep -Evq "$diag_re" "$dir/all"; then
			why="$why; a line that is not a diagnostic: $(grep -Ev "$diag_re" "$dir/all" | head -1 | cut -c1-80)"
		fi
		if grep -Eq '^: |^:[0-9]+:[0-9]+: ' "$dir/all"; then why="$why; a diagnostic names no file"; fi
		twice=$(sort "$dir/all" | uniq -d | head -1 | cut -c1-80)
		[ -z "$twice" ] || why="$why; printed twice: $twice"
		if [ $st -eq 0 ] && grep -q ': error: \[' "$dir/all"; then why="$why; an error printed with exit 0"; fi
		if [ $st -ne 0 ] && ! grep -q ': error: \[' "$dir/all"; then why="$why; exit $st with no error printed"; fi
	fi
	case $args in
	check*) ;;
	*) if [ $st -ne 0 ] && [ -z "$partial" ] && [ -s "$dir/stdout" ]; then why="$why; wrote to standard output although it failed"; fi ;;
	esac
	# the render target: replaced only on success, never a temporary left
	if [ -n "$which" ]; then
		left=$(ls -A "$dir/o" | tr '\n' ' ')
		if [ $st -eq 0 ] || { [ -n "$partial" ] && [ $st -eq 1 ]; }; then
			[ "$left" = "$which.pdf " ] || why="$why; output folder holds: $left"
			head -c 4 "$out" 2>/dev/null | grep -q '%PDF' || why="$why; no PDF written"
		elif [ "$which" = old ]; then
			[ "$(cat "$out" 2>/dev/null)" = "keep me" ] || why="$why; the existing output was changed"
			[ "$left" = "old.pdf " ] || why="$why; output folder holds: $left"
		else
			[ -z "$left" ] || why="$why; output folder holds: $left"
		fi
	fi
	while read -r f; do
		cmp -s "$f" "$dir/keep.$(echo "$f" | cksum | cut -d' ' -f1)" || why="$why; $f changed"
	done < "$dir/keep"
	while read -r f; do [ ! -e "$f" ] || why="$why; $f was written"; done < "$dir/absent"
	while read -r f; do [ -s "$f" ] || why="$why; $f missing"; done < "$dir/created"
	[ "$(snapshot "$in")" = "$(cat "$work/snap/$name")" ] || why="$why; the input changed"
	# its own folders here; the shared cases' folder once all have run
	tmp=$(find "$dir" $([ -d "$in" ] && echo "$in") -name '.?*' 2>/dev/null | head -1)
	[ -z "$tmp" ] || why="$why; temporary file left: $tmp"

	if [ -z "$why" ]; then
		ok "$name: $label (${ms} ms)"
	else
		bad "$name: $label:${why#;}"
		sed 's/^/    /' "$dir/all" | head -5 | cut -c1-200
		# a failed run may have damaged the input: restore it for the next
		if [ "$(snapshot "$in")" != "$(cat "$work/snap/$name")" ]; then
			rm -rf "$in" && cp -R "$work/snap/$name.orig" "$in"
		fi
	fi
}

# Runs a block for the command template: twice when it renders to {out}.
run_block() {
	case $2 in
	*'{out}'*)
		run_one "$1 (onto an existing file)" "$2" "$3" old
		run_one "$1 (onto a new path)" "$2" "$3" new
		;;
	*) run_one "$1" "$2" "$3" "" ;;
	esac
}

# One case: every block of its NAME.expect.
run_case() {
	expect=$1
	name=${expect%.expect}
	if [ -f "$name.yaml" ]; then
		in=$name.yaml render=agenda
	elif [ -f "$name.md" ]; then
		in=$name.md render=paper
	elif [ -e "$name" ]; then
		in=$name render=""
	else
		bad "$name: no input"
		return
	fi
	snapshot "$in" > "$work/snap/$name"
	cp -R "$in" "$work/snap/$name.orig"
	k=0
	blk="$work/o/$name.block"
	if grep -q '^run ' "$expect"; then
		template=""
		: > "$blk"
		while IFS= read -r line; do
			case $line in
			'#'* | '') ;;
			'run '*)
				[ -n "$template" ] && run_block "$template" "$template" "$blk"
				template=${line#run }
				: > "$blk"
				;;
			*) printf '%s\n' "$line" >> "$blk" ;;
			esac
		done < "$expect"
		[ -n "$template" ] && run_block "$template" "$template" "$blk"
	else
		grep -v '^#' "$expect" > "$blk"
		run_block "check" "check {in}" "$blk"
		[ -n "$render" ] && run_block "$render" "$render {in} -o {out}" "$blk"
	fi
}

# A shard: every case whose number is $1 modulo $2; its counts last.
run_shard() {
	i=0
	for expect in *.expect; do
		[ $((i % $2)) -eq "$1" ] && run_case "$expect"
		i=$((i + 1))
	done
	echo "shard $pass $fail $runs $slowest $slowest_run"
}

jobs=${HOSTILE_JOBS:-$(($(nproc 2>/dev/null || echo 1) * 2))}
shard=0
while [ $shard -lt "$jobs" ]; do
	run_shard $shard "$jobs" > "$work/shard.$shard" 2>&1 &
	shard=$((shard + 1))
done
wait
shard=0
while [ $shard -lt "$jobs" ]; do
	grep -v '^shard ' "$work/shard.$shard"
	# shellcheck disable=SC2046
	set -- $(sed -n 's/^shard //p' "$work/shard.$shard")
	if [ $# -ge 4 ]; then
		pass=$((pass + $1)) fail=$((fail + $2)) runs=$((runs + $3))
		if [ "$4" -gt "$slowest" ]; then
			slowest=$4
			shift 4
			slowest_run="$*"
		fi
	else
		bad "shard $shard ended without its counts"
	fi
	shard=$((shard + 1))
done
tmp=$(find "$work/cases" -name '.?*' 2>/dev/null | head -1)
[ -z "$tmp" ] && ok "no temporary file left among the cases" || bad "temporary file left: $tmp"

echo "hostile: $runs runs; the slowest took $slowest ms ($slowest_run); limit ${limit}s"
summary
