#!/bin/sh
# The report's rules (plan-format.md §7), each on a small hand-made folder
# in tests/report (and tests/check/report-names): the extracted text of
# each report against its golden file in tests/report/expected, and the
# claims a signer relies on asserted one by one. UPDATE=1 rewrites the
# golden files for review.
set -u
SUITE=report
. "$(dirname "$0")/../suite-lib.sh"
R="$ROOT/tests/report"
E="$R/expected"
same() { # name expected-file actual-file
	if [ "${UPDATE:-0}" = 1 ]; then cp "$3" "$2"; fi
	if cmp -s "$2" "$3"; then ok "$1"; else bad "$1"; diff -u "$2" "$3" | head -20 | sed 's/^/    /'; fi
}
text() { pdftotext -enc UTF-8 "$1" "$2"; }
# the text with its lines joined: pdftotext breaks lines where the PDF does
joined() { tr '\n' ' ' < "$1" | tr -s ' '; }
has() { joined "$1" | grep -qF -- "$2" && ok "$3" || bad "$3: no \"$2\""; }
hasnt() { joined "$1" | grep -qF -- "$2" && bad "$3: \"$2\" is there" || ok "$3"; }

cp -R "$R" "$work/in"
cp -R "$ROOT/tests/check/report-names" "$work/in/names"
cd "$work/in" || exit 1

# ---- two registers, one inside the other's folder: no report mixes them ----
"$BIN" build two-registers -o "$work/two" -q 2>"$work/err"
st=$?
(cd "$work/two" && find . -name 'bao-cao*' | sort | tr '\n' ' ') > "$work/reports"
[ $st -eq 0 ] && [ "$(cat "$work/reports")" = "./tinh-a/bao-cao-2023-Q1.pdf ./tinh-a/huyen-x/bao-cao-2023-Q1.pdf ./tinh-b/bao-cao-2023-Q1.pdf " ] &&
	ok "two registers: a report each, in its folder, none at the top (every plan has a register)" ||
	bad "two registers: exit $st, reports $(cat "$work/reports") $(cat "$work/err")"
for r in tinh-a tinh-a/huyen-x tinh-b; do
	name=two-registers-$(echo "$r" | tr / -)
	text "$work/two/$r/bao-cao-2023-Q1.pdf" "$work/$name.txt"
	same "$name text" "$E/$name.txt" "$work/$name.txt"
done
has "$work/two-registers-tinh-a.txt" "2/2 chi bộ trong danh sách" "tinh-a: its two cells"
hasnt "$work/two-registers-tinh-a.txt" "THÔN MỘT" "tinh-a: not the nested register's cell"
hasnt "$work/two-registers-tinh-a.txt" "CÔNG TY ĐIỆN" "tinh-a: not tinh-b's cell"
has "$work/two-registers-tinh-a-huyen-x.txt" "ĐẢNG ỦY XÃ X" "huyen-x: issued by its own register"
has "$work/two-registers-tinh-b.txt" "1/1 chi bộ trong danh sách" "tinh-b: its one cell"

# ---- names: case and spacing fold (warned), near and unknown listed apart ----
"$BIN" report --quarter 2023-Q1 --units names/units.yaml names -o "$work/names.pdf" 2>"$work/names.err"
st=$?
text "$work/names.pdf" "$work/names.txt"
same "names text" "$E/names.txt" "$work/names.txt"
[ $st -eq 0 ] && [ "$(grep -c 'UNIT_NAME_FOLDED' "$work/names.err")" -eq 2 ] &&
	[ "$(grep -c 'UNIT_NAME_NEAR.*CHI BỘ BAN DÂN VẬN' "$work/names.err")" -eq 1 ] &&
	[ "$(grep -c 'UNIT_NOT_LISTED' "$work/names.err")" -eq 1 ] &&
	ok "names: two folded, one near (did you mean), one not listed; exit 0" || bad "names: exit $st $(cat "$work/names.err")"
has "$work/names.txt" "2/3 chi bộ trong danh sách" "names: the folded names count for their cells, no phantom cell"
rows=$(sed -n '/KẾT QUẢ Ở TỪNG/,/THEO NHÓM/p' "$work/names.txt" | grep -c 'CHI BO BAN DAN VAN\|TRƯỜNG CHÍNH TRỊ')
[ "$rows" -eq 0 ] && ok "names: no row for a unit not in the register" || bad "names: $rows rows for unlisted units"
has "$work/names.txt" "- CHI BO BAN DAN VAN: 1 buổi." "names: the near one listed apart"

# ---- the same folder twice, and through a symlink: counted once ----
ln -s names names-link
"$BIN" report --quarter 2023-Q1 --units names/units.yaml names names names-link -q -o "$work/twice.pdf" 2>/dev/null
text "$work/twice.pdf" "$work/twice.txt"
cmp -s "$work/names.txt" "$work/twice.txt" && ok "a folder given twice and through a symlink counts once" ||
	bad "a doubled folder changed the report"

