#!/bin/sh
# PDF/A-1b for archived PDFs (final papers, the archive register), checked
# part by part without a validator by tests/suites/pdfa_check.py (header,
# XMP mirroring the Info dictionary, output intent and ICC profile, /ID,
# CIDSet, nothing PDF/A-1 forbids, its limits): in every final paper and
# the register of a build of samples/, in a paper whose title needs XML
# escaping, in one dated by SOURCE_DATE_EPOCH and in a lone final draft
# (no date at all). Also: qpdf --check finds nothing; a second run gives
# the same bytes; the dates are the meeting's and the register's latest
# entry's; the text is still the golden one; a non-final paper, an agenda
# and minutes carry none of it (they stay PDF 1.3 and small); libharu's
# private headers stay in generator/pdf_hpdf_bridge.c.
set -u
SUITE=pdfa
. "$(dirname "$0")/../suite-lib.sh"
G="$ROOT/tests/render"

# pdfa FILE LABEL: queued; pdfa_checked, at the end, checks every file
# queued in one python3 run, each line it prints one test.
: > "$work/pdfa"
pdfa() { printf '%s\n%s\n' "$1" "$2" >> "$work/pdfa"; }
pdfa_checked() {
	tr '\n' '\0' < "$work/pdfa" | xargs -0 python3 "$ROOT/tests/suites/pdfa_check.py" > "$work/check" 2> "$work/check.err"
	st=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		*) bad "${line#FAIL }" ;;
		esac
	done < "$work/check"
	[ $st -eq 0 ] || grep -q '^FAIL .*: pdfa_check.py stopped: ' "$work/check" ||
		bad "pdfa_check.py stopped: $(tail -1 "$work/check.err")"
}
# qpdf exits 0 only when it finds neither errors nor warnings.
qpdf_clean() {
	if qpdf --check "$1" > "$work/qpdf" 2>&1; then ok "$2: qpdf --check clean"; else bad "$2: qpdf --check: $(grep -v '^checking\|^PDF Version\|^File is' "$work/qpdf" | head -2)"; fi
}
created() { # the Info CreationDate, as pdfinfo prints it in UTC
	pdfinfo -isodates "$1" 2>/dev/null | sed -n 's/^CreationDate: *//p'
}
plain() { # FILE LABEL: none of the PDF/A parts; its dictionaries in object streams, read unpacked
	# (qpdf gives what it writes an /ID: that one is looked for in the trailer, the xref stream's dictionary)
	qpdf --qdf --object-streams=disable "$1" "$work/unpacked.pdf" 2>/dev/null
	if head -c 9 "$1" | grep -q '^%PDF-1.5$' && grep -aq '/Type /ObjStm' "$1" && grep -aq '/Type /XRef' "$1" &&
		grep -aq '/Type /Catalog' "$work/unpacked.pdf" &&
		! grep -aq '/Metadata\|/OutputIntents\|/CIDSet\|GTS_PDFA1\|/Lang' "$work/unpacked.pdf" && ! grep -aq '/ID \[' "$1"; then
		ok "$2: plain PDF 1.5 in object streams, no metadata, profile, CIDSet, /ID or /Lang ($(wc -c < "$1") bytes)"
	else
		bad "$2: carries PDF/A parts"
	fi
}

cd "$ROOT" || exit 1

# A final paper, twice.
"$BIN" paper samples/dien-luc/ke-hoach.yaml -q -o "$work/final.pdf" || bad "final paper: exit $?"
pdfa "$work/final.pdf" dien-luc
qpdf_clean "$work/final.pdf" dien-luc
"$BIN" paper samples/dien-luc/ke-hoach.yaml -q -o "$work/final2.pdf"
cmp -s "$work/final.pdf" "$work/final2.pdf" && ok "final paper: two runs byte-identical" || bad "final paper: runs differ"
d=$(created "$work/final.pdf")
[ "$d" = "2023-04-20T00:00:00Z" ] && ok "final paper: dated by its meeting, 2023-04-20" || bad "final paper: dated '$d'"
pdftotext -enc UTF-8 "$work/final.pdf" "$work/final.txt" 2> "$work/poppler"
cmp -s "$G/text/dien-luc_ke-hoach.paper.txt" "$work/final.txt" && [ ! -s "$work/poppler" ] &&
	ok "final paper: pdftotext gives the golden text, poppler silent" || bad "final paper: text differs from the golden file"

