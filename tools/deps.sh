#!/bin/sh
# The Debian packages chuyende needs to build and to run its tests.
#
#   sh tools/deps.sh [PKG...]           installs those missing (apt-get, through
#                                       sudo when not root): `make deps`
#   sh tools/deps.sh --check [PKG...]   installs nothing: names the missing ones
#                                       and the command that installs them, and
#                                       fails; `make test`, `make demo` and the
#                                       other targets call this
# PKG... are needed besides the base list (clang for make test-asan...).
set -eu

check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
need="make gcc pkg-config libyaml-dev zlib1g-dev libdeflate-dev libcmark-dev libutf8proc-dev nettle-dev fonts-liberation2 poppler-utils\
	icc-profiles-free qpdf python3 python3-jsonschema python3-yaml patch mandoc"
[ "$#" -gt 0 ] && need="$need $*"

missing=""
for p in $need; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$check" -eq 1 ]; then
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: install them with: make deps   (apt-get install, through sudo when not root)" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
