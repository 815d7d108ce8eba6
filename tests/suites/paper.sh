#!/bin/sh
# Topic papers: every word of each sample draft comes back from the PDF's
# text in order; no laid-out line crosses the margins (x >= left margin,
# x + w <= page width - right margin) in any paper; a draft with a 1 MB
# paragraph and a word wider than the page renders, in bounded time,
# within the margins; a lone draft renders with `paper DRAFT.md`.
set -u
SUITE=paper
. "$(dirname "$0")/../suite-lib.sh"

# Words of a Markdown draft, without its front matter and markup; words of
# a text; both with punctuation and quotes removed.
md_words() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && ($0 == "---" || $0 == "...") { fm = 0; next } !fm' "$1" |
		sed -e 's/^ *#* //' -e 's/^ *> *//' -e 's/^ *[-+*] //' -e 's/^ *[0-9][0-9]*[.)] //' \
		    -e 's/[*_`\\]//g' | words
}
words() {
	sed -e 's/[“”‘’"'"'"'.,;:!?()…–—]/ /g' -e 's/ - / /g' | tr -s ' \t' '\n\n' | grep -v '^-*$'
}
# Each word of $1, in order, among the words of $2: prints the first miss.
in_order() {
	awk 'BEGIN { n = 0; i = 0 } NR == FNR { want[n++] = $0; next } i < n && $0 == want[i] { i++ } END { if (i < n) { print want[i]; exit 1 } }' "$1" "$2"
}

cd "$ROOT" || exit 1
# Margins of the chi-bo template, in points: left 30 mm, right 15 mm of 210 mm.
left=85.03
right=552.76
for plan in $(find samples -name '*.yaml' ! -name 'units.yaml' | sort); do
	draft="$(dirname "$plan")/$(sed -n 's/^draft: *//p' "$plan")"
	[ -f "$draft" ] || continue
	id=$(dirname "${plan#samples/}")
	"$BIN" paper "$plan" -q -o "$work/p.pdf" || { bad "$id render"; continue; }
	pdftotext -enc UTF-8 "$work/p.pdf" - | words > "$work/got"
	md_words "$draft" > "$work/want"
	if miss=$(in_order "$work/want" "$work/got"); then
		ok "$id: all $(wc -l < "$work/want") words in order"
	else
		bad "$id: word \"$miss\" missing or out of order"
	fi
	"$BIN" paper "$plan" -q --dump-layout > "$work/dump"
	if awk -v l="$left" -v r="$right" '$1 ~ /^p[0-9]/ && $2 ~ /^y=/ { x = substr($3, 3) + 0; w = substr($4, 3) + 0;
		if (x < l - 0.01 || x + w > r + 0.01) { print; bad = 1 } } END { exit bad }' "$work/dump"; then
		ok "$id: every line within the margins"
	else
		bad "$id: a line crosses a margin"
	fi
	# the words of a justified line are one TJ array: its gaps, rounded
	# to thousandths of the size, must not add up to a drift
	pdftotext -bbox-layout "$work/p.pdf" "$work/bbox.html"
	if out=$(python3 tests/suites/layout_where.py "$work/dump" "$work/bbox.html" 841.88977 2>/dev/null); then
		ok "$id: every line starts and ends in the PDF where the layout put it"
	else
		bad "$id: $(echo "$out" | head -1)"
	fi
done

# A 1 MB paragraph, and a 20,000-letter word wider than any page.
mkdir "$work/big"
{
	printf -- '---\ntitle: "Đoạn văn rất dài"\nauthor: "Lê Văn Cường"\nstatus: final\n---\n# Phần I\n\n'
	i=0
	line="Đảng viên nêu gương, tự soi, tự sửa, học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
	while [ $i -lt 800 ]; do printf '%s' "$line$line$line$line$line$line$line$line$line$line"; i=$((i + 1)); done
	printf '\n\n'
	i=0
	while [ $i -lt 2000 ]; do printf 'Đảngviênab'; i=$((i + 1)); done
	printf '\n'
} > "$work/big/de-dan.md"
size=$(wc -c < "$work/big/de-dan.md")
start=$(date +%s)
timeout 60 "$BIN" paper "$work/big/de-dan.md" -q --dump-layout > "$work/big.dump"
st=$?
elapsed=$(( $(date +%s) - start ))
if [ $st -eq 0 ] && awk -v l="$left" -v r="$right" '$1 ~ /^p[0-9]/ && $2 ~ /^y=/ { x = substr($3, 3) + 0; w = substr($4, 3) + 0;
	if (x < l - 0.01 || x + w > r + 0.01) bad = 1 } END { exit bad }' "$work/big.dump"; then
	ok "$size-byte draft: laid out in ${elapsed}s, $(head -1 "$work/big.dump"), within the margins"
else
	bad "$size-byte draft: exit $st"
fi
timeout 60 "$BIN" paper "$work/big/de-dan.md" -q -o "$work/big.pdf"
st=$?
# the long word ends the draft: its text is on the last pages (pdftotext
# over all 235 would take 5 s)
pages=$(pdfinfo "$work/big.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ $st -eq 0 ] && [ "${pages:-0}" -gt 2 ] &&
	pdftotext -f $((pages - 1)) -l "$pages" "$work/big.pdf" - | grep -q 'Đảngviênab'; then
	ok "1 MB draft PDF"
else
	bad "1 MB draft PDF"
fi

# A lone draft needs its title; then it renders without a plan.
"$BIN" paper samples/ldld-lang-son/de-dan.md -q -o "$work/lone.pdf"
if [ $? -eq 0 ] && pdftotext "$work/lone.pdf" - | grep -q 'Công đoàn'; then ok "lone draft"; else bad "lone draft"; fi

# Bookmarks: every heading of a draft is an outline entry of its paper.
"$BIN" paper samples/ldld-lang-son/ke-hoach.yaml -q --dump-layout > "$work/ldld.dump"
"$BIN" paper samples/ldld-lang-son/ke-hoach.yaml -q -o "$work/ldld.pdf"
headings=$(grep -c '^#' samples/ldld-lang-son/de-dan.md)
marks=$(grep -c ' bookmark ' "$work/ldld.dump")
if [ "$headings" -eq "$marks" ] && grep -aq '/Outlines' "$work/ldld.pdf"; then
	ok "outline: $marks bookmarks for $headings headings"
else
	bad "outline: $marks bookmarks for $headings headings"
fi

summary
