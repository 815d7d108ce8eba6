#!/bin/sh
# Golden diagnostics: for each tests/check/NAME.diag, runs the case and
# compares its output (stdout and stderr, then "exit N") with the file.
# The case runs `chuyende check NAME.yaml` (or NAME.md), or the arguments
# in NAME.args, with the environment in NAME.env if there is one. Cases run in a scratch copy of tests/check, where
# generate.sh first makes the inputs that cannot live in git (large files,
# symlinks, FIFOs). UPDATE=1 rewrites the .diag files for review.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-"$ROOT/build/chuyende"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$ROOT/tests/check" "$work/check"
export ROOT
cd "$work/check" || exit 1
[ -f generate.sh ] && sh generate.sh
pass=0
fail=0
for expected in *.diag; do
	name=${expected%.diag}
	if [ -f "$name.args" ]; then
		args=$(cat "$name.args")
	elif [ -f "$name.yaml" ]; then
		args="check $name.yaml"
	elif [ -f "$name.md" ]; then
		args="check $name.md"
	else
		echo "check $name: no input"
		fail=$((fail + 1))
		continue
	fi
	# NAME.env: VAR=value lines set for this case only
	env=""
	[ -f "$name.env" ] && env=$(cat "$name.env")
	# shellcheck disable=SC2086
	# the summary line of build and report gives the time taken: not compared
	# (env and sed only where needed: two processes fewer a case)
	if [ -n "$env" ]; then
		got=$(cd "$work/check" && env $env timeout 10 "$BIN" $args 2>&1; echo "exit $?")
	else
		got=$(cd "$work/check" && timeout 10 "$BIN" $args 2>&1; echo "exit $?")
	fi
	case $got in
	*"chuyende build: "* | *"chuyende report: "*)
		got=$(printf '%s\n' "$got" | sed -E '/^chuyende (build|report): /s/[0-9]+\.[0-9] (giây|s)/T \1/g') ;;
	esac
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$got" > "$ROOT/tests/check/$expected"
	fi
	if [ "$got" = "$(cat "$expected")" ]; then
		pass=$((pass + 1))
		echo "ok $name"
	else
		fail=$((fail + 1))
		echo "FAIL check $name:"
		printf '%s\n' "$got" | diff -u "$expected" - | sed 's/^/    /' | head -30
	fi
done

# Every code in the table is exercised by some case.
for code in $(sed -n 's/^D(\([A-Z0-9_]*\),.*/\1/p' "$ROOT/generator/diag.def"); do
	if grep -q "\[$code\]\|\"code\": \"$code\"" "$ROOT"/tests/check/*.diag "$ROOT"/tests/render/*.diag 2>/dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL check: no case exercises [$code]"
	fi
done

# The samples check with no errors (warnings are in samples.expected).
got=$(cd "$ROOT" && "$BIN" check samples 2>&1; echo "exit $?")
if [ "$got" = "$(cat "$ROOT/tests/samples.diag")" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL check samples:"
	printf '%s\n' "$got" | diff -u "$ROOT/tests/samples.diag" - | head -20
fi
echo "check: $pass passed, $fail failed"