# ---- no register: figures only, the plans' superiors differ ----
"$BIN" report --quarter 2023-Q1 no-register -q -o "$work/none.pdf" 2>/dev/null
text "$work/none.pdf" "$work/none.txt"
same "no register text" "$E/no-register.txt" "$work/none.txt"
has "$work/none.txt" "không đánh giá được việc bảo đảm quy định" "no register: says compliance cannot be judged"
hasnt "$work/none.txt" "Tất cả" "no register: never says every cell complied"
hasnt "$work/none.txt" "ĐẢNG BỘ HUYỆN" "no register, superiors differ: no issuing body"
has "$work/none.txt" "những cấp trên khác nhau" "no register, superiors differ: says so"
has "$work/none.txt" "Kết hợp với sinh hoạt chi bộ thường kỳ: 1 buổi." "combined sessions counted"
has "$work/none.txt" "Tốt 1 buổi" "grades counted"
has "$work/none.txt" "Có 1 lượt đảng viên vắng mặt không có lý do." "absences without reason counted"
# the same, one superior: it is the issuing body
sed -i 's/ĐẢNG BỘ HUYỆN HAI/ĐẢNG BỘ HUYỆN MỘT/' no-register/hai.yaml
"$BIN" report --quarter 2023-Q1 no-register -q -o "$work/one.pdf" 2>/dev/null
text "$work/one.pdf" "$work/one.txt"
has "$work/one.txt" "ĐẢNG BỘ HUYỆN MỘT" "no register, one superior: it issues the report"
hasnt "$work/one.txt" "những cấp trên khác nhau" "no register, one superior: no mixed line"

# ---- causes, the note: number, date, signer, assessment ----
"$BIN" report --quarter 2023-Q1 --units causes/units.yaml causes -o "$work/causes.pdf" 2>"$work/causes.err"
st=$?
text "$work/causes.pdf" "$work/causes.txt"
same "causes text" "$E/causes.txt" "$work/causes.txt"
"$BIN" report --quarter 2023-Q1 --units causes/units.yaml causes --dump-layout 2>/dev/null > "$work/causes.dump"
same "causes layout" "$E/causes.dump" "$work/causes.dump"
[ $st -eq 1 ] && grep -q 'co-loi.yaml:.*MISSING_FIELD' "$work/causes.err" && ok "causes: a plan with errors is named, exit 1" ||
	bad "causes: exit $st"
has "$work/causes.txt" "Số 12-BC/ĐU" "note: the number"
has "$work/causes.txt" "ngày 03 tháng 4 năm 2023" "note: the issue date"
has "$work/causes.txt" "Trần Văn Bình" "note: the signer over the register's secretary"
hasnt "$work/causes.txt" "Lý Thị Mai" "note: the register's secretary overridden"
has "$work/causes.txt" "Ưu điểm." "note: the assessment"
has "$work/causes.txt" "- CHI BỘ HOÃN: buổi sinh hoạt đã bị hoãn." "cause: cancelled"
has "$work/causes.txt" "- CHI BỘ CHƯA HỌP: có kế hoạch nhưng chưa tổ chức." "cause: planned only"
has "$work/causes.txt" "- CHI BỘ CÓ LỖI: kế hoạch có lỗi, chưa tổng hợp được." "cause: errors"
has "$work/causes.txt" "- CHI BỘ KHÔNG KẾ HOẠCH: chưa có kế hoạch sinh hoạt chuyên đề." "cause: no plan"
has "$work/causes.txt" "1/5 chi bộ trong danh sách" "causes: 1 of 5 held"
# without the note: the day after the quarter, the register's secretary, no assessment section
mv causes/bao-cao-2023-Q1.md "$work/note.md"
"$BIN" report --quarter 2023-Q1 --units causes/units.yaml causes -q -o "$work/bare.pdf" 2>/dev/null
text "$work/bare.pdf" "$work/bare.txt"
has "$work/bare.txt" "ngày 01 tháng 4 năm 2023" "no note: dated the day after the quarter"
has "$work/bare.txt" "Lý Thị Mai" "no note: the register's secretary signs"
hasnt "$work/bare.txt" "ĐÁNH GIÁ" "no note: no assessment section"
hasnt "$work/bare.txt" "Số 12-BC" "no note: no number"

# ---- the year ----
"$BIN" report --year 2023 --units year/units.yaml year -q -o "$work/year.pdf" 2>/dev/null
text "$work/year.pdf" "$work/year.txt"
same "year text" "$E/year.txt" "$work/year.txt"
has "$work/year.txt" "1/2 chi bộ trong danh sách đã tổ chức sinh hoạt chuyên đề đủ bốn quý" "year: cells meeting the rule"
has "$work/year.txt" "CHI BỘ BA QUÝ: 3/4 quý (chưa tổ chức trong quý III)" "year: the quarter missed"
has "$work/year.txt" "ngày 01 tháng 01 năm 2024" "year: dated the day after the year"
"$BIN" build year -o "$work/yb" -q 2>/dev/null
(cd "$work/yb" && ls bao-cao-*.pdf | tr '\n' ' ') > "$work/ylist"
[ "$(cat "$work/ylist")" = "bao-cao-2023-Q1.pdf bao-cao-2023-Q2.pdf bao-cao-2023-Q3.pdf bao-cao-2023-Q4.pdf bao-cao-2023.pdf " ] &&
	ok "build: four quarters and the whole year" || bad "build year: $(cat "$work/ylist")"
