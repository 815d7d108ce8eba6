#!/bin/sh
# The batch build: the output tree mirrors the input, -j 1 and -j 2 write
# the same bytes, a second run changes nothing, one bad plan does not stop
# the others (exit 1, its error printed once), and the archive register
# lists the final papers.
set -u
SUITE=build
. "$(dirname "$0")/../suite-lib.sh"

cp -R "$ROOT/samples" "$work/in"
cd "$work" || exit 1
"$BIN" build in -o out1 -j 1 -q 2>err1
st=$?
[ $st -eq 0 ] && ok "samples build: exit 0" || bad "samples build: exit $st: $(cat err1)"
(cd out1 && find . -type f | sort) > tree
expected="./bao-cao-2022-Q1.pdf ./bao-cao-2023-Q1.pdf ./bao-cao-2023-Q2.pdf ./dien-luc/ke-hoach.bien-ban.pdf
./dien-luc/ke-hoach.chuong-trinh.pdf ./dien-luc/ke-hoach.de-dan.pdf ./ldld-lang-son/ke-hoach.bien-ban.pdf
./ldld-lang-son/ke-hoach.chuong-trinh.pdf ./ldld-lang-son/ke-hoach.de-dan.pdf ./so-luu-tru.csv ./so-luu-tru.pdf
./thpt-binh-xuyen/ke-hoach.bien-ban.pdf ./thpt-binh-xuyen/ke-hoach.chuong-trinh.pdf ./thpt-binh-xuyen/ke-hoach.de-dan.pdf
./tinh-doan-2023/bao-cao-2023-Q1.pdf
./chi-doan-tinh-doan-quang-ninh/ke-hoach.chuong-trinh.pdf ./chi-doan-tinh-doan-quang-ninh/ke-hoach.bien-ban.pdf
./chi-doan-tinh-doan-quang-ninh/ke-hoach.de-dan.pdf ./cong-doan-ldld-lang-son/ke-hoach.chuong-trinh.pdf
./cong-doan-ldld-lang-son/ke-hoach.bien-ban.pdf ./cong-doan-ldld-lang-son/ke-hoach.de-dan.pdf
./chi-doan-tinh-doan-quang-ninh/bao-cao-2023-Q1.pdf ./cong-doan-ldld-lang-son/bao-cao-2023-Q1.pdf"
for f in $expected; do
	grep -qx "$f" tree || { bad "missing $f"; continue; }
done
n=$(wc -l < tree)
[ "$n" -eq 32 ] && ok "32 files in a tree mirroring the input" || bad "$n files"

"$BIN" build in -o out2 -j 2 -q 2>/dev/null
diff -r out1 out2 > /dev/null && ok "-j 1 and -j 2 write the same bytes" || bad "-j 1 and -j 2 differ"
"$BIN" build in -o out1 -j 2 -q 2>/dev/null
diff -r out1 out2 > /dev/null && ok "a second run changes nothing" || bad "a second run changed files"

# the archive register: the five final papers and the two minutes as held,
# by date, with a SHA-256 each; fields are quoted and may hold commas:
# split between quotes, columns by the header's names
column() {
	awk -F'","' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/["\r]/, "", h); if (h == name) c = i } next }
		{ v = $c; gsub(/["\r]/, "", v); print v }' "$2"
}
papers=$(column loai out1/so-luu-tru.csv | grep -c '^de-dan$')
minutes=$(column loai out1/so-luu-tru.csv | grep -c '^bien-ban$')
[ "$papers" -eq 7 ] && [ "$minutes" -eq 4 ] && ok "archive: 7 final papers, 4 minutes as held" ||
	bad "archive: $papers papers, $minutes minutes"
column tep out1/so-luu-tru.csv > files
column sha256 out1/so-luu-tru.csv > shas
matched=$(paste -d' ' shas files | while read -r sha file; do
	[ "$(sha256sum "out1/$file" | cut -d' ' -f1)" = "$sha" ] && echo ok; done | wc -l)
[ "$matched" -eq 11 ] && ok "archive: every SHA-256 matches its PDF" || bad "archive: $matched of 11 SHA-256 match"
numbers=$(paste -d' ' "$(column loai out1/so-luu-tru.csv > kinds; echo kinds)" "$(column so out1/so-luu-tru.csv > nos; echo nos)" |
	sed -n 's/^bien-ban //p' | sort | tr '\n' ' ')
[ "$numbers" = "03-BB/CB 04-BB/ĐTN 04/BB-CĐCS 05-BB/CB " ] && ok "archive: the minutes' numbers, with the minutes' own code" ||
	bad "archive: minutes numbered $numbers"

# verify: every file intact; then one byte changed, one file gone
"$BIN" verify out1 > verify.out 2>&1
st=$?
[ $st -eq 0 ] && grep -q '11 files, all intact' verify.out && ok "verify: 11 files intact (exit 0)" ||
	bad "verify: exit $st $(cat verify.out)"
cp -R out1 outv
printf 'x' >> outv/ldld-lang-son/ke-hoach.bien-ban.pdf
rm outv/dien-luc/ke-hoach.de-dan.pdf
"$BIN" verify outv > verify.out 2>&1
st=$?
[ $st -eq 1 ] && grep -q '^outv/ldld-lang-son/ke-hoach.bien-ban.pdf: error: \[VERIFY_CHANGED\]' verify.out &&
	grep -q '^outv/dien-luc/ke-hoach.de-dan.pdf: error: \[VERIFY_MISSING\]' verify.out && [ "$(wc -l < verify.out)" -eq 2 ] &&
	ok "verify: a changed and a missing file named, exit 1" || bad "verify: exit $st $(cat verify.out)"

# one bad plan: the others are built, the error is printed once, exit 1
sed -i 's/start: "15:00"/start: "25:00"/' in/ldld-lang-son/ke-hoach.yaml
"$BIN" build in -o out3 -j 2 -q 2>err3
st=$?
errors=$(grep -c 'INVALID_TIME' err3)
[ $st -eq 1 ] && [ "$errors" -eq 1 ] && ok "bad plan: exit 1, error printed once" || bad "bad plan: exit $st, $errors errors"
[ ! -e out3/ldld-lang-son/ke-hoach.chuong-trinh.pdf ] && [ -f out3/dien-luc/ke-hoach.chuong-trinh.pdf ] &&
	ok "bad plan: skipped, the others built" || bad "bad plan: outputs"

summary
