#!/bin/sh
# Writing a plan as a secretary does (issue 14): the starter plan of init
# warns at each placeholder left in it, and the template can switch that
# and NO_DIACRITICS off.
set -u
SUITE=forms
. "$(dirname "$0")/../suite-lib.sh"
cd "$work" || exit 1

# ---- placeholders left from init ----
"$BIN" init cell >/dev/null 2>&1 || bad "init cell"
out=$("$BIN" check cell 2>&1)
st=$?
[ $st -eq 0 ] && ok "init's files check with warnings only" || bad "init's files: exit $st: $out"
# every line of the starter holding a placeholder value, and only those
for want in "ke-hoach.yaml:15:" "ke-hoach.yaml:24:" "ke-hoach.yaml:35:" "ke-hoach.yaml:37:" \
	"ke-hoach.yaml:38:" "ke-hoach.yaml:40:" "de-dan.md:4:" "de-dan.md:5:"; do
	if printf '%s\n' "$out" | grep -q "$want.*\[PLACEHOLDER_LEFT\]"; then
		ok "init placeholder at $want"
	else
		bad "no PLACEHOLDER_LEFT at $want: $out"
	fi
done
n=$(printf '%s\n' "$out" | grep -c "PLACEHOLDER_LEFT")
[ "$n" -eq 8 ] && ok "one warning per placeholder" || bad "$n PLACEHOLDER_LEFT, not 8"

# the plan's first line gives editors its schema
first=$(head -n 1 cell/ke-hoach.yaml)
case $first in
"# yaml-language-server: \$schema=/"*/schemas/plan.schema.json)
	if cmp -s "${first#*=}" "$ROOT/schemas/plan.schema.json"; then ok "init: $first"; else bad "init names ${first#*=}"; fi ;;
*) bad "init's first line: $first" ;;
esac

# a filled-in plan is quiet
sed -e 's/"CHI BỘ CƠ QUAN ..."/"CHI BỘ CƠ QUAN VĂN PHÒNG"/' \
	-e 's/về ..."/về nêu gương"/' \
	-e 's/"Nguyễn Văn A"/"Nguyễn Văn An"/' -e 's/"Trần Thị B"/"Trần Thị Bình"/' \
	-e 's/"Lê Văn C"/"Lê Văn Cường"/g' -e 's/"Phạm Thị D"/"Phạm Thị Dung"/' \
	cell/ke-hoach.yaml > cell/filled.yaml
out=$("$BIN" check cell/filled.yaml 2>&1 | grep -v "de-dan.md")
if printf '%s' "$out" | grep -q PLACEHOLDER_LEFT; then bad "a filled plan: $out"; else ok "a filled plan has no placeholder"; fi

# ---- the template switches both warnings off ----
mkdir tpl
cp "$ROOT"/templates/*.yaml tpl/
cp -R "$ROOT"/templates/starter tpl/
sed -i -e 's/^warn_placeholders: true/warn_placeholders: false/' -e 's/^warn_no_diacritics: true/warn_no_diacritics: false/' tpl/chi-bo.yaml
sed -e 's/"CHI BỘ CƠ QUAN ..."/"CHI BO CO QUAN"/' cell/ke-hoach.yaml > cell/plain.yaml
out=$("$BIN" check cell/plain.yaml 2>&1)
printf '%s' "$out" | grep -q "NO_DIACRITICS.*CHI BO CO QUAN" && ok "NO_DIACRITICS by default" || bad "no NO_DIACRITICS: $out"
out=$(CHUYENDE_TEMPLATES="$work/tpl" "$BIN" check cell/plain.yaml 2>&1)
st=$?
if [ $st -eq 0 ] && ! printf '%s' "$out" | grep -q "PLACEHOLDER_LEFT\|NO_DIACRITICS"; then
	ok "warn_placeholders: false, warn_no_diacritics: false"
else
	bad "switched off, still: exit $st: $out"
fi
out=$(CHUYENDE_TEMPLATES="$work/tpl" "$BIN" check tpl/chi-bo.yaml 2>&1) && [ -z "$out" ] &&
	ok "the template with both keys checks" || bad "the template with both keys: $out"

# ---- advice that is a command runs as it stands ----
chuyende() { "$BIN" "$@"; }
mkdir -p "tỉnh đoàn"
cp -R "$ROOT/samples/tinh-doan-2023/." "tỉnh đoàn/"
said=$("$BIN" report --quarter 2023-Q1 "tỉnh đoàn" -o "báo cáo.pdf" 2>&1)
line=$(printf '%s\n' "$said" | grep -m 1 "\[UNITS_NOT_USED\]")
cmd=${line##*to judge compliance run: }
case $cmd in
"chuyende report "*)
	rm -f "báo cáo.pdf"
	if out=$(eval "$cmd" 2>&1) && [ -s "báo cáo.pdf" ] && ! printf '%s' "$out" | grep -q UNITS_NOT_USED; then
		ok "UNITS_NOT_USED's command runs: $cmd"
	else
		bad "UNITS_NOT_USED's command: $cmd: $out"
	fi ;;
*) bad "UNITS_NOT_USED gives no command: $said" ;;
esac

summary
