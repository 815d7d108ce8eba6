#!/bin/sh
# Rendering, checked as a person would: for every sample plan and each of
# its papers, the layout dump and the text pdftotext extracts match their
# golden files (tests/render/layout, tests/render/text), poppler has no
# complaint, every font is an embedded subset with a Unicode map, and a
# second run gives the same bytes. Then: NFD input gives the NFC PDF, and a
# failed run writes nothing and leaves an existing file as it was.
# UPDATE=1 rewrites the golden files for review.
set -u
SUITE=render
. "$(dirname "$0")/../suite-lib.sh"
G="$ROOT/tests/render"
same() { # name expected-file actual-file
	if [ "${UPDATE:-0}" = 1 ]; then cp "$3" "$2"; fi
	if cmp -s "$2" "$3"; then ok "$1"; else bad "$1"; diff -u "$2" "$3" | head -20 | sed 's/^/    /'; fi
}

cd "$ROOT" || exit 1
for plan in $(find samples -name '*.yaml' ! -name 'units.yaml' | sort); do
	id=$(echo "${plan#samples/}" | sed 's|\.yaml$||; s|/|_|g')
	for doc in agenda minutes paper; do
		name="$id.$doc"
		"$BIN" "$doc" "$plan" --dump-layout -q > "$work/$name.dump" 2>"$work/err" || { bad "$name dump: $(cat "$work/err")"; continue; }
		same "$name layout" "$G/layout/$name.dump" "$work/$name.dump"
		"$BIN" "$doc" "$plan" -q -o "$work/$name.pdf" || { bad "$name pdf"; continue; }
		pdftotext -enc UTF-8 "$work/$name.pdf" "$work/$name.txt" 2>"$work/poppler"
		same "$name text" "$G/text/$name.txt" "$work/$name.txt"
		if [ -s "$work/poppler" ]; then bad "$name poppler: $(head -1 "$work/poppler")"; else ok "$name poppler silent"; fi
		# every font: embedded, subset, with a ToUnicode map
		if pdffonts "$work/$name.pdf" | awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") { bad = 1 } NR > 2 { n++ } END { exit bad || n == 0 }'; then
			ok "$name fonts"
		else
			bad "$name fonts"; pdffonts "$work/$name.pdf" | sed 's/^/    /'
		fi
		"$BIN" "$doc" "$plan" -q -o "$work/$name.again.pdf"
		if cmp -s "$work/$name.pdf" "$work/$name.again.pdf"; then ok "$name byte-identical"; else bad "$name byte-identical"; fi
	done
done

# The minutes form, before the meeting, of the kinds whose samples carry a
# record: the same plan without its record: (the form of chi-bo is
# tinh-doan-2023's chi-bo-phong-trao above).
for dir in chi-doan-tinh-doan-quang-ninh cong-doan-ldld-lang-son; do
	mkdir -p "$work/form-$dir"
	sed '/^record:/,$d' "samples/$dir/ke-hoach.yaml" > "$work/form-$dir/ke-hoach.yaml"
	cp "samples/$dir/de-dan.md" "$work/form-$dir/"
	name="$dir.minutes-form"
	"$BIN" minutes "$work/form-$dir/ke-hoach.yaml" --dump-layout -q > "$work/$name.dump" 2>"$work/err" || { bad "$name dump: $(cat "$work/err")"; continue; }
	same "$name layout" "$G/layout/$name.dump" "$work/$name.dump"
	"$BIN" minutes "$work/form-$dir/ke-hoach.yaml" -q -o "$work/$name.pdf" || { bad "$name pdf"; continue; }
	pdftotext -enc UTF-8 "$work/$name.pdf" "$work/$name.txt"
	same "$name text" "$G/text/$name.txt" "$work/$name.txt"
	grep -q '\.\.\.\.\.\.' "$work/$name.txt" && ! grep -q 'Nghị quyết' "$work/$name.txt" &&
		ok "$name: a form with dotted lines, no record" || bad "$name: not a form"
done

# The quarterly report and the archive register, laid out.
"$BIN" report --quarter 2023-Q1 --units samples/tinh-doan-2023/units.yaml samples/tinh-doan-2023 --dump-layout -q > "$work/report.dump"
same "report layout" "$G/layout/tinh-doan-2023.report-2023-Q1.dump" "$work/report.dump"
"$BIN" report --quarter 2023-Q1 --units samples/tinh-doan-2023/units.yaml samples/tinh-doan-2023 -q -o "$work/report.pdf"
pdftotext -enc UTF-8 "$work/report.pdf" "$work/report.txt"
same "report text" "$G/text/tinh-doan-2023.report-2023-Q1.txt" "$work/report.txt"