text "$work/yb/bao-cao-2023.pdf" "$work/yb.txt"
cmp -s "$work/yb.txt" "$work/year.txt" && ok "build's year report is report --year's" || bad "build's year report differs"
# three quarters are no year
rm year/du/q4.yaml year/ba/q4.yaml
"$BIN" build year -o "$work/yc" -q 2>/dev/null
[ ! -e "$work/yc/bao-cao-2023.pdf" ] && ok "build: no year report for three quarters" || bad "build: a year report from three quarters"

# ---- many plans: read by two readers, the same as one by one ----
# Without -v a report over 64 files or more has two readers load them;
# -v reads them one by one (its lines say what is read as it is read).
# The PDF, every diagnostic in its order, the summary and the status must
# not tell the two apart. The folder mixes what a reader sends back:
# errors, warnings, a cell not listed and one near a listed name, a plan
# outside the quarter, a YAML file of no kind, a link to a plan met
# already, a folder given twice, a file that does not exist.
mkdir -p many
cp causes/units.yaml many/units.yaml
i=0
while [ $i -lt 40 ]; do
	d=many/f$i
	mkdir -p "$d"
	for f in chua-hop co-loi da-hop hoan; do cp "causes/$f.yaml" "$d/"; done
	case $((i % 5)) in
	1) sed -i "s/CHI BỘ ĐÃ HỌP/CHI BỘ ĐÃ HỌP SỐ $i/" "$d/da-hop.yaml" ;;
	2) sed -i 's/CHI BỘ HOÃN/CHI BO HOAN/' "$d/hoan.yaml" ;;
	3) sed -i 's/date: 2023-03-29/date: 2023-05-29/' "$d/chua-hop.yaml" ;;
	4) printf 'foo: bar\n' > "$d/la.yaml" ;;
	esac
	i=$((i + 1))
done
ln -s ../f0/da-hop.yaml many/f3/lien-ket.yaml
for mode in readers one-by-one; do
	v=""
	[ $mode = one-by-one ] && v=-v
	"$BIN" report --quarter 2023-Q1 --units many/units.yaml many many/f7 missing.yaml $v -o "$work/many.pdf" \
		2>"$work/many-$mode.err"
	echo $? > "$work/many-$mode.status"
	mv "$work/many.pdf" "$work/many-$mode.pdf"
	# -v's own lines out; the summary's seconds vary
	grep -v -e '^chuyende: đọc — reading: ' -e '^chuyende: ghi — writing: ' "$work/many-$mode.err" |
		sed 's/[0-9.]* giây — /T giây — /; s/; [0-9.]* s$/; T s/' > "$work/many-$mode.txt"
done
cmp -s "$work/many-readers.pdf" "$work/many-one-by-one.pdf" && ok "many plans: readers' PDF is one by one's, byte for byte" ||
	bad "many plans: the PDFs differ"
same "many plans: readers' diagnostics and summary are one by one's" "$work/many-one-by-one.txt" "$work/many-readers.txt"
[ "$(cat "$work/many-readers.status")" = 1 ] && [ "$(cat "$work/many-one-by-one.status")" = 1 ] &&
	ok "many plans: status 1 both ways (plans left out)" ||
	bad "many plans: status $(cat "$work/many-readers.status") and $(cat "$work/many-one-by-one.status")"
grep -c 'reading: many/f' "$work/many-one-by-one.err" | grep -qx 168 && ok "many plans: -v read the 168 files one by one (not the ones met twice)" ||
	bad "many plans: -v read $(grep -c 'reading: many/f' "$work/many-one-by-one.err") files"
for code in MISSING_FIELD ABSENT_WITHOUT_REASON UNIT_NOT_LISTED UNIT_NAME_NEAR NO_DIACRITICS UNKNOWN_KIND DUPLICATE_INPUT READ_FAILED; do
	grep -q "\[$code\]" "$work/many-readers.txt" && ok "many plans: $code came back from a reader" ||
		bad "many plans: no $code"
done
grep -q 'đã đọc 169 kế hoạch, 49 kế hoạch có lỗi bị bỏ ra' "$work/many-readers.txt" &&
	ok "many plans: 169 plans read, 49 left out" || bad "many plans: summary $(tail -1 "$work/many-readers.txt")"
text "$work/many-readers.pdf" "$work/many.txt"
has "$work/many.txt" "CHI BỘ ĐÃ HỌP SỐ 1" "many plans: a cell not listed is in the report"

# ---- usage ----
"$BIN" report --quarter 2023-Q1 --year 2023 names -o "$work/x.pdf" 2>/dev/null
[ $? -eq 2 ] && [ ! -e "$work/x.pdf" ] && ok "--quarter with --year: usage error" || bad "--quarter with --year accepted"
"$BIN" report --year 23 names -o "$work/x.pdf" 2>/dev/null
[ $? -eq 2 ] && ok "--year 23: usage error" || bad "--year 23 accepted"
summary
