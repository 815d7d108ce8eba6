#!/bin/sh
# The command line as a Unix user meets it: help (golden files in
# tests/cli/help/, each line within 80 columns, one example), "did you
# mean", GNU option forms, options that do not apply, default output
# names, "-o -", the summary lines, -v, colour, language, the man pages
# (mandoc -T lint), shell completion, make install/uninstall into a
# temporary prefix and DESTDIR, tools/deps.sh --check, and the README's
# tour run verbatim on a copy of the repository (its tracked files but the
# tests). UPDATE=1 rewrites the
# help golden files.
set -u
SUITE=cli
. "$(dirname "$0")/../suite-lib.sh"
B=${B:-build}
cd "$work" || exit 1
export LC_ALL=C.UTF-8
unset LANG LC_MESSAGES NO_COLOR CHUYENDE_DATA CHUYENDE_TEMPLATES 2>/dev/null

plan="$ROOT/samples/ldld-lang-son/ke-hoach.yaml"
commands="check agenda minutes paper report build archive verify init schema convert help"

# ---- help ----
mkdir -p "$ROOT/tests/cli/help"
for c in main $commands; do
	if [ "$c" = main ]; then got=$("$BIN" --help); else got=$("$BIN" help "$c"); fi
	golden="$ROOT/tests/cli/help/$c.txt"
	[ "${UPDATE:-0}" = 1 ] && printf '%s\n' "$got" > "$golden"
	if [ "$got" = "$(cat "$golden" 2>/dev/null)" ]; then ok "help $c: as tests/cli/help/$c.txt"
	else bad "help $c differs from tests/cli/help/$c.txt: $(printf '%s\n' "$got" | diff "$golden" - | head -5)"; fi
	for lang in vi en both; do
		if [ "$c" = main ]; then "$BIN" --lang=$lang --help; else "$BIN" --lang=$lang help "$c"; fi > "help.$c.$lang"
	done
	[ "$c" = main ] && continue
	same=$("$BIN" "$c" --help --lang=en) && [ "$same" = "$("$BIN" --lang=en help "$c")" ] &&
		ok "$c --help is help $c" || bad "$c --help differs from help $c"
	n=$("$BIN" --lang=en help "$c" | grep -c '^Example:$')
	ex=$("$BIN" --lang=en help "$c" | grep -A1 '^Example:$' | tail -1)
	case $n:$ex in
	"1:  chuyende $c"*) ok "help $c: one example: $ex" ;;
	*) bad "help $c: $n examples, \"$ex\"" ;;
	esac
done
# the widest line of each help, in characters (one python3 for them all)
for c in main $commands; do for lang in vi en both; do echo "help.$c.$lang"; done; done |
	python3 -c 'import sys
for f in sys.stdin.read().split():
    print(max((len(l.rstrip("\n")) for l in open(f, encoding="utf-8")), default=0))' > widths
for c in main $commands; do
	for lang in vi en both; do
		read -r long
		if [ "$long" -le 80 ]; then ok "help $c --lang=$lang: $long columns at most"
		else bad "help $c --lang=$lang: a line of $long columns"; fi
	done
done < widths
out=$("$BIN" --lang=en help agenda)
printf '%s\n' "$out" | grep -q -- '--output=FILE' && ! printf '%s\n' "$out" | grep -q -- '--quarter' &&
	ok "help agenda: its own options only" || bad "help agenda lists options of other commands"

