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
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)

# Instructions of one run, whole process and any it forks (callgrind; the
# same from run to run, unlike wall time), in millions; empty without
# valgrind.
# Every process's count, summed; a report's readers are threads of its
# one process, counted with it.
instr() {
	command -v valgrind > /dev/null || return 0
	valgrind --tool=callgrind --trace-children=yes \
		--callgrind-out-file="$work/instr.cg.%p" "$@" > /dev/null 2>&1 || true
	cat "$work"/instr.cg.* 2>/dev/null | sed -n 's/^totals: *\([0-9]*\).*/\1/p' |
		awk '{ n += $1 } END { if (n) printf "%.1f M", n / 1e6 }'
	rm -f "$work"/instr.cg.*
}

# The benchmark documents. The paper is samples/tinh-doan-2023's
# chi-bo-van-phong (3 pages), archived (final, PDF/A) as in the samples,
# and the same draft not archived (status: draft). Long papers repeat its
# body: 500 times make 1,000 pages; the longest draft that renders stays
# under the 2,000-page limit; the last fills the 8 MiB input limit.
S=samples/tinh-doan-2023/chi-bo-van-phong
mkpaper() { # dir status copies
	mkdir -p "$1"
	cp "$S/ke-hoach.yaml" "$1/"
	{
		awk '/^---$/ { c++; print; next } c < 2' "$S/de-dan.md" | sed "s/^status: .*/status: $2/"
		i=0
		while [ "$i" -lt "$3" ]; do
			awk 'c >= 2 { print } /^---$/ { c++ }' "$S/de-dan.md"
			i=$((i + 1))
		done
	} > "$1/de-dan.md"
}
mkpaper "$work/draft" draft 1
mkpaper "$work/long" final 500
mkpaper "$work/longest" final 990
mkpaper "$work/limit" final 1420
limit_mb=$(awk "BEGIN { printf \"%.1f\", $(wc -c < "$work/limit/de-dan.md") / 1048576 }")
longest_mb=$(awk "BEGIN { printf \"%.1f\", $(wc -c < "$work/longest/de-dan.md") / 1048576 }")

{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d): $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}, $(uname -sr)."
	echo "Wall time is the median of $RUNS runs after two warm-up runs (bench/measure); peak RSS is the child's maxrss."
	echo "Instructions are callgrind's count for one run of the whole process (\`valgrind --tool=callgrind\`), which does"
	echo "not depend on the machine's load. Load average (1, 5, 15 min) when the run began: $load_before."
	echo "The program is built as \`make\` builds it; the shared libraries it loads at each start:"
	echo "$(ldd "$BIN" 2>/dev/null | awk '$1 !~ /^linux-vdso/ { n = $1; sub(/.*\//, "", n); printf "%s%s", s, n; s = ", " }')."
	echo
	echo "## One document"
	echo
	echo "| command | pages | instructions | median ms | min–max ms | peak RSS KB | PDF KB | target (issue 17) |"
	echo "|---|---|---|---|---|---|---|---|"
} > "$out"

doc() { # label target runs callgrind(yes/no) command...
	label=$1 target=$2 runs=$3 cg=$4
	shift 4
	r=$($M "$runs" -- "$@")
	pdf=$(echo "$@" | sed -n 's/.* -o \([^ ]*\).*/\1/p')
	pg="" kb="" d_bytes=""
	if [ -n "$pdf" ] && [ -f "$pdf" ]; then pg=$(pages "$pdf"); kb=$(size_kb "$pdf"); d_bytes=$(wc -c < "$pdf"); fi
	d_instr=""
	[ "$cg" = no ] || d_instr=$(instr "$@")
	d_ms=$(field median_ms "$r") d_rss=$(field peak_rss_kb "$r")
	echo "| \`$label\` | $pg | $d_instr | $d_ms | $(field min_ms "$r")–$(field max_ms "$r") | $d_rss | $kb | $target |" >> "$out"
	echo "$label: $r"
}
doc "check ke-hoach.yaml (plan + draft)" "" "$RUNS" yes $BIN check -q samples/ldld-lang-son/ke-hoach.yaml
doc "agenda" "" "$RUNS" yes $BIN agenda -q samples/ldld-lang-son/ke-hoach.yaml -o "$work/agenda.pdf"
doc "minutes" "" "$RUNS" yes $BIN minutes -q samples/ldld-lang-son/ke-hoach.yaml -o "$work/minutes.pdf"
doc "paper, archived (PDF/A)" "≤ 11 M, ≤ 3.5 ms" "$RUNS" yes $BIN paper -q "$S/ke-hoach.yaml" -o "$work/paper.pdf"
paper_instr=$d_instr paper_ms=$d_ms paper_bytes=$d_bytes
doc "paper, not archived" "≤ 30 KB" "$RUNS" yes $BIN paper -q "$work/draft/ke-hoach.yaml" -o "$work/draft.pdf"
draft_instr=$d_instr draft_ms=$d_ms draft_bytes=$d_bytes
# what the paper's wall time holds besides its work: starting the process
# (exec, loading the libraries), and the sync of the finished file
doc "--version (start-up only)" "" "$RUNS" yes $BIN --version
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/chuyende-bench.XXXXXX)
	doc "paper, archived, into /dev/shm (a sync costs nothing there)" "" "$RUNS" no $BIN paper -q "$S/ke-hoach.yaml" -o "$shm/paper.pdf"
	rm -rf "$shm"