# Every final paper of a build, and the register; a second build is the same.
"$BIN" build samples -o "$work/out" -q 2>/dev/null || bad "build: exit $?"
"$BIN" build samples -o "$work/out2" -q 2>/dev/null
n=0
# the register's columns by name (tools and people read it by its header)
column() {
	awk -F'","' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/["\r]/, "", h); if (h == name) c = i } next }
		{ v = $c; gsub(/["\r]/, "", v); print v }' "$2"
}
for rel in $(column tep "$work/out/so-luu-tru.csv"); do
	n=$((n + 1))
	pdfa "$work/out/$rel" "$rel"
	qpdf_clean "$work/out/$rel" "$rel"
	cmp -s "$work/out/$rel" "$work/out2/$rel" && ok "$rel: two builds byte-identical" || bad "$rel: builds differ"
done
[ $n -eq 11 ] && ok "build: the 11 archived files of the register checked (7 final papers, 4 minutes as held)" ||
	bad "build: $n archived files"
pdfa "$work/out/so-luu-tru.pdf" so-luu-tru.pdf
qpdf_clean "$work/out/so-luu-tru.pdf" so-luu-tru.pdf
cmp -s "$work/out/so-luu-tru.pdf" "$work/out2/so-luu-tru.pdf" && ok "register: two builds byte-identical" || bad "register: builds differ"
latest=$(column ngay "$work/out/so-luu-tru.csv" | sort | tail -1)
d=$(created "$work/out/so-luu-tru.pdf")
[ "$d" = "${latest}T00:00:00Z" ] && ok "register: dated by its latest entry, $latest" || bad "register: dated '$d', latest entry $latest"

# A title with every character XML escapes, in both the Info dictionary and XMP.
mkdir "$work/esc"
cp samples/dien-luc/ke-hoach.yaml "$work/esc/"
title="Tự soi & tự sửa <2023> \"nói\" và 'làm'"
sed 's/^title: .*/title: "Tự soi \& tự sửa <2023> \\"nói\\" và '"'"'làm'"'"'"/' samples/dien-luc/de-dan.md > "$work/esc/de-dan.md"
"$BIN" paper "$work/esc/ke-hoach.yaml" -q -o "$work/esc.pdf" || bad "escaping: exit $?"
[ "$(pdfinfo -enc UTF-8 "$work/esc.pdf" | sed -n 's/^Title: *//p')" = "$title" ] && ok "escaping: the Info title is the draft's" || bad "escaping: Info title"
pdfinfo -meta "$work/esc.pdf" | grep -q '&amp; tự sửa &lt;2023&gt; &quot;nói&quot; và &apos;làm&apos;' &&
	ok "escaping: & < > \" ' escaped in XMP" || bad "escaping: XMP not escaped"
pdfa "$work/esc.pdf" escaped-title

# SOURCE_DATE_EPOCH dates an archival file in both places.
SOURCE_DATE_EPOCH=1700000000 "$BIN" paper samples/dien-luc/ke-hoach.yaml -q -o "$work/dated.pdf"
d=$(created "$work/dated.pdf")
[ "$d" = "2023-11-14T22:13:20Z" ] && ok "SOURCE_DATE_EPOCH: Info date 2023-11-14T22:13:20Z" || bad "SOURCE_DATE_EPOCH: dated '$d'"
pdfa "$work/dated.pdf" source-date-epoch

# A lone final draft has no meeting, so no date: none in either place.
"$BIN" paper samples/ldld-lang-son/de-dan.md -q -o "$work/lone.pdf" || bad "lone draft: exit $?"
[ -z "$(created "$work/lone.pdf")" ] && ok "lone final draft: no date" || bad "lone final draft: dated"
pdfa "$work/lone.pdf" lone-draft

# What is not archived has none of it, and is packed: PDF 1.5 object
# streams and a cross-reference stream, which qpdf reads clean.
"$BIN" paper samples/thpt-binh-xuyen/ke-hoach.yaml -q -o "$work/draft.pdf"
plain "$work/draft.pdf" "non-final paper"
qpdf_clean "$work/draft.pdf" "non-final paper"
"$BIN" agenda samples/dien-luc/ke-hoach.yaml -q -o "$work/agenda.pdf"
plain "$work/agenda.pdf" agenda
qpdf_clean "$work/agenda.pdf" agenda
"$BIN" minutes samples/dien-luc/ke-hoach.yaml -q -o "$work/minutes.pdf"
plain "$work/minutes.pdf" minutes
qpdf_clean "$work/minutes.pdf" minutes

pdfa_checked

# libharu's private headers: only in the bridge; painter.c sees opaque handles.
private=$(grep -l '#include <hpdf_' generator/*.c generator/*.h | tr '\n' ' ')
[ "$private" = "generator/pdf_hpdf_bridge.c " ] && ok "private libharu headers only in hpdf_bridge.c" || bad "private libharu headers in: $private"
public=$(grep -l '#include <hpdf.h>' generator/*.c generator/*.h | tr '\n' ' ')
[ "$public" = "generator/pdf_hpdf_bridge.c generator/pdf_painter.c " ] && ok "hpdf.h only in painter.c and the bridge" || bad "hpdf.h in: $public"
awk '/#define HPDF_SHARED/ { d = 1 } /#include <hpdf.h>/ { exit !d }' generator/pdf_painter.c &&
	ok "painter.c defines HPDF_SHARED before hpdf.h" || bad "painter.c includes hpdf.h without HPDF_SHARED"

summary
