#!/bin/sh
# tools/valgrind.sh BIN ARGS...: runs BIN under memcheck, each process's
# report in $VG_LOGS/PID.log (so the golden outputs stay clean). Any error
# or leak makes the exit status 99; `make test-valgrind` also fails on any
# non-empty report.
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--suppressions="$(dirname "$0")/valgrind.supp" \
	--show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
	--log-file="${VG_LOGS:?}/%p.log" "$@"