fi
doc "paper --dump-layout (no PDF)" "" "$RUNS" yes $BIN paper -q "$S/ke-hoach.yaml" --dump-layout
doc "paper of 1,000 pages" "≤ 300 ms, ≤ 24 MB" 5 yes $BIN paper -q "$work/long/ke-hoach.yaml" -o "$work/long.pdf"
long_ms=$d_ms long_rss=$d_rss
doc "longest draft that renders ($longest_mb MiB)" "≤ 64 MB" 3 no $BIN paper -q "$work/longest/ke-hoach.yaml" -o "$work/longest.pdf"
longest_rss=$d_rss
# at the 8 MiB input limit the draft runs past 2,000 pages: refused
# (PAGE_LIMIT) with nothing written, once the layout reaches the limit
r=$($M 3 -- sh -c '"$0" "$@" 2> /dev/null; [ $? -eq 1 ]' $BIN paper -q "$work/limit/ke-hoach.yaml" -o "$work/limit.pdf")
limit_rss=$(field peak_rss_kb "$r")
echo "| \`draft at the input limit ($limit_mb MiB), refused: PAGE_LIMIT\` | | | $(field median_ms "$r") | $(field min_ms "$r")–$(field max_ms "$r") | $limit_rss | | ≤ 64 MB |" >> "$out"
if [ -e "$work/limit.pdf" ]; then echo "bench: the draft past the page limit was written" >&2; exit 1; fi

echo "generating plans..."
build/bench/generate 1000 "$work/p1000"
build/bench/generate 1000 "$work/a1000" 1
build/bench/generate 10000 "$work/a10000" 1
{
	echo
	echo "## Many plans"
	echo
	echo "Plans from \`build/bench/generate N DIR [QUARTER]\` (one to four pages of draft each; a units register of N cells)."
	echo "The builds take \`generate 1000\` (meetings across 2023); the reports \`generate N DIR 1\` (every meeting in 2023-Q1),"
	echo "the register in place, as users have them. Wall time: the median of 3 runs after two warm-ups."
	echo
	echo "| command | PDFs | pages | wall s | peak RSS KB | target (issue 17) |"
	echo "|---|---|---|---|---|---|"
} >> "$out"
many() { # label target outdir command...
	label=$1 target=$2 dir=$3
	shift 3
	r=$($M 3 -- "$@")
	n=$(find "$dir" -name '*.pdf' 2>/dev/null | wc -l)
	pg=""
	if [ "$n" -eq 1 ]; then pg=$(pages "$(find "$dir" -name '*.pdf')"); fi
	ms=$(field median_ms "$r")
	m_s=$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }') m_rss=$(field peak_rss_kb "$r")
	echo "| \`$label\` | $n | $pg | $m_s | $m_rss | $target |" >> "$out"
	echo "$label: $r ($n PDFs)"
}
many "build 1,000 plans -j 1" "" "$work/o1" $BIN build "$work/p1000" -o "$work/o1" -j 1 -q
many "build 1,000 plans -j 2" "≤ 2.5 s" "$work/o2" $BIN build "$work/p1000" -o "$work/o2" -j 2 -q
build_s=$m_s
for plans in 1000 10000; do
	label=$(echo "$plans" | sed 's/000$/,000/')
	mkdir -p "$work/q$plans"
	target=""
	[ "$plans" = 10000 ] && target="≤ 0.35 s, RSS ≤ 1.5× of 1,000"
	many "report over $label plans" "$target" "$work/q$plans" \
		$BIN report --quarter 2023-Q1 --units "$work/a$plans/units.yaml" "$work/a$plans" -q -o "$work/q$plans/bao-cao.pdf"
	eval "rss_$plans=\$m_rss report_s_$plans=\$m_s"
done
if diff -r "$work/o1" "$work/o2" > /dev/null; then same="yes"; else same="NO"; fi
{
	echo
	echo "Outputs of -j 1 and -j 2 identical byte for byte: $same."
	echo "Report over 10,000 plans against 1,000: peak RSS $(awk "BEGIN { printf \"%.2f\", $rss_10000 / $rss_1000 }")×."
	echo
	echo "Instructions of the report over 1,000 plans (callgrind, the process with its reader threads): $(instr $BIN report --quarter 2023-Q1 --units "$work/a1000/units.yaml" "$work/a1000" -q -o "$work/q1000/cg.pdf")."
} >> "$out"