# A report long enough to be handed over in chunks (a register of 80
# cells: the units table flushed every 32 rows, 77 cells without a
# meeting) lays out and reads as it did when it was built whole.
{
	sed -n '/^superior/,/^units:/p' samples/tinh-doan-2023/units.yaml
	sed -n '/^units:/,$p' samples/tinh-doan-2023/units.yaml | tail -n +2
	i=5
	while [ $i -le 80 ]; do printf '  - name: "CHI BỘ CƠ SỞ SỐ %d"\n    members: %d\n' $i $((i % 17 + 3)); i=$((i + 1)); done
} > "$work/many-units.yaml"
"$BIN" report --quarter 2023-Q1 --units "$work/many-units.yaml" samples/tinh-doan-2023 --dump-layout -q > "$work/many.dump"
same "long report layout" "$G/layout/many-units.report-2023-Q1.dump" "$work/many.dump"
"$BIN" report --quarter 2023-Q1 --units "$work/many-units.yaml" samples/tinh-doan-2023 -q -o "$work/many.pdf"
pdftotext -enc UTF-8 "$work/many.pdf" "$work/many.txt" 2>"$work/poppler"
same "long report text" "$G/text/many-units.report-2023-Q1.txt" "$work/many.txt"
if [ -s "$work/poppler" ]; then bad "long report poppler: $(head -1 "$work/poppler")"; else ok "long report poppler silent"; fi
"$BIN" report --quarter 2023-Q1 --units "$work/many-units.yaml" samples/tinh-doan-2023 -q -o "$work/many.again.pdf"
if cmp -s "$work/many.pdf" "$work/many.again.pdf"; then ok "long report byte-identical"; else bad "long report byte-identical"; fi

# SOURCE_DATE_EPOCH sets the creation date, and nothing else changes.
SOURCE_DATE_EPOCH=1700000000 "$BIN" agenda samples/ldld-lang-son/ke-hoach.yaml -o "$work/dated.pdf"
if pdfinfo "$work/dated.pdf" | grep -q 'CreationDate:.*2023'; then ok "SOURCE_DATE_EPOCH date"; else bad "SOURCE_DATE_EPOCH date"; fi
if pdfinfo "$work/ldld-lang-son_ke-hoach.agenda.pdf" | grep -q CreationDate; then bad "no date without SOURCE_DATE_EPOCH"; else ok "no date without SOURCE_DATE_EPOCH"; fi

# NFD input (tests/render/nfd: the ldld-lang-son sample, decomposed) gives the NFC PDF.
for doc in agenda minutes paper; do
	"$BIN" "$doc" "$G/nfd/ke-hoach.yaml" -q -o "$work/nfd.$doc.pdf"
	if cmp -s "$work/nfd.$doc.pdf" "$work/ldld-lang-son_ke-hoach.$doc.pdf"; then ok "NFD $doc = NFC"; else bad "NFD $doc = NFC"; fi
done

# A plan with errors: exit 1, nothing written, an existing output untouched.
mkdir "$work/bad"
sed 's/start: "15:00"/start: "25:00"/' samples/ldld-lang-son/ke-hoach.yaml > "$work/bad/plan.yaml"
cp samples/ldld-lang-son/de-dan.md "$work/bad/"
"$BIN" agenda "$work/bad/plan.yaml" -o "$work/bad/new.pdf" 2>/dev/null
st=$?
if [ $st -eq 1 ] && [ ! -e "$work/bad/new.pdf" ]; then ok "errors: exit 1, nothing written"; else bad "errors: exit $st"; fi
echo "keep me" > "$work/bad/old.pdf"
"$BIN" minutes "$work/bad/plan.yaml" -o "$work/bad/old.pdf" 2>/dev/null
if [ "$(cat "$work/bad/old.pdf")" = "keep me" ]; then ok "errors: existing output untouched"; else bad "errors: existing output changed"; fi

# An output that cannot be written (no room past 4 KiB): exit 3, the old
# file byte-identical, no temporary file left beside it.
( trap '' XFSZ; ulimit -f 8; "$BIN" paper samples/ldld-lang-son/ke-hoach.yaml -o "$work/bad/old.pdf" 2>/dev/null )
st=$?
left=$(ls -A "$work/bad" | grep -c '^\.' || true)
if [ $st -eq 3 ] && [ "$(cat "$work/bad/old.pdf")" = "keep me" ] && [ "$left" -eq 0 ]; then
	ok "unwritable: exit 3, untouched, no temporary"
else
	bad "unwritable: exit $st, temporaries $left"
fi
"$BIN" agenda samples/ldld-lang-son/ke-hoach.yaml -o "$work/no/such/dir/x.pdf" 2>/dev/null
st=$?
if [ $st -eq 3 ] && [ ! -e "$work/no" ]; then ok "missing folder: exit 3"; else bad "missing folder: exit $st"; fi

summary