# ---- unknown commands and options ----
err=$("$BIN" --lang=en chek x 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'unknown command "chek"; did you mean "check"?' &&
	ok "chek: did you mean check" || bad "chek: exit $st: $err"
err=$("$BIN" --lang=en help reprot 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'did you mean "report"' &&
	ok "help reprot: did you mean report" || bad "help reprot: exit $st: $err"
err=$("$BIN" --lang=en agenda --json --quarter 2023-Q1 --force "$plan" 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'options --quarter, --json, --force do not apply to agenda' &&
	[ ! -e "${plan%.yaml}.chuong-trinh.pdf" ] &&
	ok "agenda --json --quarter --force: usage error naming the three" || bad "not-applying options: exit $st: $err"
err=$("$BIN" --lang=en report --qaurter 2023-Q1 . 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'did you mean --quarter' &&
	ok "--qaurter: did you mean --quarter" || bad "--qaurter: exit $st: $err"
err=$("$BIN" --lang=en check --json=yes x 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q -- '--json takes no value' && ok "--json=yes: takes no value" ||
	bad "--json=yes: exit $st: $err"
err=$("$BIN" --lang=en build samples -j 0 -o x 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q -- '-j needs a number from 1 to 256' && ok "-j 0 refused" ||
	bad "-j 0: exit $st: $err"

# ---- GNU option forms ----
cp -r "$ROOT/samples/ldld-lang-son" cell
pdf() { [ "$(head -c 5 "$1" 2>/dev/null)" = "%PDF-" ]; }
"$BIN" agenda cell/ke-hoach.yaml -oa1.pdf -q && pdf a1.pdf && ok "-oFILE" || bad "-oFILE"
"$BIN" agenda --output=a2.pdf -q cell/ke-hoach.yaml && pdf a2.pdf && ok "--output=FILE" || bad "--output=FILE"
"$BIN" agenda --out a3.pdf --qui cell/ke-hoach.yaml && pdf a3.pdf && ok "--out, --qui: unambiguous abbreviations" ||
	bad "abbreviated long options"
cp cell/ke-hoach.yaml cell/-dash.yaml
(cd cell && "$BIN" agenda -q -- -dash.yaml) && pdf cell/-dash.chuong-trinh.pdf && ok "--: then a plan named -dash.yaml" ||
	bad "-- before -dash.yaml"
mkdir -p tree && cp -r "$ROOT/samples/tinh-doan-2023" tree/
err=$("$BIN" build -qj2 tree -o built 2>&1); st=$?
last=$(printf '%s\n' "$err" | tail -1)
[ $st -eq 0 ] && [ "$(printf '%s\n' "$err" | grep -c 'warning:')" -eq 0 ] && pdf built/so-luu-tru.pdf &&
	ok "-qj2: quiet, two workers" || bad "-qj2: exit $st: $err"

# ---- default outputs, -o - ----
rm -f cell/ke-hoach.*.pdf
for c in agenda:chuong-trinh minutes:bien-ban paper:de-dan; do
	"$BIN" "${c%%:*}" -q cell/ke-hoach.yaml && pdf "cell/ke-hoach.${c#*:}.pdf" &&
		ok "${c%%:*} without -o: cell/ke-hoach.${c#*:}.pdf" || bad "${c%%:*} without -o"
done
# report: build's name in the one folder given; several paths need -o
mkdir -p rep && cp cell/ke-hoach.yaml cell/de-dan.md rep/
q=$(sed -n 's/^ *date: *\([0-9]\{4\}\)-\([0-9][0-9]\)-.*/\1 \2/p' rep/ke-hoach.yaml | head -1)
yq=$(echo "$q" | awk '{ printf "%s-Q%d", $1, int(($2 + 2) / 3) }')
"$BIN" report -q --quarter "$yq" rep && pdf "rep/bao-cao-$yq.pdf" && "$BIN" report -q --year "${yq%-Q*}" rep &&
	pdf "rep/bao-cao-${yq%-Q*}.pdf" && ok "report without -o: rep/bao-cao-$yq.pdf, rep/bao-cao-${yq%-Q*}.pdf" ||
	bad "report without -o ($yq)"
err=$("$BIN" --lang=en report -q --quarter "$yq" rep/ke-hoach.yaml cell 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'may be left out when one folder is given' &&
	ok "report of two paths without -o: usage error" || bad "report of two paths without -o: exit $st: $err"
# a draft named as the paper's default output is an input: refused, kept
mkdir -p clash && sed 's/^draft: .*/draft: p.de-dan.pdf/' cell/ke-hoach.yaml > clash/p.yaml
cp cell/de-dan.md clash/p.de-dan.pdf && cp clash/p.de-dan.pdf clash/before
err=$("$BIN" paper clash/p.yaml 2>&1); st=$?
[ $st -ne 0 ] && printf '%s' "$err" | grep -q 'OUTPUT_IS_INPUT' && cmp -s clash/p.de-dan.pdf clash/before &&
	ok "paper without -o: the default name is the draft: refused, draft intact" || bad "default onto input: exit $st: $err"
"$BIN" agenda -q cell/ke-hoach.yaml -o - > piped.pdf && pdf piped.pdf && ok "-o - into a pipe: a PDF" || bad "-o - into a pipe"
if command -v script >/dev/null 2>&1; then
	script -qec "$BIN --lang=en agenda -q $plan -o -" /dev/null > tty.out 2>&1; st=$?
	[ $st -eq 2 ] && grep -q 'OUTPUT_NOT_FILE' tty.out && ! grep -q '%PDF' tty.out &&
		ok "-o - on a terminal: refused" || bad "-o - on a terminal: exit $st: $(head -c 300 tty.out)"
fi

# ---- summaries, -v ----
# build: three papers, the quarter's report, the register's CSV and PDF
mkdir -p sum && cp cell/ke-hoach.yaml cell/de-dan.md sum/ && printf 'meeting: [\n' > sum/broken.yaml
err=$("$BIN" --lang=en build sum -o sum-out 2>&1 >/dev/null); st=$?
last=$(printf '%s\n' "$err" | tail -1)
case $st:$last in
"1:chuyende build: 6 documents written in sum-out, 1 plan left out with errors; "*" s") ok "build summary: $last" ;;
*) bad "build summary: exit $st: $last" ;;
esac
err=$("$BIN" --lang=en report --quarter 2023-Q1 sum -o sum.pdf 2>&1); st=$?
last=$(printf '%s\n' "$err" | tail -1)
case $st:$last in
"1:chuyende report: wrote sum.pdf; 2 plans read, 1 left out with errors; "*" s") ok "report summary: $last" ;;
*) bad "report summary: exit $st: $last" ;;
esac
err=$("$BIN" --lang=en agenda -v cell/ke-hoach.yaml -o v.pdf 2>&1)
printf '%s\n' "$err" | grep -q '^chuyende: reading: cell/ke-hoach.yaml$' &&
	printf '%s\n' "$err" | grep -q '^chuyende: reading: .*/chi-bo.yaml$' &&
	printf '%s\n' "$err" | grep -q '^chuyende: writing: v.pdf$' && ok "-v: the plan, the template, the PDF" ||
	bad "-v: $err"

# ---- colour and language ----
printf 'meeting:\n  topc: x\n' > bad.yaml
esc=$(printf '\033')
"$BIN" check --color=always bad.yaml > c1.out; grep -q "$esc\[1;31merror" c1.out && ok "--color=always" ||
	bad "--color=always: no colour"
NO_COLOR=1 "$BIN" check --color=always bad.yaml > c2.out; grep -q "$esc" c2.out && ok "--color=always beats NO_COLOR" ||
	bad "--color=always under NO_COLOR"
"$BIN" check bad.yaml > c3.out; ! grep -q "$esc" c3.out && ok "auto: no colour in a pipe" || bad "colour in a pipe"
if command -v script >/dev/null 2>&1; then
	script -qec "$BIN check bad.yaml" /dev/null > c4.out 2>&1
	NO_COLOR=1 script -qec "$BIN check bad.yaml" /dev/null > c5.out 2>&1
	grep -q "$esc\[1;31m" c4.out && ! grep -q "$esc\[1" c5.out && ok "auto: colour on a terminal, none with NO_COLOR" ||
		bad "auto on a terminal: $(head -c 200 c4.out | od -c | head -3)"
fi
line() { "$@" 2>&1 | grep -m1 'UNKNOWN_KEY'; }
en=$(line "$BIN" --lang=en check bad.yaml); vi=$(line "$BIN" check --lang=vi bad.yaml)
both=$(line "$BIN" check bad.yaml)
lvi=$(LANG=vi_VN.UTF-8 LC_ALL= line "$BIN" check bad.yaml); len=$(LANG=vi_VN LC_ALL=en_US.UTF-8 line "$BIN" check bad.yaml)
lmsg=$(LC_ALL= LANG=C LC_MESSAGES=vi_VN line "$BIN" check bad.yaml)
case $en in *"unknown key"*" — "*|*"khóa"*) bad "--lang=en: $en" ;; *"unknown key"*) ok "--lang=en: English only" ;; *) bad "--lang=en: $en" ;; esac
case $vi in *"unknown key"*) bad "--lang=vi: $vi" ;; *"khóa không xác định"*) ok "--lang=vi: Vietnamese only" ;; *) bad "--lang=vi: $vi" ;; esac
case $both in *"khóa không xác định"*" — unknown key"*) ok "C.UTF-8: both" ;; *) bad "C.UTF-8: $both" ;; esac
[ "$lvi" = "$vi" ] && ok "LANG=vi_VN.UTF-8: Vietnamese" || bad "LANG=vi_VN: $lvi"
[ "$len" = "$en" ] && ok "LC_ALL=en_US.UTF-8 wins over LANG=vi_VN" || bad "LC_ALL=en_US: $len"
[ "$lmsg" = "$vi" ] && ok "LC_MESSAGES=vi_VN: Vietnamese" || bad "LC_MESSAGES=vi_VN: $lmsg"
json=$("$BIN" --lang=en check --json bad.yaml)
printf '%s' "$json" | grep -q '"message_vi": "khóa không xác định' && printf '%s' "$json" | grep -q '"message_en"' &&
	ok "--json --lang=en: both languages" || bad "--json --lang=en: $json"
