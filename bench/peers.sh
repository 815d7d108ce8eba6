#!/bin/sh
# bench/peers.sh - chuyende against two other ways of turning the same
# Markdown keynote draft into an A4 PDF:
#   pandoc + WeasyPrint   Markdown -> HTML + CSS -> PDF
#   Typst (typst.ts)      Markdown -> Typst markup -> PDF, bench/typst/compile.mjs
# Same text (samples/ldld-lang-son/de-dan.md without its front matter), same
# look as far as each allows: A4, margins 20/20/30/15 mm, Liberation Serif
# 14 pt, line height 1.2, justified, first-line indent 10 mm, 6 pt between
# paragraphs. Prints a Markdown table and writes it to bench/peers.md.
# Run by `make bench-peers`, which builds build/chuyende and build/bench/measure.
# Installs what is missing: apt pandoc, weasyprint (and poppler-utils,
# fonts-liberation2); npm packages in bench/typst. RUNS=10 by default;
# KEEP=DIR keeps the PDFs there.
set -eu

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
MEASURE=build/bench/measure
CHUYENDE=build/chuyende
PLAN=samples/ldld-lang-son/ke-hoach.yaml
DRAFT=samples/ldld-lang-son/de-dan.md
FONTDIR=/usr/share/fonts/truetype/liberation2
OUT_MD=bench/peers.md

for f in "$MEASURE" "$CHUYENDE"; do
	if [ ! -x "$f" ]; then
		echo "peers: $f is missing; run: make bench-peers" >&2
		exit 1
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
KEEP=${KEEP:-}
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

# Typst: the compiler is a native Node addon, prebuilt for linux-x64 as an npm
# optional dependency. Reason for unavailability goes to $typst_why.
typst_why=
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	typst_why="node/npm not installed"
elif ! (cd bench/typst && npm ls --depth=0 >/dev/null 2>&1); then
	say "peers: npm install in bench/typst"
	# npm ci wants every platform's optional package in the lock file; a
	# registry that lacks some of them (this one does) makes it refuse, and
	# npm install, which keeps the locked versions, does the job.
	if ! (cd bench/typst && { npm ci --no-audit --no-fund ||
		npm install --no-audit --no-fund; }) >"$tmp/npm.log" 2>&1; then
		typst_why="npm install failed: $(grep -m1 'ERR\|error' "$tmp/npm.log" || tail -1 "$tmp/npm.log")"
	fi
fi

# ---- the common input ----------------------------------------------------------

# The draft without the YAML front matter (the first two '---' lines).
awk 'NR == 1 && /^---[ \t]*$/ { fm = 1; next }
     fm { if (/^---[ \t]*$/) fm = 0; next }
     { print }' "$DRAFT" >"$tmp/de-dan.md"

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
blockquote { margin: 0 0 6pt 10mm; padding: 0; border: none; color: inherit; font-style: italic; }
blockquote p { margin-bottom: 0; }
ul, ol { margin: 0 0 6pt 10mm; padding-left: 14pt; text-align: justify; }
ol { padding-left: 22pt; }
li ul, li ol { margin: 0; padding-left: 14pt; }
ul { list-style-type: "- "; }
li ul, li li ul { list-style-type: "+ "; }
EOF

# ---- measuring -------------------------------------------------------------------

: >"$tmp/rows"
: >"$tmp/notes"
base_ms='' base_rss='' base_size=''

