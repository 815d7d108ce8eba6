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
# build_with SIDE PROGRAM: the samples into $work/SIDE. Warnings are the
# samples' own (README, "Samples"); an error fails.
build_with() {
	"$2" build samples -o "$work/$1" -j 2 -q 2> "$work/$1.err" ||
		{ cat "$work/$1.err" >&2; echo "same-pdfs: $2 build failed" >&2; exit 1; }
}
build_with a "$1"
build_with b "$2"
n=$(cd "$work/a" && find . -type f | wc -l)
[ "$n" -gt 0 ] || { echo "same-pdfs: $1 made no files" >&2; exit 1; }
if ! diff -r "$work/a" "$work/b" > "$work/diff" 2>&1; then
	cat "$work/diff" >&2
	echo "same-pdfs: $1 and $2 made different files (above)" >&2
	exit 1
fi
pdfs=$(cd "$work/a" && find . -name '*.pdf' | wc -l)
echo "same-pdfs: $n files ($pdfs PDFs) the same, byte for byte: $1, $2"
