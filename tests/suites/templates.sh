#!/bin/sh
# Templates own every word. (a) The worked example of docs/templates.md,
# made here from the doc itself: chi-bo.yaml copied into a scratch
# templates folder, the doc's patch applied, the doc's plan and draft
# rendered; the PDFs carry the new words and none of the party's. (b) The
# chi-doan and cong-doan samples: no party wording in their agenda,
# minutes, paper and quarterly report, and their own header lines, laid
# out as their guidelines ask. (c) Every template in templates/ checks clean and keeps
# the nine step ids and the seven topic-group ids; the doc's table of
# texts is words.def.
set -u
SUITE=templates
. "$(dirname "$0")/../suite-lib.sh"
export LC_ALL=C.UTF-8
cd "$ROOT" || exit 1
DOC=docs/templates.md

# Party wording no other kind may print (any case), and the party's title.
PARTY='đảng viên|chi bộ|chi ủy|đảng ủy|bí thư chi bộ|t/m chi bộ'
PARTY_TITLE='ĐẢNG CỘNG SẢN VIỆT NAM'

# The text of a PDF on one line: phrases that wrap still match.
pdf_text() { pdftotext -enc UTF-8 "$1" - | tr '\n\f' '  ' | tr -s ' '; }

no_party() { # label text-file
	found=$(grep -ioE "$PARTY" "$2" | sort -u | tr '\n' ';')
	grep -q "$PARTY_TITLE" "$2" && found="$found$PARTY_TITLE"
	if [ -z "$found" ]; then ok "$1: no party wording"; else bad "$1: party wording: $found"; fi
}

has() { # label text-file phrase...
	label=$1 file=$2
	shift 2
	for phrase in "$@"; do
		if grep -qF -- "$phrase" "$file"; then ok "$label: \"$phrase\""; else bad "$label: no \"$phrase\""; fi
	done
}

# Renders agenda, minutes and paper of a plan into $work/NAME.DOC.{pdf,txt,dump}.
render_three() { # name plan
	for doc in agenda minutes paper; do
		if "$BIN" "$doc" "$2" -q -o "$work/$1.$doc.pdf" 2>"$work/err"; then
			pdf_text "$work/$1.$doc.pdf" > "$work/$1.$doc.txt"
			"$BIN" "$doc" "$2" -q --dump-layout > "$work/$1.$doc.dump"
			ok "$1 $doc rendered"
		else
			bad "$1 $doc: $(cat "$work/err")"
			: > "$work/$1.$doc.txt"
			: > "$work/$1.$doc.dump"
		fi
	done
}

# The header as laid out: each line on one line (not wrapped), a rule under
# the line that has one exactly as long as its text, and the date level
# with the number line.
dump_line() { # dump text: the first line that prints exactly text
	awk -v t="\"$2\"" 'index($0, t) && substr($0, length($0) - length(t) + 1) == t { print; exit }' "$1"
}
header_one_line() { # label dump text...
	label=$1 dump=$2
	shift 2
	for text in "$@"; do
		if [ -n "$(dump_line "$dump" "$text")" ]; then ok "$label: \"$text\" on one line"; else bad "$label: \"$text\" not on one line"; fi
	done
}
rule_under() { # label dump text
	line=$(dump_line "$2" "$3")
	if [ -z "$line" ]; then bad "$1: no \"$3\""; return; fi
	# p1 y=757.47 x=329.13 w=171.30 B14 "..." / p1 rule 329.13,752.65 500.43,752.65 lw=0.60
	if echo "$line" | awk -v dump="$2" '{
		y = substr($2, 3); x = substr($3, 3); w = substr($4, 3)
		while ((getline r < dump) > 0) {
			split(r, f, /[ ,]/)
			if (f[1] != "p1" || f[2] != "rule") continue
			if (f[4] < y && f[4] > y - 10 && f[3] - x < 0.02 && x - f[3] < 0.02 && f[5] - (x + w) < 0.02 && (x + w) - f[5] < 0.02)
				found = 1
		}
		exit !found
	}'; then ok "$1: a rule under \"$3\" as long as it"; else bad "$1: no rule under \"$3\" as long as it"; fi
}
level() { # label dump text-a text-b: same baseline
	a=$(dump_line "$2" "$3" | sed 's/^p1 y=\([0-9.]*\) .*/\1/')
	b=$(dump_line "$2" "$4" | sed 's/^p1 y=\([0-9.]*\) .*/\1/')
	if [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; exit !(d < 0.5 && d > -0.5) }'; then
		ok "$1: \"$3\" level with \"$4\""
	else
		bad "$1: \"$3\" (y=$a) not level with \"$4\" (y=$b)"
	fi
}

