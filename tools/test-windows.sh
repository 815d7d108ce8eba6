#!/bin/sh
# make test-windows: the Windows build as a user gets it, run through wine.
#
#   1. the zip is unzipped into build/win64/test/ and its chuyende.exe runs
#      through wine (prefix build/wine/, made on first use);
#   2. the check, render and hostile suites run against it with the same
#      expected files as Linux (a case in tools/windows/not-on-windows.txt
#      may fail: its meaning is Unix's own);
#   3. every paper of every sample, the report and a whole `build` of
#      samples/ are compared byte for byte with build/chuyende's;
#   4. the commands of README.md's "Windows" section run as written in the
#      unzipped folder, and give the PDFs the Linux program gives.
#   sh tools/test-windows.sh dist/chuyende-VERSION-win64.zip
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export ROOT
zip=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$ROOT/build/win64/test
LINUX=$ROOT/build/chuyende
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL windows $1"; }
die() { printf 'test-windows: %s\n' "$*" >&2; exit 1; }

command -v wine > /dev/null || sh tools/deps.sh --check wine64 wine || die "wine is missing: run make deps"
command -v unzip > /dev/null || sh tools/deps.sh --check unzip || die "unzip is missing: run make deps"
[ -x "$LINUX" ] || die "$LINUX is missing (make)"
[ -f "$zip" ] || die "$zip is missing (make windows)"

export WINEPREFIX="$ROOT/build/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# One wine server for every run (each run would otherwise start its own,
# a second or more each), stopped at the end.
# (it refuses when one already serves the prefix: that one is used then)
wineserver -p 2> /dev/null || true
trap 'wineserver -k 2> /dev/null' EXIT
rm -rf "$T"
mkdir -p "$T/unzipped" "$T/linux" "$T/wine"
unzip -q "$zip" -d "$T/unzipped" || die "cannot unzip $zip"
top=$(echo "$T"/unzipped/chuyende-*-win64)
[ -f "$top/chuyende.exe" ] || die "no chuyende.exe in $zip"
BIN=$T/chuyende
printf '#!/bin/sh\nexec wine "%s/chuyende.exe" "$@"\n' "$top" > "$BIN"
chmod +x "$BIN"
# The first run makes the prefix (several seconds) and starts wine's
# services, which keep the descriptors they inherit: into a file, not a
# pipe that a $(...) would wait on for ever.
# (on a new prefix wine says so on standard error: kept apart)
"$BIN" --version > "$T/version.txt" 2> "$T/wine-start.txt" < /dev/null
got=$(cat "$T/version.txt")
want=$("$LINUX" --version)
[ "$got" = "$want" ] && ok "--version: $got" || bad "--version: '$got', Linux says '$want'"

# ---- 2. the golden suites ----
allowed() { # suite case: listed in not-on-windows.txt
	awk -v s="$1" -v c="$2" '$1 == s && $2 == c { f = 1 } END { exit !f }' tools/windows/not-on-windows.txt
}
# The cases of a suite that failed and are not listed in not-on-windows.txt.
unexpected_in() { # suite log
	sed -n "s/^FAIL $1 \([^ :]*\).*/\1/p" "$2" | sort -u | while read -r c; do
		allowed "$1" "$c" || echo "$c"
	done
}
for suite in check render hostile; do
	log=$T/$suite.log
	BIN=$BIN HOSTILE_TIMEOUT=20 sh "tests/suites/$suite.sh" > "$log" 2>&1
	line=$(grep "^$suite: [0-9]* passed, [0-9]* failed$" "$log")
	[ -n "$line" ] || { bad "$suite: no summary (log: $log)"; continue; }
	# each FAIL line names "FAIL SUITE CASE..." (check: "FAIL check CASE:")
	unexpected=$(unexpected_in "$suite" "$log")
	if [ -n "$unexpected" ]; then
		# wine now and then loses a run's standard error on the way into a
		# pipe (the exit status arrives, the text does not): the suite runs
		# once more, and only a case failing both times fails; the first
		# log is kept, and the retry said, so that a real fault still shows
		cp "$log" "$log.first"
		BIN=$BIN HOSTILE_TIMEOUT=20 sh "tests/suites/$suite.sh" > "$log" 2>&1
		again=$(unexpected_in "$suite" "$log")
		both=$(for c in $again; do echo "$unexpected" | grep -qx "$c" && echo "$c"; done)
		echo "note: $suite under wine ran twice: first $(echo $unexpected), then $(echo $again) (log: $log.first)"
		unexpected=$both
		line=$(grep "^$suite: [0-9]* passed, [0-9]* failed$" "$log")
	fi
	if [ -z "$unexpected" ]; then
		ok "$suite under wine: $line"
	else
		bad "$suite under wine: $line; not allowed: $(echo $unexpected) (log: $log)"
		grep -A8 "^FAIL" "$log" | head -40 | sed 's/^/    /'
	fi