err=$("$BIN" --lang=fr check bad.yaml 2>&1); st=$?
[ $st -eq 2 ] && printf '%s' "$err" | grep -q 'takes vi, en or both' && ok "--lang=fr refused" || bad "--lang=fr: $st $err"

# ---- man pages ----
for page in chuyende.1 chuyende-plan.5 vi/chuyende.1; do
	lint=$(mandoc -T lint -W warning "$ROOT/man/$page" 2>&1)
	[ -z "$lint" ] && ok "mandoc -T lint -W warning man/$page: clean" || bad "man/$page: $lint"
done
# English pages: every style message too, but for pages not installed here;
# (in the Vietnamese page mandoc counts each letter as its \[uXXXX] escape)
for page in chuyende.1 chuyende-plan.5; do
	lint=$(mandoc -T lint "$ROOT/man/$page" 2>&1 | grep -v 'referenced manual not found')
	[ -z "$lint" ] && ok "mandoc -T lint man/$page: clean" || bad "man/$page: $lint"
done
missing=""
for c in $commands; do grep -q "^\.Cm $c\b\|^\.It Cm $c\b" "$ROOT/man/chuyende.1" || missing="$missing $c"; done
for c in $commands; do
	for o in $("$BIN" --lang=en help "$c" | awk '/^  *-/ {for (i = 1; i <= NF; i++) if ($i ~ /^--/) {sub(/=.*/, "", $i); print $i}}'); do
		grep -q "Fl -${o#--}\b" "$ROOT/man/chuyende.1" || missing="$missing $o"
	done