field() { printf '%s\n' "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) printf "-"; else if (a < b) printf "%.2f", a / b; else printf "%.1f", a / b }'; }

# record NAME PDF MEASURE-OUTPUT: one table row.
record() {
	name=$1 pdf=$2 m=$3
	ms=$(field "$m" median_ms)
	rss=$(field "$m" peak_rss_kb)
	size=$(wc -c <"$pdf" | tr -d ' ')
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$tmp/text"
	text=yes
	for w in "Nghị quyết số 02-NQ/TW" "Công đoàn"; do
		grep -qF "$w" "$tmp/text" || text="no: $w"
	done
	fonts=$(pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad++ }
		END { if (!n) print "none"; else if (bad) printf "no (%d of %d)\n", bad, n; else printf "yes (%d)\n", n }')
	names=$(pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u | tr '\n' ' ')
	if [ -z "$base_ms" ]; then base_ms=$ms base_rss=$rss base_size=$size; fi
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$ms" "$rss" \
		"$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')" "$pages" "$text" "$fonts" \
		"$(ratio "$ms" "$base_ms")" "$(ratio "$rss" "$base_rss")" "$(ratio "$size" "$base_size")" >>"$tmp/rows"
	echo "- $name: $size bytes; fonts: $names" >>"$tmp/notes"
}

# unavailable KEY NAME REASON
unavailable() {
	say "$1: unavailable: $3"
	printf '| %s | unavailable: %s | | | | | | | | |\n' "$2" "$3" >>"$tmp/rows"
}

say "peers: chuyende"
m=$("$MEASURE" "$RUNS" -- "$CHUYENDE" paper "$PLAN" -o "$tmp/chuyende.pdf")
record chuyende "$tmp/chuyende.pdf" "$m"

if ! command -v pandoc >/dev/null || ! command -v weasyprint >/dev/null; then
	unavailable weasyprint "pandoc + WeasyPrint" "pandoc or weasyprint not installed"
else
	say "peers: pandoc + WeasyPrint"
	# pagetitle: pandoc -s wants a title, which lived in the stripped front matter.
	# shellcheck disable=SC2016
	if m=$("$MEASURE" "$RUNS" -- sh -c 'cd "$1" &&
		pandoc de-dan.md -s --metadata pagetitle=de-dan -c style.css -o de-dan.html &&
		weasyprint de-dan.html weasyprint.pdf 2>>weasyprint.log' sh "$tmp"); then
		record "pandoc + WeasyPrint" "$tmp/weasyprint.pdf" "$m"
		if [ -s "$tmp/weasyprint.log" ]; then
			sort -u "$tmp/weasyprint.log" | head -3 | sed 's/^/  weasyprint says: /' >&2
		fi
	else
		unavailable weasyprint "pandoc + WeasyPrint" "the conversion failed"
	fi
fi

typst_info=
if [ -z "$typst_why" ]; then
	# One plain run first: it tells why, when the addon cannot load here.
	if ! TYPST_FONT_PATHS=$FONTDIR node bench/typst/compile.mjs "$tmp/de-dan.md" "$tmp/typst.pdf" \
		2>"$tmp/typst.err"; then
		typst_why="compile.mjs failed: $(grep -m1 '^[A-Za-z]*Error\|^typst:' "$tmp/typst.err" ||
			grep -m1 -v '^[[:space:]]*$' "$tmp/typst.err" || echo 'no message')"
	fi
fi
if [ -n "$typst_why" ]; then
	unavailable typst "Typst (typst.ts)" "$typst_why"
else
	say "peers: Typst (typst.ts)"
	if m=$(TYPST_FONT_PATHS=$FONTDIR "$MEASURE" "$RUNS" -- node bench/typst/compile.mjs \
		"$tmp/de-dan.md" "$tmp/typst.pdf"); then
		record "Typst (typst.ts)" "$tmp/typst.pdf" "$m"
		# The steps inside one process, for information.
		typst_info=$(TYPST_FONT_PATHS=$FONTDIR node bench/typst/compile.mjs \
			"$tmp/de-dan.md" "$tmp/typst.pdf" --times "$RUNS" || true)
	else
		unavailable typst "Typst (typst.ts)" "compile.mjs failed under measure"
	fi
fi

# ---- the report ----------------------------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
v_pandoc=$(pandoc --version 2>/dev/null | head -1 || true)
v_weasy=$(weasyprint --version 2>/dev/null || true)
v_typst=$(sed -n 's/.*"@myriaddreamin\/typst-ts-node-compiler": *"\([^"]*\)".*/\1/p' bench/typst/package.json)
v_typst_core=$(field "$typst_info" typst_version)
v_node=$(node --version 2>/dev/null || echo none)

{
	echo "# chuyende and its peers on one paper"
	echo
	echo "$(date -u +%Y-%m-%d); $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}."
	echo "Versions: ${v_pandoc:-pandoc: none}; ${v_weasy:-WeasyPrint: none};" \
		"@myriaddreamin/typst-ts-node-compiler $v_typst${v_typst_core:+ (Typst $v_typst_core)}, Node $v_node."
	echo
	echo "Paper: the keynote draft \`$DRAFT\` of \`$PLAN\`. The peers get it"
	echo "without its front matter, so only chuyende's PDF has the paper's heading block."
	echo "Each command runs $RUNS times after 2 warm-ups under \`$MEASURE\`: median"
	echo "wall time; peak RSS of the largest process. pandoc + WeasyPrint is one"
	echo "\`sh -c\`; Typst includes Node's start-up. Ratios are peer / chuyende."
	echo
	echo "| tool | median ms | peak RSS KB | PDF KB | pages | text ok | fonts embedded | time × | RSS × | size × |"
	echo "|---|---:|---:|---:|---:|---|---|---:|---:|---:|"
	cat "$tmp/rows"
	echo
	cat "$tmp/notes"
	if [ -n "$typst_info" ]; then
		echo "- Typst inside one Node process (recompiles: median of $RUNS):" \
			"$(printf '%s\n' "$typst_info" | sed 's/typst_version=[^ ]* //')."
		echo "  ready = process start until the compiler has scanned the fonts; recompile ="
		echo "  the same source again, Typst's memo cache warm; recompile_cold = after"
		echo "  evictCache(0), fonts still loaded."
	fi
} >"$tmp/report"

cat "$tmp/report"
if [ -n "$KEEP" ]; then mkdir -p "$KEEP" && cp "$tmp"/*.pdf "$KEEP"/; fi
cp "$tmp/report" "$OUT_MD"
say "peers: wrote $OUT_MD"
