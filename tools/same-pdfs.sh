#!/bin/sh
# same-pdfs.sh A B: builds every sample with program A and with program B
# (`build samples -j 2`, reports and the archive register included) and
# fails unless both made the same files, byte for byte. `make
# test-libharu` runs it on the default build (a static libharu built from
# Debian's source) and the LIBHARU=debian one (Debian's shared libhpdf).
set -eu
cd "$(dirname "$0")/.."
[ "$#" -eq 2 ] || { echo "usage: sh tools/same-pdfs.sh PROGRAM-A PROGRAM-B" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/same-pdfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
for side in a b; do
	if [ "$side" = a ]; then prog=$1; else prog=$2; fi
	# warnings are the samples' own (README, "Samples"); an error fails
	"$prog" build samples -o "$work/$side" -j 2 -q 2> "$work/$side.err" ||
		{ cat "$work/$side.err" >&2; echo "same-pdfs: $prog build failed" >&2; exit 1; }
done
n=$(cd "$work/a" && find . -type f | wc -l)
[ "$n" -gt 0 ] || { echo "same-pdfs: $1 made no files" >&2; exit 1; }
if ! diff -r "$work/a" "$work/b" > "$work/diff" 2>&1; then
	cat "$work/diff" >&2
	echo "same-pdfs: $1 and $2 made different files (above)" >&2
	exit 1
fi
pdfs=$(cd "$work/a" && find . -name '*.pdf' | wc -l)
echo "same-pdfs: $n files ($pdfs PDFs) the same, byte for byte: $1, $2"
