#!/bin/sh
# Packs dist/chuyende-VERSION-win64.zip (make windows):
#
#   chuyende-VERSION-win64/
#     chuyende.exe          the program, linked statically
#     templates/ schemas/   beside it, where it looks for them
#     fonts/                Liberation 2 (Debian fonts-liberation2) and OFL.txt
#     README.txt            how to use it on Windows, in Vietnamese
#     build-thu-muc.cmd     drop a folder of plans onto it
#     Chi bộ Văn phòng/     a plan and its draft to try it on
#
# Every file gets the date of the last commit and the archive lists them in
# one order, so that one source tree gives one zip, byte for byte.
#   sh tools/windows-zip.sh EXE VERSION
set -eu
cd "$(dirname "$0")/.."
exe=$1
version=$2
name=chuyende-$version-win64
stage=build/win64/zip
top=$stage/$name
fonts=/usr/share/fonts/truetype/liberation2
licence=/usr/share/doc/fonts-liberation2/copyright

die() { printf 'windows-zip: %s\n' "$*" >&2; exit 1; }
[ -f "$exe" ] || die "$exe is missing (make windows builds it)"
[ -f "$fonts/LiberationSerif-Regular.ttf" ] && [ -f "$licence" ] ||
	die "the Liberation fonts are missing: run 'make deps' (Debian package fonts-liberation2)"
command -v zip > /dev/null || sh tools/deps.sh --check zip || die "zip is missing: run make deps"

rm -rf "$stage"
mkdir -p "$top/templates/starter" "$top/schemas" "$top/fonts" "$top/Chi bộ Văn phòng" dist
cp "$exe" "$top/chuyende.exe"
cp templates/*.yaml "$top/templates/"
cp templates/starter/* "$top/templates/starter/"
cp schemas/*.schema.json "$top/schemas/"
cp "$fonts"/Liberation*.ttf "$top/fonts/"
# The licence as Debian's copyright file gives it for the fonts (the
# stanza "Files: *"), without the Debian packaging's own.
awk '/^Files: \*$/ { f = 1; next } f && /^Files:/ { exit } f' "$licence" |
	sed -e 's/^ \.$//' -e 's/^ //' > "$top/fonts/OFL.txt"
grep -q 'SIL OPEN FONT LICENSE Version 1.1' "$top/fonts/OFL.txt" ||
	die "no SIL Open Font License text in $licence"
cp samples/tinh-doan-2023/chi-bo-van-phong/ke-hoach.yaml "$top/Chi bộ Văn phòng/kế-hoạch.yaml"
cp samples/tinh-doan-2023/chi-bo-van-phong/de-dan.md "$top/Chi bộ Văn phòng/de-dan.md"
# Windows' own editors and cmd read CRLF text files best
for f in README.txt build-thu-muc.cmd; do
	sed 's/$/\r/' "tools/windows/$f" > "$top/$f"
done

epoch=$(git log -1 --format=%ct 2> /dev/null || echo 0)
find "$stage" -exec touch -h -d "@$epoch" {} +
zipfile=$(pwd)/dist/$name.zip
rm -f "$zipfile"
# -X: no owner or Unix times beyond the one date; a UTF-8 locale makes zip
# mark the names as UTF-8, which Windows' Explorer reads
(cd "$stage" && find "$name" | LC_ALL=C sort |
	LC_ALL=C.UTF-8 TZ=UTC zip -q -X -9 "$zipfile" -@) || die "zip failed"
echo "dist/$name.zip: $(wc -c < "$zipfile") bytes, $(unzip -Z1 "$zipfile" | grep -vc '/$') files"