done
[ -z "$missing" ] && ok "chuyende(1) names every command and option" || bad "chuyende(1) lacks:$missing"

# ---- init --template ----
"$BIN" init -t chi-doan branch > /dev/null && grep -q '^template: chi-doan ' branch/ke-hoach.yaml &&
	[ "$("$BIN" check branch 2>&1 | grep -v PLACEHOLDER_LEFT)" = "" ] &&
	ok "init -t chi-doan: the plan names chi-doan and checks clean but for placeholders" ||
	bad "init -t chi-doan: $(grep '^template' branch/ke-hoach.yaml)"
err=$("$BIN" --lang=en init --template=chi-dan nowhere 2>&1); st=$?
[ $st -eq 1 ] && [ ! -e nowhere ] && printf '%s' "$err" | grep -q '^--template: error: \[UNKNOWN_TEMPLATE\] .*chi-bo, chi-doan, cong-doan' &&
	ok "init --template=chi-dan: UNKNOWN_TEMPLATE with the templates there, nothing made" ||
	bad "init --template=chi-dan: exit $st: $err"

# ---- completion ----
comp=$(cd "$ROOT" && bash -c '
	shopt -s extglob
	. completion/chuyende.bash
	t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _chuyende; echo "${COMPREPLY[*]}"; }
	t "$1" ""; t "$1" agenda --; t "$1" report samples/tinh-doan-2023 --quarter ""; t "$1" --lang = ""
	t "$1" schema ""
	CHUYENDE_DATA=$PWD t "$1" init --template ""; CHUYENDE_DATA=$PWD t "$1" init --template=chi-d' sh "$BIN")
expect="check agenda minutes paper report build archive verify init schema convert help
--output --watch --dump-layout --quiet --verbose --color= --lang= --help
2023-Q1
vi en both
plan draft note units template
chi-bo chi-doan cong-doan
chi-doan"
[ "$comp" = "$expect" ] && ok "bash completion: commands, options, quarters, values, templates" ||
	bad "bash completion: $(printf '%s\n' "$comp" | diff - /dev/stdin <<EOF
