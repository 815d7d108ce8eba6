#!/bin/sh
# --watch (inotify): `check --watch` prints the first check, then on each
# save only what changed (a new problem as check prints it, a solved one
# marked "fixed:"), nothing when a save changes nothing; `agenda --watch`
# renders again on each save, and ignores the PDF it writes itself. Each
# watcher runs in the background under a timeout and is stopped by its pid;
# its watches are set before its first round prints, so no edit is missed.
set -u
SUITE=watch
. "$(dirname "$0")/../suite-lib.sh"
cd "$work" || exit 1

# $1 file, $2 pattern, $3 how many lines must match: waits up to 10 s
# (valgrind's runs are slow); a passing run waits a fraction of that.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		n=$(grep -c -- "$2" "$1" 2>/dev/null)
		[ "${n:-0}" -ge "$3" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

"$BIN" init cell >/dev/null 2>&1
timeout 30 "$BIN" check --watch cell/ke-hoach.yaml > check.out 2>&1 &
pid=$!
if wait_for check.out "waiting for the next save" 1 && grep -q "PLACEHOLDER_LEFT.*people.chair" check.out; then
	ok "check --watch: the first check"
else
	bad "check --watch: no first check: $(cat check.out)"
fi
sed -i 's|  date: 20/03/2025 |  date: 31/02/2025 |' cell/ke-hoach.yaml
if wait_for check.out "waiting for the next save" 2; then
	after=$(awk '/waiting for the next save/ {n++; next} n == 1' check.out)
	if printf '%s\n' "$after" | grep -q "ke-hoach.yaml:27:9: error: \[INVALID_DATE\]" &&
		[ "$(printf '%s\n' "$after" | grep -c .)" -eq 1 ]; then
		ok "check --watch: a save prints only the new problem"
	else
		bad "check --watch after a save: $after"
	fi
else
	bad "check --watch: nothing after a save: $(cat check.out)"
fi
sed -i 's|"Nguyễn Văn A"|"Nguyễn Văn An"|' cell/ke-hoach.yaml
if wait_for check.out "waiting for the next save" 3 &&
	awk '/waiting for the next save/ {n++; next} n == 2' check.out | grep -q "^đã sửa — fixed: .*people.chair"; then
	ok "check --watch: a solved problem is marked fixed"
else
	bad "check --watch: no fixed line: $(cat check.out)"
fi
touch cell/ke-hoach.yaml cell/de-dan.md
printf '\n' >> cell/ke-hoach.yaml
sleep 0.6
n=$(grep -c "waiting for the next save" check.out)
[ "$n" -eq 3 ] && ok "check --watch: a save that changes nothing prints nothing" || bad "check --watch: $n rounds printed after a no-op save"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

# --watch with --json is wrong usage
"$BIN" check --watch --json cell >/dev/null 2>&1
[ $? -eq 2 ] && ok "check --watch --json: exit 2" || bad "check --watch --json: not exit 2"

# agenda --watch: again on each save, not on its own output
sed -i 's|"CHI BỘ CƠ QUAN ..."|"CHI BỘ CƠ QUAN VĂN PHÒNG"|' cell/ke-hoach.yaml
sed -i 's|  date: 31/02/2025 |  date: 20/03/2025 |' cell/ke-hoach.yaml
timeout 30 "$BIN" agenda --watch cell/ke-hoach.yaml -o cell/out.pdf > agenda.out 2>&1 &
pid=$!
if wait_for agenda.out "rendered again" 1 && [ -s cell/out.pdf ]; then ok "agenda --watch: the first render"; else bad "agenda --watch: $(cat agenda.out)"; fi
sleep 0.6
[ "$(grep -c "rendered again" agenda.out)" -eq 1 ] && ok "agenda --watch: its own PDF does not start a round" ||
	bad "agenda --watch renders again on its own output: $(cat agenda.out)"
sed -i 's|"CHI BỘ CƠ QUAN VĂN PHÒNG"|"CHI BỘ CƠ QUAN TỔ CHỨC"|' cell/ke-hoach.yaml
if wait_for agenda.out "rendered again" 2 && pdftotext cell/out.pdf - | grep -q "CHI BỘ CƠ QUAN TỔ CHỨC"; then
	ok "agenda --watch: a save renders again"
else
	bad "agenda --watch: not rendered again: $(cat agenda.out)"
fi
sed -i 's|  date: 20/03/2025 |  date: 31/02/2025 |' cell/ke-hoach.yaml
if wait_for agenda.out "not rendered" 1 && grep -q "INVALID_DATE" agenda.out; then
	ok "agenda --watch: an error is shown, the last PDF kept"
else
	bad "agenda --watch: $(cat agenda.out)"
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
summary
