#!/bin/sh
# Drafts that stall Markdown parsers (tests/pathological/generate.py: the
# shapes of cmark's pathological test list). Each must make `paper` finish
# with a PDF, or with a diagnostic that names a limit, well inside a hang
# guard (a hang is a failure, not a slow pass); `build` over a folder
# holding one such draft among good ones must finish too. The times are
# printed for BENCHMARKS.md; they are not asserted.
set -u
SUITE=pathological
. "$(dirname "$0")/../suite-lib.sh"

case "$BIN" in
*-vg) echo "skip pathological drafts under valgrind (covered natively and under ASan)"; summary; exit 0 ;;
*asan* | *san/*) guard=60 ;;
*) guard=10 ;;
esac

cd "$work" || exit 1
python3 "$ROOT/tests/pathological/generate.py" cases > names || { bad "generate.py failed"; summary; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
limits='MARKDOWN_TOO_DEEP|MARKDOWN_TOO_MANY_BRACKETS|MARKDOWN_TOO_COMPLEX|PAGE_LIMIT'
while read -r name; do
	t0=$(now_ms)
	timeout -k 1 $guard "$BIN" paper "cases/$name.md" -o "$name.pdf" 2> "$name.err"
	st=$?
	ms=$(($(now_ms) - t0))
	if [ $st -eq 0 ] && [ "$(head -c 5 "$name.pdf")" = "%PDF-" ]; then
		ok "$name: a PDF in $ms ms"
	elif [ $st -eq 1 ] && grep -Eq "error: \[($limits)\]" "$name.err" && [ ! -e "$name.pdf" ]; then
		ok "$name: $(grep -Eo "\[($limits)\]" "$name.err" | head -1) in $ms ms"
	elif [ $st -ge 124 ]; then
		bad "$name: still running after ${guard}s"
	else
		bad "$name: exit $st in $ms ms: $(head -c 200 "$name.err")"
	fi
done < names

# one such draft among good plans: the batch is not held up
mkdir -p batch/a batch/b
cp "$ROOT/samples/dien-luc/ke-hoach.yaml" "$ROOT/samples/dien-luc/de-dan.md" batch/a/
cp "$ROOT/samples/dien-luc/ke-hoach.yaml" batch/b/
cp cases/image-link-pattern.md batch/b/de-dan.md
t0=$(now_ms)
timeout -k 1 $guard "$BIN" build batch -o out -j 2 -q 2> build.err
st=$?
ms=$(($(now_ms) - t0))
[ $st -le 1 ] && [ -f out/a/ke-hoach.de-dan.pdf ] && ok "build with a pathological draft among good ones: exit $st in $ms ms" ||
	bad "build with a pathological draft: exit $st in $ms ms"
summary