# Where the time goes: one paper's instructions by library (the "self"
# cost of each object file) and by stage (inclusive), from one callgrind
# profile (callgrind counts instructions, the same from run to run).
if command -v valgrind > /dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$work/cg" $BIN paper -q "$S/ke-hoach.yaml" -o "$work/cg.pdf" > /dev/null 2>&1
	total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$work/cg")
	{
		echo
		echo "## Where one paper's instructions go"
		echo
		echo "\`valgrind --tool=callgrind\` on the 3-page archived paper: $(awk "BEGIN { printf \"%.2f\", $total / 1e6 }") M instructions."
		echo "By object file, each one's own instructions (what its functions execute, not what they call):"
		echo
		echo "| object | M instructions | share |"
		echo "|---|---:|---:|"
		# self cost per object: cost lines after fn= count for the current
		# ob=; the line after calls= is a call's inclusive cost, skipped
		awk -v total="$total" '
			function ref(v,   id, rest) {
				if (match(v, /^\([0-9]+\)/)) {
					id = substr(v, 1, RLENGTH); rest = substr(v, RLENGTH + 2)
					if (rest != "") names[id] = rest
					return names[id]
				}
				return v
			}
			/^ob=/ { ob = ref(substr($0, 4)); next }
			/^cob=/ { ref(substr($0, 5)); next }
			/^calls=/ { skip = 1; next }
			/^[0-9+*-]/ { if (skip) { skip = 0; next } self[ob] += $2; next }
			END {
				for (o in self) {
					name = o; sub(/.*\//, "", name); sub(/\.so.*/, "", name)
					if (name == "chuyende") name = "chuyende (own code; libharu, libdeflate, nettle, zlib linked in)"
					if (name ~ /^ld-linux/) name = "ld.so (loading the libraries)"
					if (self[o] >= total / 1000)
						printf "%d|%s\n", self[o], name
				}
			}' "$work/cg" | sort -t'|' -k1,1nr |
			awk -F'|' -v total="$total" '{ printf "| %s | %.2f | %.1f%% |\n", $2, $1 / 1e6, 100 * $1 / total }'
		echo
		echo "By stage, inclusive (a stage's functions and all they call): loading the template, the plan and"
		echo "its draft; \`layout_add\` lays pages out and hands each to \`painter_draw_page\`, which draws it and"
		echo "deflates its content (\`bridge_page_deflate\`); \`painter_write_file\` builds the font subsets,"
		echo "deflates them (\`bridge_new_stream\`) and saves (\`HPDF_SaveToStream\`); \`_dl_start\` is the dynamic loader."
		echo
		echo '```'
		callgrind_annotate --inclusive=yes "$work/cg" 2>/dev/null | sed 's/ *\[[^]]*\]$//' |
			grep -E '^ *[0-9,]+ +\([ 0-9.]+%\) +([^ ]+|PROGRAM TOTALS)$' | sed 's|[^ ]*:||' | awk '!seen[$NF]++' |
			grep -E 'PROGRAM|HPDF_SaveToStream|font_open|layout_add|session_load_plan|template_load|painter_write_file|painter_draw_page|bridge_page_deflate|bridge_new_stream|libdeflate_deflate_compress|build_paper|md_parse|yaml_parser_parse|nettle_sha256_update|_dl_start$' |
			head -18
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

# The issue's targets against what this run measured: "met" is computed,
# never written by hand.
met() { awk "BEGIN { print ($1) ? \"met\" : \"not met\" }"; }
num() { echo "$1" | sed 's/[^0-9.].*//'; }
typst=$(sed -n 's/^| Typst CLI | [^|]* | [^|]* | \([^|]*\) |.*/\1/p' bench/peers.md 2>/dev/null | head -1 | tr -d ' ')
typst_median=$(echo "$typst" | awk -F'–' '{ print $2 }')
load_after=$(load)
{
	echo
	echo "## Against the targets of issue 17"
	echo
	echo "Computed from the figures above (the speed ratio from bench/peers.md, written by \`make bench-peers\`)."
	echo "Load average when the run ended: $load_after."
	echo
	echo "| target | measured | |"
	echo "|---|---|---|"
	echo "| 3-page paper ≤ 11 M instructions (whole process) | $paper_instr | $(met "$(num "$paper_instr") <= 11") |"
	echo "| 3-page paper ≤ 3.5 ms median | $paper_ms ms | $(met "$paper_ms <= 3.5") |"
	echo "| ≥ 15× faster than the native Typst CLI, paired | ${typst_median:-?}× median (min–median–max ${typst:-not measured}) | $(met "${typst_median:-0} >= 15") |"
	echo "| PDF ≤ 30 KB, paper not archived | $draft_bytes bytes | $(met "$draft_bytes <= 30720") |"
	echo "| the same paper archived (PDF/A-1b: XMP metadata, sRGB output intent) | $paper_bytes bytes | shown |"
	echo "| build 1,000 plans -j 2 ≤ 2.5 s | $build_s s | $(met "$build_s <= 2.5") |"
	echo "| outputs of -j 2 identical to -j 1 | $same | $(met "\"$same\" == \"yes\"") |"
	echo "| 1,000-page paper ≤ 24 MB peak RSS | $long_rss KB | $(met "$long_rss <= 24 * 1024") |"
	echo "| 1,000-page paper ≤ 300 ms | $long_ms ms | $(met "$long_ms <= 300") |"
	echo "| longest draft ≤ 64 MB peak RSS | $longest_rss KB rendered, $limit_rss KB refused at the page limit | $(met "$longest_rss <= 64 * 1024 && $limit_rss <= 64 * 1024") |"
	echo "| report over 10,000 plans ≤ 0.35 s | $report_s_10000 s | $(met "$report_s_10000 <= 0.35") |"
	echo "| report RSS over 10,000 plans ≤ 1.5× that over 1,000 | $(awk "BEGIN { printf \"%.2f\", $rss_10000 / $rss_1000 }")× | $(met "$rss_10000 <= 1.5 * $rss_1000") |"
} >> "$out"
cat >> "$out" <<'EOF2'

Durability is the same for every file a build writes: each is written to
a temporary beside its name and renamed over it; the files are synced once,
all together, after the last is written (`os_sync_tree`: syncfs, or an
fsync of each file and folder where there is none), before the archive
register names them. `tests/suites/safety.sh` ("interrupted runs") kills
builds with SIGINT and SIGTERM mid-way and checks that every PDF left is
complete and no temporary remains.

What each lever of the issue became:

- **libdeflate** deflates every stream, handing libharu streams already
  compressed (zlib took 8.1 M of the paper's 30.9 M instructions).
- **libharu's per-document UTF-8 encoder** is not set up: outline and Info
  strings are written as UTF-16 by `pdf_hpdf_bridge.c` (1.4 M saved).
- **Fonts** are read a part at a time: the small tables when a face is
  opened, glyphs by 4 KB page when a subset takes them (a paper reads
  386 KB of font files where it read 1.84 MB whole; 549 page faults where
  it had 874). Opening all five faces of the template now costs 38 K
  instructions, so the monospace face a paper never uses is still opened:
  deferring it would move a broken font's error from the check to the
  middle of the layout.
- **The template** is parsed once per process; build workers share it;
  and a shipped template, unedited, is not parsed at all: the build
  parsed it with the program's own loader and keeps the tree
  (docs/templates.md; 3.0 M instructions a paper).
- **Page by page:** pages are laid out, drawn, deflated into a spool and
  freed one at a time, and a long draft is parsed by parts (docs/layout.md,
  "A page at a time"): the 1,000-page paper's peak is in the table above
  (25 MB before the draft was parsed by parts, 98 MB before this round).
- **The report** reads plans without their drafts, keys names without
  utf8proc_map where a letter folds alone, and finds cells by hash.
- **Size:** a line's words are one TJ array rather than a Td and a Tj
  each (the pages' content a fifth smaller), and a paper that is not
  archived is PDF 1.5, its dictionaries in deflated object streams and
  its cross-reference table a deflated stream (PDF/A-1 has neither):
  32,301 → 26,035 bytes at level 6, which left room to deflate at level 1
  (2.0 M instructions fewer a paper, 27,013 bytes; see docs/layout.md).

Where the rest goes, from the callgrind tables above: the paper's own code
(layout: Knuth–Plass line breaking over every paragraph, widths from the
font tables; drawing and the subsets), libdeflate at level 1 (level 6
takes 2.0 M instructions more for 4% fewer bytes), libc
(malloc, memcpy, printf), libyaml (the plan, and a template that is not one
shipped unedited), the dynamic loader (binding the parsers and libc;
libharu, nettle and libdeflate, which see none of the input, are linked
statically: nettle's shared library alone took 0.44 M to bind, and
libharu's, with the libpng it loads, 0.2 ms of each run; the parsers stay
shared so that their security fixes need no rebuild of this program),
and libharu's save.
Of the paper's wall time, the row `--version` is starting the process
(exec, mapping and binding the libraries) and the difference between the
archived paper and the same written into /dev/shm is the sync that makes
the finished file durable before it is renamed into place; both are
kernel time more than ours.
EOF2
echo "wrote $out"
