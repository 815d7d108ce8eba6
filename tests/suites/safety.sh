#!/bin/sh
# Data safety (README "Promises"): outputs that are not regular files
# (FIFO, device, socket, symlink, folder, terminal, standard output), build
# never writing over what it reads, the archive register surviving failed
# and interrupted runs, stale temporaries swept, plans counted once, CSV
# cells guarded, writes to a full standard output failing. Every case
# compares the state of the files around it before and after. Devices and
# FIFOs are files this suite makes in its scratch folder, never /dev's.
set -u
SUITE=safety
. "$(dirname "$0")/../suite-lib.sh"
cd "$work" || exit 1

cp -R "$ROOT/samples/dien-luc" plan
P=plan/ke-hoach.yaml

# Every file below $1: type, name, size and checksum (FIFOs and sockets by
# type only), for before/after comparisons.
state() {
	find "$1" ! -type f -printf '%y %p\n' | sort
	find "$1" -type f -exec cksum {} + | sort
}
is_pdf() { [ "$(head -c 5 "$1" 2>/dev/null)" = "%PDF-" ]; }
no_temps() { [ -z "$(find "$@" -name '.*.chuyende-*' 2>/dev/null | head -1)" ]; }

# ---- outputs that are not regular files ----

mkfifo fifo
(cat fifo > from-fifo) &
reader=$!
"$BIN" agenda $P -o fifo 2>err
st=$?
wait $reader
[ $st -eq 0 ] && [ -p fifo ] && is_pdf from-fifo && ok "FIFO: streamed into, still a FIFO" ||
	bad "FIFO: exit $st, $(ls -l fifo) $(cat err)"

if [ "$(id -u)" -eq 0 ]; then
	mknod null-device c 1 3
	"$BIN" agenda $P -o null-device 2>err
	st=$?
	[ $st -eq 0 ] && [ -c null-device ] && ok "character device: written in place, still a device" ||
		bad "character device: exit $st, $(ls -l null-device)"
else
	echo "skip character device (mknod needs root)"
fi

"$BIN" agenda $P -o /dev/stdout > via-stdout.pdf 2>err
st=$?
[ $st -eq 0 ] && is_pdf via-stdout.pdf && ok "-o /dev/stdout into a file" || bad "-o /dev/stdout: exit $st"
got=$("$BIN" agenda $P -o /dev/stdout 2>/dev/null | head -c 5)
[ "$got" = "%PDF-" ] && ok "-o /dev/stdout into a pipe" || bad "-o /dev/stdout into a pipe: $got"
got=$("$BIN" agenda $P -o - 2>/dev/null | head -c 5)
[ "$got" = "%PDF-" ] && ok "-o - into a pipe" || bad "-o - into a pipe: $got"

if command -v script > /dev/null; then
	script -qec "$BIN agenda $P -o -; echo \"exit \$?\"" /dev/null > tty.out 2>&1
	grep -q 'OUTPUT_NOT_FILE' tty.out && grep -q '^exit 2' tty.out && ! grep -q '%PDF' tty.out &&
		ok "-o - on a terminal: refused, exit 2, no PDF" || bad "-o - on a terminal: $(head -c 300 tty.out)"
else
	echo "skip terminal (no script)"
fi

printf 'old\n' > real.pdf
ln -s real.pdf link.pdf
"$BIN" agenda $P -o link.pdf 2>err
st=$?
[ $st -eq 0 ] && [ -L link.pdf ] && [ "$(readlink link.pdf)" = real.pdf ] && is_pdf real.pdf &&
	ok "symlink: followed, its target replaced, the link kept" || bad "symlink: exit $st $(cat err)"

ln -s nothing.pdf dangling.pdf
"$BIN" agenda $P -o dangling.pdf 2>err
st=$?
[ $st -eq 2 ] && [ -L dangling.pdf ] && [ ! -e nothing.pdf ] && grep -q OUTPUT_NOT_FILE err &&
	ok "dangling symlink: refused (exit 2), nothing created" || bad "dangling symlink: exit $st $(cat err)"

python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")'
"$BIN" agenda $P -o sock 2>err
st=$?
[ $st -eq 3 ] && [ -S sock ] && grep -q 'OUTPUT_FAILED' err && ok "socket: cannot be opened (exit 3), still a socket" ||
	bad "socket: exit $st $(cat err)"