# ---- (c) every template checks clean and keeps the shared ids ----

for t in templates/*.yaml; do
	out=$("$BIN" check "$t" 2>&1)
	st=$?
	if [ $st -eq 0 ] && [ -z "$out" ]; then ok "check $t"; else bad "check $t: exit $st: $out"; fi
	for id in opening secretary attendance programme purpose presentation discussion response conclusion \
		ho-chi-minh anti-degradation party-building capacity implementation political-task tradition; do
		grep -q "^  - id: $id\$" "$t" || bad "$t: no id $id"
	done
	ok "$t: the nine step ids and the seven topic-group ids"
done

# The doc's tables of texts list exactly words.def's keys, with their fields.
sed -n 's/^T([A-Z_0-9]*, "\([a-z_.]*\)", "\([a-z_ ]*\)")$/\1|\2/p' generator/words.def | sort > "$work/def"
awk '/^`[a-z]+`: / { sect = substr($1, 2, index($1, ":") - 3) }
	/^\| `[a-z_]+` \| / && sect {
		split($0, c, " \\| ")
		key = c[1]; gsub(/^\| `|`$/, "", key)
		f = c[2]; gsub(/`\{|\}`/, "", f); if (f == "—") f = ""
		print sect "." key "|" f
	}
	/^`common.year`/ { sect = "" }' "$DOC" | sort > "$work/doc"
if cmp -s "$work/def" "$work/doc" && [ -s "$work/def" ]; then
	ok "$DOC: the texts of words.def, with their fields"
else
	bad "$DOC: the texts differ from words.def"; diff "$work/def" "$work/doc" | head -10 | sed 's/^/    /'
fi

# ---- (a) the worked example, from the doc ----

# Each fenced block after "<!-- file: NAME -->" is written to NAME; the
# blocks after "<!-- patch: NAME -->" are joined into NAME.patch.
mkdir -p "$work/ex" "$work/tpl"
awk -v dir="$work/ex" '
	/^<!-- (file|patch): [^ ]+ -->$/ { out = dir "/" $3 ($2 == "patch:" ? ".patch" : ""); want = 1; next }
	want && /^```/ { if (inside) { inside = 0; want = 0 } else inside = 1; next }
	inside { print >> out }' "$DOC"
for f in cuu-chien-binh.yaml.patch ke-hoach.yaml de-dan.md; do
	[ -s "$work/ex/$f" ] || bad "$DOC: no $f in the worked example"
done

cp templates/*.yaml "$work/tpl/"
cp templates/chi-bo.yaml "$work/tpl/cuu-chien-binh.yaml"
if patch -s --no-backup-if-mismatch -r - "$work/tpl/cuu-chien-binh.yaml" < "$work/ex/cuu-chien-binh.yaml.patch" >"$work/err" 2>&1; then
	ok "the doc's edits apply to chi-bo.yaml"
else
	bad "the doc's edits do not apply to chi-bo.yaml: $(cat "$work/err")"
fi
export CHUYENDE_TEMPLATES="$work/tpl"
out=$("$BIN" check "$work/tpl/cuu-chien-binh.yaml" 2>&1)
st=$?
if [ $st -eq 0 ] && [ -z "$out" ]; then ok "check cuu-chien-binh.yaml"; else bad "check cuu-chien-binh.yaml: exit $st: $out"; fi

mkdir -p "$work/ccb"
cp "$work/ex/ke-hoach.yaml" "$work/ex/de-dan.md" "$work/ccb/"
out=$("$BIN" check "$work/ccb" 2>&1)
st=$?
if [ $st -eq 0 ] && [ -z "$out" ]; then ok "check the worked example's plan"; else bad "check the worked example's plan: exit $st: $out"; fi
render_three ccb "$work/ccb/ke-hoach.yaml"

for doc in agenda minutes paper; do
	no_party "worked example $doc" "$work/ccb.$doc.txt"
	has "worked example $doc" "$work/ccb.$doc.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
		"HỘI CCB TP. HẠ LONG" "HỘI CỰU CHIẾN BINH" "PHƯỜNG HỒNG HÀ" "Hạ Long, ngày 20 tháng 7 năm 2023" \
		"Sinh hoạt chuyên đề Hội Cựu chiến binh quý III năm 2023"
done
has "worked example agenda" "$work/ccb.agenda.txt" "Số: 07/CTr-HCCB" "Toàn thể hội viên (64 đồng chí; 4 đồng chí được miễn sinh hoạt" \
	"Chủ tịch Hội nêu mục đích" "Hội viên phát biểu, thảo luận" "T/M BAN CHẤP HÀNH" "CHỦ TỊCH" \
	"Hội Cựu chiến binh cấp trên (để báo cáo)"
has "worked example minutes" "$work/ccb.minutes.txt" "Số: 07/BB-HCCB" "Tổng số hội viên: 64; miễn sinh hoạt: 4; số phải dự: 60." \
	"Thông báo tình hình hội viên dự sinh hoạt" "Chủ tịch Hội (chủ trì) đánh giá, kết luận" "THƯ KÝ" "CHỦ TRÌ"
has "worked example paper" "$work/ccb.paper.txt" "ĐỀ DẪN" "Người trình bày: đồng chí Nguyễn Văn Sinh"
if grep -q "Số:" "$work/ccb.paper.txt"; then bad "worked example paper: a number line"; else ok "worked example paper: no number line"; fi
header_one_line "worked example agenda" "$work/ccb.agenda.dump" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
rule_under "worked example agenda" "$work/ccb.agenda.dump" "Độc lập - Tự do - Hạnh phúc"
unset CHUYENDE_TEMPLATES

# ---- (b) the Youth Union and Trade Union samples ----

render_three chi-doan samples/chi-doan-tinh-doan-quang-ninh/ke-hoach.yaml
for doc in agenda minutes paper; do
	no_party "chi-doan $doc" "$work/chi-doan.$doc.txt"
	has "chi-doan $doc" "$work/chi-doan.$doc.txt" "ĐOÀN TNCS HỒ CHÍ MINH" "BCH ĐOÀN TỈNH QUẢNG NINH" \
		"CHI ĐOÀN CƠ QUAN TỈNH ĐOÀN" "***" "Quảng Ninh, ngày 17 tháng 3 năm 2023" \
		"Sinh hoạt chuyên đề chi đoàn quý I năm 2023"
	header_one_line "chi-doan $doc" "$work/chi-doan.$doc.dump" "ĐOÀN TNCS HỒ CHÍ MINH" "CHI ĐOÀN CƠ QUAN TỈNH ĐOÀN"
	rule_under "chi-doan $doc" "$work/chi-doan.$doc.dump" "ĐOÀN TNCS HỒ CHÍ MINH"
done
has "chi-doan agenda" "$work/chi-doan.agenda.txt" "Số: 04-CTr/ĐTN" "T/M BCH CHI ĐOÀN" "BÍ THƯ" \
	"Bí thư chi đoàn nêu mục đích" "Đoàn viên phát biểu, thảo luận" "Toàn thể đoàn viên trong chi đoàn (24 đoàn viên)"
has "chi-doan minutes" "$work/chi-doan.minutes.txt" "Số: 04-BB/ĐTN" "THƯ KÝ" "CHỦ TRÌ" "Tổng số đoàn viên của chi đoàn: 24"
level "chi-doan agenda" "$work/chi-doan.agenda.dump" "Số: 04-CTr/ĐTN" "Quảng Ninh, ngày 17 tháng 3 năm 2023"

render_three cong-doan samples/cong-doan-ldld-lang-son/ke-hoach.yaml
for doc in agenda minutes paper; do
	no_party "cong-doan $doc" "$work/cong-doan.$doc.txt"
	has "cong-doan $doc" "$work/cong-doan.$doc.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
		"LĐLĐ TỈNH LẠNG SƠN" "CÔNG ĐOÀN CƠ SỞ CƠ QUAN" "LIÊN ĐOÀN LAO ĐỘNG TỈNH" "Lạng Sơn, ngày 10 tháng 3 năm 2023" \
		"Sinh hoạt chuyên đề công đoàn quý I năm 2023"
	header_one_line "cong-doan $doc" "$work/cong-doan.$doc.dump" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc"
	rule_under "cong-doan $doc" "$work/cong-doan.$doc.dump" "Độc lập - Tự do - Hạnh phúc"
done
has "cong-doan agenda" "$work/cong-doan.agenda.txt" "Số: 04/CTr-CĐCS" "TM. BAN CHẤP HÀNH" "CHỦ TỊCH" \
	"Chủ tịch công đoàn cơ sở nêu mục đích" "Đoàn viên công đoàn phát biểu, thảo luận" "Toàn thể đoàn viên công đoàn (36 đồng chí)"
has "cong-doan minutes" "$work/cong-doan.minutes.txt" "Số: 04/BB-CĐCS" "THƯ KÝ" "CHỦ TRÌ" "Tổng số đoàn viên công đoàn: 36"
level "cong-doan agenda" "$work/cong-doan.agenda.dump" "Số: 04/CTr-CĐCS" "Lạng Sơn, ngày 10 tháng 3 năm 2023"
level "cong-doan minutes" "$work/cong-doan.minutes.dump" "Số: 04/BB-CĐCS" "Lạng Sơn, ngày 10 tháng 3 năm 2023"

# Their units registers name their templates: the quarterly reports speak
# in the kinds' words, and are signed by the higher bodies.
for kind in chi-doan-tinh-doan-quang-ninh cong-doan-ldld-lang-son; do
	dir=samples/$kind
	if "$BIN" report --quarter 2023-Q1 --units "$dir/units.yaml" "$dir" -q -o "$work/$kind.report.pdf" 2>"$work/err"; then
		pdf_text "$work/$kind.report.pdf" > "$work/$kind.report.txt"
		ok "$kind report rendered"
	else
		bad "$kind report: $(cat "$work/err")"
		: > "$work/$kind.report.txt"
	fi
	no_party "$kind report" "$work/$kind.report.txt"
done
has "chi-doan report" "$work/chi-doan-tinh-doan-quang-ninh.report.txt" "ĐOÀN TNCS HỒ CHÍ MINH" "BCH ĐOÀN TỈNH QUẢNG NINH" \
	"Kết quả sinh hoạt chuyên đề của các chi đoàn quý I năm 2023" "1/3 chi đoàn trong danh sách đã tổ chức 1 buổi sinh hoạt chuyên đề" \
	"V. CHI ĐOÀN CHƯA BẢO ĐẢM QUY ĐỊNH" "CHI ĐOÀN NHÀ THIẾU NHI TỈNH" "T/M BAN THƯỜNG VỤ" "Hoàng Minh Đức"
has "cong-doan report" "$work/cong-doan-ldld-lang-son.report.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "TỔNG LĐLĐ VIỆT NAM" \
	"Kết quả sinh hoạt chuyên đề của các công đoàn cơ sở quý I năm 2023" "1/2 công đoàn cơ sở trong danh sách đã tổ chức 1 buổi sinh hoạt chuyên đề" \
	"CÔNG ĐOÀN CƠ SỞ NHÀ KHÁCH CÔNG ĐOÀN TỈNH" "TM. BAN THƯỜNG VỤ" "CHỦ TỊCH" "Lương Thị Phượng"

summary
