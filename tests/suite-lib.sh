# Sourced by tests/suites/*.sh: where things are, a scratch folder removed
# on exit, and counting. Set SUITE before sourcing; end with `summary`.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-"$ROOT/build/chuyende"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $SUITE $1"; }
summary() { echo "$SUITE: $pass passed, $fail failed"; }