before=$(state plan)
for o in plan plan/ plan/.; do
	"$BIN" agenda $P -o $o 2>err
	st=$?
	[ $st -eq 2 ] && grep -q OUTPUT_NOT_FILE err || bad "folder $o: exit $st $(cat err)"
done
[ "$(state plan)" = "$before" ] && ok "a folder as output: exit 2, the folder untouched" || bad "the folder changed"

# ---- the template read is never written over ----

# The template a plan names, given as the output: by the paper (which
# loads it) and by the report (whose readers take the loaded one, known
# by the identity it was read with). Refused, the template unchanged.
mkdir tpl
cp "$ROOT/templates/chi-bo.yaml" tpl/
before=$(state tpl)
CHUYENDE_TEMPLATES=tpl "$BIN" paper $P -o tpl/chi-bo.yaml 2>err
st=$?
[ $st -eq 1 ] && grep -q 'tpl/chi-bo.yaml: error: \[OUTPUT_IS_INPUT\]' err && [ "$(state tpl)" = "$before" ] &&
	ok "paper -o TEMPLATE: the template it reads is refused as output, unchanged" ||
	bad "paper over its template: exit $st, $(cat err)"
mkdir reps reps/a reps/b
cp $P plan/de-dan.md reps/a/
cp $P plan/de-dan.md reps/b/
CHUYENDE_TEMPLATES=tpl "$BIN" report --year 2023 reps -o tpl/chi-bo.yaml 2>err
st=$?
[ $st -ne 0 ] && grep -q 'tpl/chi-bo.yaml: error: \[OUTPUT_IS_INPUT\]' err && [ "$(state tpl)" = "$before" ] &&
	ok "report -o TEMPLATE: the template its readers use is refused as output, unchanged" ||
	bad "report over its template: exit $st, $(cat err)"

# ---- build never writes over what it reads ----

# A draft named like the paper build would write, then like the register.
mkdir in1
grep -v '^draft:' $P > in1/ke-hoach.yaml
printf 'draft: ke-hoach.de-dan.pdf\n' >> in1/ke-hoach.yaml
cp plan/de-dan.md in1/ke-hoach.de-dan.pdf
before=$(state in1)
"$BIN" build in1 -o in1 2>err
st=$?
[ $st -eq 1 ] && grep -q 'OUTPUT_IS_INPUT' err && [ "$(state in1)" = "$before" ] &&
	ok "build DIR -o DIR: a draft named like an output is refused, nothing written" ||
	bad "build over a draft: exit $st, $(cat err)"
mv in1/ke-hoach.de-dan.pdf in1/so-luu-tru.csv
sed -i 's/^draft: .*/draft: so-luu-tru.csv/' in1/ke-hoach.yaml
before=$(state in1)
"$BIN" build in1 -o in1 2>err
st=$?
[ $st -eq 1 ] && grep -q 'so-luu-tru.csv: error: \[OUTPUT_IS_INPUT\]' err && [ "$(state in1)" = "$before" ] &&
	ok "build DIR -o DIR: a draft named like the register is refused" || bad "register as a draft: exit $st, $(cat err)"
"$BIN" build in1 -o in1/out 2>err
st=$?
[ $st -eq 2 ] && [ "$(state in1)" = "$before" ] && ok "build DIR -o DIR/sub: refused, nothing written" ||
	bad "build into its own tree: exit $st"
mkdir in2
cp $P plan/de-dan.md in2/
"$BIN" build in2 -o in2 -q 2>err
st=$?
[ $st -eq 0 ] && is_pdf in2/ke-hoach.de-dan.pdf && cmp -s in2/de-dan.md plan/de-dan.md &&
	ok "build DIR -o DIR without clashes writes beside the plans" || bad "build DIR -o DIR: exit $st $(cat err)"

# ---- the archive register ----

