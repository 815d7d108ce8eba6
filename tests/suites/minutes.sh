#!/bin/sh
# The minutes as held (a plan's record:): what they say, and how they
# break across pages. A plan is given more and more opinions, so that its
# page breaks fall everywhere, and for each: no step heading (or its
# "Người thực hiện" line) ends a page, the signatures share their page with
# the closing sentences, every opinion and every paragraph is there. A plan
# without a record still prints the ruled form.
set -u
SUITE=minutes
. "$(dirname "$0")/../suite-lib.sh"
cd "$work" || exit 1
cp -R "$ROOT/samples/ldld-lang-son" s
P=s/ke-hoach.yaml

"$BIN" minutes $P -q -o held.pdf || bad "minutes as held: exit $?"
pdftotext -enc UTF-8 held.pdf held.txt
missing=""
for want in "vào lúc 15 giờ 05" "1. Đồng chí Đàm Thị Lan:" "6. Đồng chí Nông Văn Thắng:" \
	"Tán thành: 28/28 đồng chí (100%)" "xếp loại chất lượng buổi sinh hoạt chuyên đề: Tốt" \
	"kết thúc vào lúc 17 giờ 20 cùng ngày" "Biên bản đã được đọc lại trước chi bộ và được nhất trí thông qua" \
	"Đồng chí Lương Văn Hải tiếp thu các ý kiến"; do
	grep -qF "$want" held.txt || missing="$missing [$want]"
done
[ -z "$missing" ] && ok "minutes as held: times, numbered opinions, response, vote, grade, closing" || bad "missing:$missing"
! grep -q '\.\.\.\.\.\.' held.txt && ok "minutes as held: no dotted lines to fill in" || bad "dotted lines in the minutes as held"
[ "$(pdfinfo held.pdf | sed -n 's/^PDF version: *//p')" = 1.4 ] && ok "minutes as held: archived (PDF/A, version 1.4)" ||
	bad "minutes as held: not PDF 1.4"

# the two paragraphs of the conclusion stay two paragraphs: the second
# starts a new line at the first-line indent
"$BIN" minutes $P --dump-layout -q > held.dump
grep -q 'x=113.39 .*R14 "Chi bộ thống nhất giao Ban' held.dump && ok "a paragraph break in a record stays a paragraph" ||
	bad "the conclusion's second paragraph"

# without a record: the ruled form, as before
sed '/^record:/,/^  grade:/d' $P > s/form.yaml
"$BIN" minutes s/form.yaml -q -o form.pdf && pdftotext -enc UTF-8 form.pdf form.txt
grep -q 'Buổi sinh hoạt kết thúc vào lúc ...... giờ ......' form.txt && ! grep -q 'Đồng chí Đàm Thị Lan:' form.txt &&
	[ "$(pdfinfo form.pdf | sed -n 's/^PDF version: *//p')" = 1.5 ] && ok "without a record: the ruled form, not archived" ||
	bad "without a record"

# Page breaks everywhere: n opinions of three paragraphs each.
opinion='    - speaker: "Người phát biểu NUM"
      text: |
        Ý kiến số NUM nêu rõ kết quả, hạn chế và nguyên nhân của việc thực hiện nhiệm vụ trong quý, đề nghị chi bộ quan tâm chỉ đạo.

        Đoạn thứ hai của ý kiến NUM: liên hệ với nhiệm vụ của tổ đảng, đề xuất giải pháp cụ thể cho quý tới.

        Đoạn thứ ba của ý kiến NUM.'
# $1 with every NUM replaced by $2 (in the shell: 256 seds were a third
# of the suite's time)
numbered() {
	rest=$1 done=""
	while :; do
		case $rest in
		*NUM*) done="$done${rest%%NUM*}$2" rest=${rest#*NUM} ;;
		*) break ;;
		esac
	done
	printf '%s\n' "$done$rest"
}
broken=0
for n in 1 3 5 7 9 11 13 15 17 19 21 23 25 27 29 31; do
	{
		sed -n '1,/^  opinions:/p' $P
		i=1
		while [ $i -le $n ]; do numbered "$opinion" $i; i=$((i + 1)); done
		sed -n '/^  response:/,$p' $P
	} > s/many.yaml
	"$BIN" minutes s/many.yaml --dump-layout -q > many.dump 2> many.err || { bad "$n opinions: $(head -c 200 many.err)"; broken=1; continue; }
	# the last text line of each page, and the page of the signatures
	awk -v n=$n '
		/^p[0-9]+ y=/ && !/ rect / && !/ rule / { page = substr($1, 2); last[page] = $0 }
		/B14 "THƯ KÝ"/ { sign = page }
		/"Biên bản đã được đọc lại/ { closing = page }
		/B14 "[0-9]+\. Đồng chí Người phát biểu [0-9]+:"/ { seen++ }
		END {
			for (p in last) {
				if (last[p] ~ /B14 "[0-9]+\. [^"]*"$/ && last[p] !~ /R14/) { print "page " p " ends with a heading: " last[p]; bad = 1 }
				if (last[p] ~ /I14 "Người thực hiện:/) { print "page " p " ends with a performer line"; bad = 1 }
			}
			if (sign != closing) { print "signatures on page " sign ", closing sentence on page " closing; bad = 1 }
			if (seen != n) { print seen " of " n " opinions"; bad = 1 }
			exit bad
		}' many.dump > many.why || { bad "$n opinions: $(head -2 many.why | tr '\n' ' ')"; broken=1; }
done
[ $broken -eq 0 ] && ok "1 to 31 opinions: no heading alone at a page's foot, signatures with the closing, every opinion"
summary