done

# ---- 3. the same bytes as Linux ----
same_file() { # label linux-file wine-file
	if [ -s "$2" ] && cmp -s "$2" "$3"; then ok "$1"; else bad "$1: $(cmp "$2" "$3" 2>&1 | head -1)"; fi
}
for plan in $(find samples -name '*.yaml' ! -name 'units.yaml' | sort); do
	id=$(echo "${plan#samples/}" | sed 's|\.yaml$||; s|/|_|g')
	for doc in agenda minutes paper; do
		"$LINUX" "$doc" "$plan" -q -o "$T/linux/$id.$doc.pdf"
		"$BIN" "$doc" "$plan" -q -o "$T/wine/$id.$doc.pdf"
		same_file "$id.$doc.pdf: Linux and Windows byte-identical" "$T/linux/$id.$doc.pdf" "$T/wine/$id.$doc.pdf"
	done
done
rep="report --quarter 2023-Q1 --units samples/tinh-doan-2023/units.yaml samples/tinh-doan-2023 -q"
# shellcheck disable=SC2086
"$LINUX" $rep -o "$T/linux/report.pdf"
# shellcheck disable=SC2086
"$BIN" $rep -o "$T/wine/report.pdf"
same_file "report.pdf: Linux and Windows byte-identical" "$T/linux/report.pdf" "$T/wine/report.pdf"
# enough plans for the report to start readers: processes on Linux, threads on Windows
rm -rf "$T/many"
"$ROOT/build/bench/generate" 300 "$T/many" 1 > /dev/null
rep="report --quarter 2023-Q1 --units $T/many/units.yaml $T/many -q"
# shellcheck disable=SC2086
"$LINUX" $rep -o "$T/linux/many.pdf"
# shellcheck disable=SC2086
"$BIN" $rep -o "$T/wine/many.pdf"
same_file "report over 300 plans, read by two readers: Linux and Windows byte-identical" "$T/linux/many.pdf" "$T/wine/many.pdf"
"$LINUX" build samples -o "$T/linux/build" -j 2 -q 2> /dev/null
"$BIN" build samples -o "$T/wine/build" -j 2 -q 2> /dev/null
n=$(find "$T/linux/build" -type f | wc -l)
if [ "$n" -gt 20 ] && diff -r "$T/linux/build" "$T/wine/build" > "$T/build.diff"; then
	ok "build samples -j 2: the $n files Linux writes, byte-identical"
else
	bad "build samples -j 2 differs from Linux's ($n files; $T/build.diff)"
fi

# ---- 4. README.md's "Windows" section, as written ----
cmds=$(awk '/^## Windows$/ { w = 1; next } w && /^## / { exit } w && /^```bat$/ { c = 1; next }
	c && /^```$/ { c = 0 } c' README.md)
[ -n "$cmds" ] || bad "README.md: no \`\`\`bat block in the \"Windows\" section"
printf '%s\n' "$cmds" | while IFS= read -r line; do
	# chuyende.exe ARGS... with double-quoted words, as cmd reads them
	eval "set -- ${line#chuyende.exe }"
	(cd "$top" && wine ./chuyende.exe "$@") > "$T/readme.out" 2>&1
	echo "exit $?" >> "$T/readme.out"
	echo "$line" > "$T/readme.last"
	cat "$T/readme.out"
done > "$T/readme.log"
if grep -q '^exit [^0]' "$T/readme.log"; then
	bad "README's commands: one failed ($T/readme.log)"
else
	ok "README's commands ran: $(echo "$cmds" | tr '\n' ';')"
fi
mkdir -p "$T/linux/readme"
cp -R "$top/Chi bộ Văn phòng" "$T/linux/readme/"
(cd "$T/linux/readme" && "$LINUX" build "Chi bộ Văn phòng" -o out -q 2> /dev/null)
n=$(find "$T/linux/readme/out" -name '*.pdf' | wc -l)
if [ "$n" -ge 4 ] && [ -f "$top/out/kế-hoạch.chuong-trinh.pdf" ] && diff -r "$T/linux/readme/out" "$top/out" > /dev/null; then
	ok "chuyende.exe build \"Chi bộ Văn phòng\" -o out: the $n PDFs of Linux, byte-identical"
else
	bad "chuyende.exe build \"Chi bộ Văn phòng\" -o out: not Linux's PDFs"
fi

echo "windows: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
