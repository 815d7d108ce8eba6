#!/bin/sh
# Installs the Debian packages chuyende needs, only those that are missing.
# Called by `make test` and `make demo`, so a fresh Debian 12 machine needs
# nothing but the README's two commands.
set -eu

need="make gcc pkg-config libyaml-dev libhpdf-dev libcmark-dev libutf8proc-dev nettle-dev fonts-liberation2 poppler-utils\
	icc-profiles-free qpdf python3 python3-jsonschema python3-yaml patch"
[ "$#" -gt 0 ] && need="$need $*"

missing=""
for p in $need; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
