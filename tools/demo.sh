#!/bin/sh
# make demo: checks every sample, then renders all their papers into out/
# (a tree mirroring samples/): each plan's agenda (.chuong-trinh.pdf),
# minutes form (.bien-ban.pdf) and topic paper (.de-dan.pdf), a quarterly
# report per quarter (bao-cao-YYYY-QN.pdf), and the archive register
# (so-luu-tru.csv, so-luu-tru.pdf).
set -u
cd "$(dirname "$0")/.."
echo "== build/chuyende check samples"
build/chuyende check samples
status=$?
[ "$status" -gt 1 ] && exit "$status"
echo "== build/chuyende build samples -o out"
build/chuyende build samples -o out || exit $?
find out -type f | sort
exit "$status"