cp -R "$ROOT/samples" s
"$BIN" build s -o out -j 2 -q 2>/dev/null
cp out/so-luu-tru.csv reg.csv
cp out/so-luu-tru.pdf reg.pdf
rows=$(grep -c '"de-dan"' reg.csv)
# a full disk: every paper fails (exit 3); the register stays byte-identical
(
	trap '' XFSZ
	ulimit -f 16
	exec "$BIN" build s -o out -j 2 -q 2>err
)
st=$?
[ $st -eq 3 ] && cmp -s out/so-luu-tru.csv reg.csv && cmp -s out/so-luu-tru.pdf reg.pdf && no_temps out &&
	ok "a build that fails (exit 3) leaves the register byte-identical, no temporary" ||
	bad "failed build: exit $st, register changed or temporaries left"
# a plan with a typo keeps its entry, marked
final=$(grep -l 'status: final' s/*/de-dan.md | head -1)
plan=$(dirname "$final")/ke-hoach.yaml
sed -i 's/^  date: .*/  date: 2023-02-30/' "$plan"
"$BIN" build s -o out -j 2 -q 2>err
st=$?
n=$(grep -c '"de-dan"' out/so-luu-tru.csv)
[ $st -eq 1 ] && [ "$n" -eq "$rows" ] && grep -q '"ke-hoach-co-loi"' out/so-luu-tru.csv &&
	pdftotext out/so-luu-tru.pdf - | grep -q 'Kế hoạch hiện có lỗi' &&
	ok "a plan with errors keeps its register entry, marked (CSV and PDF)" ||
	bad "plan with errors: exit $st, $n of $rows rows"
# a plan removed keeps its entry too, marked otherwise
rm -r "$(dirname "$plan")"
"$BIN" build s -o out -j 2 -q 2>err
st=$?
[ $st -eq 0 ] && [ "$(grep -c '"de-dan"' out/so-luu-tru.csv)" -eq "$rows" ] &&
	grep -q '"khong-con-ke-hoach"' out/so-luu-tru.csv && ok "a removed plan keeps its entry, marked" ||
	bad "removed plan: exit $st"
# a damaged register is neither read nor rewritten
printf '"ngay","sha256"\r\n"x' > out/so-luu-tru.csv
cp out/so-luu-tru.csv broken.csv
"$BIN" build s -o out -q 2>err
st=$?
[ $st -eq 1 ] && grep -q REGISTER_UNREADABLE err && cmp -s out/so-luu-tru.csv broken.csv &&
	ok "a damaged register is reported and left as it was" || bad "damaged register: exit $st"

# cells a spreadsheet would take for formulas are guarded, and read back exactly
mkdir -p f/x
cp plan/ke-hoach.yaml f/x/
sed -e 's/^title: .*/title: "=HYPERLINK(\\"http:\/\/x\\")"/' -e 's/^status: .*/status: final/' plan/de-dan.md > f/x/de-dan.md
grep -q '^status: final' f/x/de-dan.md || sed -i '1a status: final' f/x/de-dan.md
"$BIN" build f -o fo -q 2>/dev/null
cp fo/so-luu-tru.csv guarded.csv
"$BIN" build f -o fo -q 2>/dev/null
grep -q "\"'=HYPERLINK" guarded.csv && cmp -s guarded.csv fo/so-luu-tru.csv &&
	ok "CSV: a formula-like title is guarded with an apostrophe and read back unchanged" ||
	bad "CSV guard: $(grep HYPER guarded.csv)"

# ---- interrupted runs ----

mkdir many
for i in $(seq 1 40); do mkdir many/p$i; cp $P plan/de-dan.md many/p$i/; done
for sig in INT TERM; do
	rm -rf mout
	"$BIN" build many -o mout -j 2 -q 2>/dev/null &
	pid=$!
	sleep 0.3
	kill -$sig $pid 2>/dev/null
	wait $pid 2>/dev/null
	st=$?
	incomplete=$(find mout -name '*.pdf' | while read -r f; do tail -c 6 "$f" | grep -q '%%EOF' || echo "$f"; done)
	no_temps mout && [ -z "$incomplete" ] && ok "SIG$sig during a build (exit $st): no temporary left, every PDF complete" ||
		bad "SIG$sig: temporaries $(find mout -name '.*' | head -2) incomplete $incomplete"
done

# stale temporaries of a dead run are swept from the folders written; a
# live process's are left alone
mkdir -p sweep/dien-luc
dead=999999
while kill -0 $dead 2>/dev/null; do dead=$((dead - 1)); done
: > "sweep/dien-luc/.ke-hoach.bien-ban.pdf.chuyende-$dead-AbCdEf"
: > "sweep/dien-luc/.ke-hoach.bien-ban.pdf.chuyende-$$-AbCdEf"
: > "sweep/.mine.chuyende-notes"
"$BIN" build plan -o sweep/dien-luc -q 2>/dev/null
[ ! -e "sweep/dien-luc/.ke-hoach.bien-ban.pdf.chuyende-$dead-AbCdEf" ] &&
	[ -e "sweep/dien-luc/.ke-hoach.bien-ban.pdf.chuyende-$$-AbCdEf" ] && [ -e "sweep/.mine.chuyende-notes" ] &&
	ok "a dead run's temporaries swept; a live one's and other files kept" || bad "sweep: $(ls -A sweep/dien-luc)"
# the same beside a single paper, among other papers (the folder is listed
# for names starting with a dot only)
mkdir -p sweep/one
: > "sweep/one/a.pdf"
: > "sweep/one/.giay-moi.pdf.chuyende-$dead-XyZabc"
: > "sweep/one/.giay-moi.pdf.chuyende-$$-XyZabc"
: > "sweep/one/giay-moi.pdf.chuyende-$dead-XyZabc"
"$BIN" agenda plan/ke-hoach.yaml -o sweep/one/agenda.pdf -q 2>/dev/null
[ ! -e "sweep/one/.giay-moi.pdf.chuyende-$dead-XyZabc" ] && [ -e "sweep/one/.giay-moi.pdf.chuyende-$$-XyZabc" ] &&
	[ -e "sweep/one/giay-moi.pdf.chuyende-$dead-XyZabc" ] && [ -e sweep/one/a.pdf ] && [ -s sweep/one/agenda.pdf ] &&
	ok "beside one paper: a dead run's temporary swept; a live one's, other papers and look-alikes kept" ||
	bad "sweep beside one paper: $(ls -A sweep/one)"

# ---- drafts: front matter and limits ----

# a final draft saved with a byte-order mark and "--- " is final: no DỰ THẢO
mkdir fm
{ printf '\357\273\277--- \n'; sed -n '2,$p' plan/de-dan.md | sed 's/^status: .*/status: final/' | sed '0,/^---$/s//---  /'; } > fm/bom.md
"$BIN" paper fm/bom.md -o fm/bom.pdf 2>err
st=$?
[ $st -eq 0 ] && ! pdftotext fm/bom.pdf - | grep -q 'DỰ THẢO' && ! pdftotext fm/bom.pdf - | grep -q 'status:' &&
	ok "front matter after a BOM, with trailing spaces: read, the final paper has no DỰ THẢO" ||
	bad "BOM front matter: exit $st $(cat err)"

# 24 nested block quotes stay inside the page (right edge of every line)
{ printf -- '---\ntitle: "Trích dẫn"\n---\n'; i=1; while [ $i -le 24 ]; do
	printf '%*s' $i '' | tr ' ' '>'; echo " Mức $i: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."; echo; i=$((i + 1)); done; } > fm/quotes.md
"$BIN" paper fm/quotes.md --dump-layout > quotes.dump 2>err
edge=$(awk '/ x=/ { for (i = 1; i <= NF; i++) { if ($i ~ /^x=/) x = substr($i, 3); if ($i ~ /^w=/) w = substr($i, 3) }
	if (x + w > m) m = x + w } END { printf "%d", m }' quotes.dump)
pages=$(grep -o '^p[0-9]*' quotes.dump | sort -u | wc -l)
[ "$edge" -le 553 ] && [ "$pages" -le 3 ] && ok "24 nested quotes: every line inside the margin ($edge pt), $pages pages" ||
	bad "nested quotes: right edge $edge, $pages pages"

# memory stays bounded on the drafts that used to take gigabytes (not
# under a sanitizer or valgrind, which reserve address space of their own)
case "$BIN" in
*asan* | *san/* | *-vg) echo "skip memory bound (sanitizer or valgrind build)" ;;
*)
	{ printf -- '---\ntitle: x\n---\n'; awk 'BEGIN { s = "a\n\n"; while (length(s) < 8000000) s = s s; printf "%s", substr(s, 1, 8000000) }'; } > fm/big.md
	(ulimit -v 400000; exec "$BIN" paper fm/big.md -o fm/big.pdf) 2>err
	st=$?
	[ $st -eq 1 ] && grep -q 'MARKDOWN_TOO_COMPLEX' err && [ ! -e fm/big.pdf ] &&
		ok "8 MB of one-letter paragraphs within 400 MB of address space: refused, MARKDOWN_TOO_COMPLEX" ||
		bad "8 MB draft: exit $st $(head -c 200 err)"
	;;
esac

# ---- counting once ----

T="$ROOT/samples/tinh-doan-2023"
"$BIN" report --quarter 2023-Q1 --units "$T/units.yaml" "$T" -o once.pdf 2>/dev/null
"$BIN" report --quarter 2023-Q1 --units "$T/units.yaml" "$T" "$T" -o twice.pdf 2>err
notes=$(grep -c 'note: \[DUPLICATE_INPUT\]' err)
[ "$notes" -eq 3 ] && [ "$(pdftotext once.pdf -)" = "$(pdftotext twice.pdf -)" ] &&
	ok "report over a folder given twice: each plan once, a note for each" || bad "folder twice: $notes notes"
cp -R "$T" td
ln -s ../chi-bo-van-phong/ke-hoach.yaml td/chi-bo-phong-trao/copy.yaml
"$BIN" report --quarter 2023-Q1 --units td/units.yaml td -o linked.pdf 2>err
[ "$(pdftotext once.pdf -)" = "$(pdftotext linked.pdf -)" ] && grep -q DUPLICATE_INPUT err &&
	ok "report: a symlink to a plan in the same folder counts once" || bad "symlinked plan counted twice"

# ---- quiet failures ----

for args in "check --json $P" "agenda $P --dump-layout" "--help"; do
	# shellcheck disable=SC2086
	"$BIN" $args > /dev/full 2>err
	st=$?
	[ $st -eq 3 ] && grep -q 'standard output' err || bad "$args > /dev/full: exit $st"
done
ok "writes to a full standard output: exit 3"
for v in abc 99999999999999 -1 1.5; do
	SOURCE_DATE_EPOCH=$v "$BIN" agenda $P -o e.pdf 2>err
	st=$?
	[ $st -eq 2 ] && [ ! -e e.pdf ] || bad "SOURCE_DATE_EPOCH=$v: exit $st"
done
SOURCE_DATE_EPOCH=1700000000 "$BIN" agenda $P -o e.pdf 2>/dev/null && is_pdf e.pdf &&
	ok "a malformed SOURCE_DATE_EPOCH is refused (exit 2); a good one used" || bad "SOURCE_DATE_EPOCH"

name=$(printf 'x\377y.yaml')
sed 's/^  category: .*/  category: none/' $P | grep -v '^draft:' > "$name"
"$BIN" check --json "$name" > bad-name.json
python3 -m json.tool bad-name.json > /dev/null && grep -q 'x\\\\xFFy.yaml' bad-name.json &&
	ok "--json with a file name that is not UTF-8: valid JSON" || bad "--json: $(head -c 200 bad-name.json)"
rm -f "$name"

# a plan deeper than PATH_MAX is reported, never skipped without a word
# (made through open folder descriptors: no shell can cd that deep)
python3 - "$work/$P" <<'PY'
import os, sys
fd = os.open(".", os.O_RDONLY)
os.mkdir("deep", dir_fd=fd)
fd = os.open("deep", os.O_RDONLY, dir_fd=fd)
for i in range(20):
    name = "%0250d" % i
    os.mkdir(name, dir_fd=fd)
    fd = os.open(name, os.O_RDONLY, dir_fd=fd)
out = os.open("plan.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
os.write(out, open(sys.argv[1], "rb").read())
PY
"$BIN" check deep > deep.out 2>&1
st=$?
[ $st -eq 3 ] && grep -q 'READ_FAILED.*too long' deep.out && ok "a path past PATH_MAX is reported (READ_FAILED)" ||
	bad "deep path: exit $st $(head -c 300 deep.out)"
python3 -c 'import shutil; shutil.rmtree("deep")'

# the inputs every case above read are as they were
diff -r plan "$ROOT/samples/dien-luc" > /dev/null && ok "the plan and draft every case read are byte-identical" ||
	bad "an input changed"
summary