$expect
EOF
)"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$ROOT/completion/_chuyende" && ok "zsh completion parses" || bad "zsh -n completion/_chuyende"
fi

# ---- tools/deps.sh --check never installs ----
err=$(sh "$ROOT/tools/deps.sh" --check no-such-package-chuyende 2>&1); st=$?
[ $st -eq 1 ] && printf '%s' "$err" | grep -q 'missing: no-such-package-chuyende' &&
	printf '%s' "$err" | grep -q 'make deps' && ok "deps.sh --check: names the package and make deps" ||
	bad "deps.sh --check: exit $st: $err"

# ---- make install / uninstall (the default build only: the sanitizer
# builds link with flags this make does not know) ----
if [ "$B" = build ]; then
	mk() { make -s -C "$ROOT" "$@" >>"$work/make.log" 2>&1; }
	if mk install PREFIX="$work/prefix"; then
		(cd / && "$work/prefix/bin/chuyende" agenda -q "$plan" -o "$work/inst.pdf") && pdf "$work/inst.pdf" &&
			ok "installed under a prefix, run from /: a PDF" || bad "installed binary from /"
		MANPATH="$work/prefix/share/man" man -w chuyende-plan >/dev/null 2>&1 &&
			[ -f "$work/prefix/share/man/vi/man1/chuyende.1" ] &&
			[ -f "$work/prefix/share/bash-completion/completions/chuyende" ] &&
			[ -f "$work/prefix/share/zsh/site-functions/_chuyende" ] &&
			ok "man pages (en, vi) and completions installed" || bad "man pages or completions not installed"
		mk uninstall PREFIX="$work/prefix"
		left=$(find "$work/prefix" -type f -o -type l; find "$work/prefix" -name 'chuyende*' -type d)
		[ -z "$left" ] && ok "uninstall leaves no file" || bad "uninstall left: $left"
	else
		bad "make install PREFIX: $(tail -5 "$work/make.log")"
	fi
	if mk install DESTDIR="$work/dest" PREFIX=/opt/cd; then
		err=$(cd / && "$work/dest/opt/cd/bin/chuyende" --lang=en check "$plan" 2>&1)
		printf '%s' "$err" | grep -q 'searched /opt/cd/share/chuyende/templates (the data folder set at build time' &&
			ok "staged in DESTDIR: says where it searched" || bad "staged, not found: $err"
		(cd / && CHUYENDE_DATA="$work/dest/opt/cd/share/chuyende" "$work/dest/opt/cd/bin/chuyende" minutes -q "$plan" \
			-o "$work/staged.pdf") && pdf "$work/staged.pdf" && ok "CHUYENDE_DATA: the staged data" ||
			bad "CHUYENDE_DATA"
		mk uninstall DESTDIR="$work/dest" PREFIX=/opt/cd
		left=$(find "$work/dest" -type f -o -type l)
		[ -z "$left" ] && ok "uninstall from DESTDIR leaves no file" || bad "uninstall left: $left"
	else
		bad "make install DESTDIR: $(tail -5 "$work/make.log")"
	fi
fi

# ---- the README's tour, verbatim, on a copy of the tracked files ----
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	# (but tests/, 900 files the tour never reads, which only slow the copy)
	mkdir clone && (cd "$ROOT" && git ls-files -z ':!tests' | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C clone
	(cd clone && git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm t) >/dev/null 2>&1
	mkdir -p clone/build && cp "$BIN" clone/build/chuyende 2>/dev/null || cp "$ROOT/build/chuyende" clone/build/
	awk '/^## A short tour/ {on = 1} on && /^```sh$/ {code = 1; next} code && /^```$/ {exit} code {print}' \
		"$ROOT/README.md" > tour.sh
	failed=""
	while IFS= read -r cmd; do
		(cd clone && eval "$cmd") >/dev/null 2>&1 || failed="$failed; $cmd"
	done < tour.sh
	left=$(cd clone && git status --porcelain)
	if [ ! -s tour.sh ]; then bad "README tour: no commands found"
	elif [ -n "$failed" ]; then bad "README tour: failed:$failed"
	elif [ -n "$left" ]; then bad "README tour left files in the repository: $left"
	else ok "README tour: $(wc -l < tour.sh) commands succeed, nothing left untracked"; fi
fi

summary
