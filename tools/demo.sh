#!/bin/sh
# make demo: checks every sample, then renders each plan's papers into out/,
# mirroring samples/.
set -u
cd "$(dirname "$0")/.."
BIN=build/chuyende
status=0
echo "== chuyende check samples"
$BIN check samples || status=$?
[ "$status" -gt 1 ] && exit "$status"
for plan in $(find samples -name '*.yaml' ! -name 'units.yaml' | sort); do
	rel=${plan#samples/}
	dir=out/$(dirname "$rel")
	base=$(basename "$rel" .yaml)
	mkdir -p "$dir"
	for doc in agenda minutes paper; do
		if $BIN "$doc" --help >/dev/null 2>&1 && $BIN "$doc" "$plan" -o "$dir/$base-$doc.pdf" -q 2>/tmp/demo.err; then
			echo "$dir/$base-$doc.pdf"
		elif grep -q 'not yet' /tmp/demo.err; then
			:
		else
			cat /tmp/demo.err
			status=1
		fi
	done
done
exit "$status"
