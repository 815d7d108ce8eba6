#!/bin/sh
# Makes the hostile inputs that cannot live in git: raw bytes, big files,
# deep nesting, symlinks, FIFOs. Runs inside the scratch copy of
# tests/hostile (tests/suites/hostile.sh), never in the tree. Each input
# sits beside its NAME.expect, which is in git.
set -eu

# plan.in with line $1 replaced by the printf output of the rest.
plan_with() {
	n=$1
	shift
	[ "$n" -eq 1 ] || sed -n "1,$((n - 1))p" plan.in
	# shellcheck disable=SC2059
	printf "$@"
	sed -n "$((n + 1)),\$p" plan.in
}
# A lone draft: a front matter with a title, then the printf output of $@.
draft() {
	printf -- '---\ntitle: "Bản đề dẫn"\nauthor: "Lê Văn Cường"\nstatus: final\n---\n'
	# shellcheck disable=SC2059
	printf "$@"
}
# $1 bytes of the letter a.
many_a() { dd if=/dev/zero bs=65536 count=$(($1 / 65536)) 2>/dev/null | tr '\000' a; }

# --- bytes and encodings ------------------------------------------------
plan_with 4 '  n\377me: "CHI BỘ VĂN PHÒNG"\n' > enc-invalid-in-key.yaml
plan_with 4 '  name: "CHI BỘ V\341\272N PHÒNG"\n' > enc-invalid-in-value.yaml
plan_with 1 '# K\351 hoạch gốc\n' > enc-invalid-in-comment.yaml
{ cat plan.in; printf '# hết\341\272'; } > enc-truncated-at-eof.yaml
plan_with 5 '  place: "L\300\257ng Sơn"\n' > enc-overlong-slash.yaml
plan_with 5 '  place: "L\300\200ng Sơn"\n' > enc-overlong-nul.yaml
plan_with 5 '  place: "L\340\200\257ng Sơn"\n' > enc-overlong-three-bytes.yaml
plan_with 5 '  place: "L\355\240\200ng Sơn"\n' > enc-surrogate.yaml
plan_with 5 '  place: "L\364\220\200\200ng Sơn"\n' > enc-above-u10ffff.yaml
plan_with 5 '  place: "L\370\210\200\200\200ng Sơn"\n' > enc-five-byte-sequence.yaml
{ printf '\200'; cat plan.in; } > enc-continuation-first.yaml
plan_with 5 '  place: "L\000ng Sơn"\n' > enc-nul-in-value.yaml
printf '\000' > enc-nul-only.yaml
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE plan.in; } > enc-utf16le-bom.yaml
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE plan.in; } > enc-utf16be-bom.yaml
iconv -f UTF-8 -t UTF-16LE plan.in > enc-utf16le-no-bom.yaml
{ printf '\377\376\000\000'; iconv -f UTF-8 -t UTF-32LE plan.in; } > enc-utf32le-bom.yaml
{ printf '\357\273\277'; cat plan.in; } > enc-utf8-bom-accepted.yaml
{ printf '\357\273\277\357\273\277'; cat plan.in; } > enc-utf8-bom-twice-accepted.yaml
printf '\357\273\277' > enc-utf8-bom-only.yaml
awk '{ printf "%s\r\n", $0 }' plan.in > enc-crlf-accepted.yaml
tr '\n' '\r' < plan.in > enc-cr-only-accepted.yaml
plan_with 5 '  place: "L\377ng Sơn"\n' | awk '{ printf "%s\r\n", $0 }' > enc-crlf-invalid.yaml
plan_with 5 '  place: "L\377ng Sơn"\n' | tr '\n' '\r' > enc-cr-only-invalid.yaml
plan_with 5 '  place: "L\271ng S\254n"\n' > enc-tcvn3-value.yaml
plan_with 1 '# K\325 ho\271ch g\305c\n' > enc-tcvn3-comment.yaml
plan_with 5 '  place: "Vie\344t Nam"\n' > enc-vni-value.yaml
# "CHI BỘ VĂN PHÒNG" in each legacy encoding (ABC writes the toned capitals
# with lower-case bytes), "Lạng Sơn" in Windows-1258, and the three read as
# Windows-1252 and saved as UTF-8 (mojibake).
plan_with 4 '  name: "CHI B\351 V\241N PH\337NG"\n' > enc-tcvn3-name.yaml
plan_with 4 '  name: "CHI BO\304 VA\312N PHO\330NG"\n' > enc-vni-name.yaml
plan_with 4 '  name: "CHI B\324\362 V\303N PHO\314NG"\n' > enc-cp1258-name.yaml
plan_with 5 '  place: "La\362ng S\365n"\n' > enc-cp1258-value.yaml
plan_with 5 '  place: "L¹ng S¬n"\n' > enc-tcvn3-mojibake-value.yaml
plan_with 5 '  place: "Laïng Sôn"\n' > enc-vni-mojibake-value.yaml
plan_with 5 '  place: "Laòng Sõn"\n' > enc-cp1258-mojibake-value.yaml
# Latin-1 bytes of a French name: invalid UTF-8, and no Vietnamese in any reading.
plan_with 17 '  chair: "H\351l\350ne Dupont"\n' > enc-latin1-french-name.yaml
# UTF-8 that only looks odd: symbols, curly quotes, dashes, foreign names.
plan_with 14 '  location: "Café ©2023 ±5 «» — “Hội trường”, Zoë Müller, São Paulo"\n' > enc-odd-utf8-accepted.yaml
# convert onto its own input, by its name, a symlink and a hard link.
cp enc-tcvn3-name.yaml convert-onto-input.yaml
ln -sf convert-onto-input.yaml convert-onto-input-symlink.yaml
ln -f convert-onto-input.yaml convert-onto-input-hardlink.yaml
plan_with 5 '  place: "L\033[31mng Sơn"\n' > enc-raw-escape.yaml
# NFD: the same plan with "Lạng Sơn" and "VĂN PHÒNG" decomposed
plan_with 4 '  name: "CHI BỘ VA\314\206N PHO\314\200NG"\n' > nfd.tmp
sed -n 1,4p nfd.tmp > enc-nfd-accepted.yaml
printf '  place: "La\314\243ng So\314\233n"\n' >> enc-nfd-accepted.yaml
sed -n '6,$p' nfd.tmp >> enc-nfd-accepted.yaml
rm nfd.tmp
plan_with 5 '  place: "L\000ng Sơn"\n' > enc-nul-on-stdin.yaml

# --- YAML structure -------------------------------------------------------
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' > yaml-deep-flow-sequence.yaml
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "{a: "; print "1" }' > yaml-deep-flow-mapping.yaml
awk 'BEGIN { for (i = 0; i < 1000; i++) { for (j = 0; j < i; j++) printf " "; printf "k%d:\n", i } }' > yaml-deep-block-mapping.yaml
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "- "; print "x" }' > yaml-deep-block-sequence.yaml
{ sed -n 1,8p plan.in; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "  k%05d:\n", i }'; sed -n '9,$p' plan.in; } > yaml-100k-keys.yaml
{ printf 'meeting: ['; awk 'BEGIN { for (i = 0; i < 300000; i++) printf "1," }'; printf '1]\n'; } > yaml-300k-nodes.yaml
{ sed -n 1,8p plan.in; printf '  topic: "'; many_a 10485760; printf '"\n'; sed -n '10,$p' plan.in; } > yaml-10mb-scalar.yaml
{ sed -n 1,10p plan.in; awk 'BEGIN { for (i = 0; i < 90000; i++) print "  date: 1" }'; sed -n '12,$p' plan.in; } > yaml-90k-duplicate-keys.yaml
{ sed -n 1,8p plan.in; printf '  '; many_a 524288; printf ': 1\n'; sed -n '9,$p' plan.in; } > yaml-500k-key.yaml
plan_with 3 '  superior: |\n    ĐẢNG BỘ KHỐI\n\tCÁC CƠ QUAN\n' > yaml-tab-in-block-scalar.yaml

# --- sizes that cost time ----------------------------------------------
# a topic longer than the 65535 bytes a PDF string may hold
{ sed -n 1,8p plan.in; printf '  topic: "'; awk 'BEGIN { s = "a"; while (length(s) < 70000) s = s s; printf "%s", substr(s, 1, 70000) }'; printf '"\n'; sed -n '10,$p' plan.in; } > size-topic-70k.yaml
# one format listed 30,000 times; one absentee listed 30,000 times
{ sed -n 1,15p plan.in; printf '  formats: ['; awk 'BEGIN { for (i = 0; i < 30000; i++) printf "quiz, " }'; printf 'quiz]\n'; sed -n '16,$p' plan.in; } > size-30k-same-format.yaml
{ sed -n 1,6p plan.in; printf '    official: 100000\n'; sed -n 8,19p plan.in; printf 'attendance:\n  present: 70000\n  absent:\n'
  awk 'BEGIN { for (i = 0; i < 30000; i++) print "    - name: \"Vũ Văn Phúc\"" }'; sed -n '22,$p' plan.in; } > size-30k-same-absentee.yaml
# 40,000 delegates: valid, and the minutes list them all
{ sed -n 1,19p plan.in; printf '  delegates:\n'; awk 'BEGIN { for (i = 0; i < 40000; i++) printf "    - name: ĐB %d\n", i }'; sed -n '20,$p' plan.in; } > size-40k-delegates.yaml
# a units register of 70,000 distinct units (under the 1 MiB limit)
{ printf 'name: "ĐẢNG BỘ CƠ QUAN"\nunits:\n'; awk 'BEGIN { for (i = 0; i < 70000; i++) printf "- name: %d\n", i }'; } > units-70k-units.yaml

# --- drafts named by a plan -------------------------------------------------
mkdir -p drafts
printf '# Bản đề dẫn ở ngoài thư mục\n' > ../outside-draft.md
ln -s ../../outside-draft.md drafts/link-out.md
ln -s /dev/zero drafts/zero.md
ln -s loop-b.md drafts/loop-a.md
ln -s loop-a.md drafts/loop-b.md
mkdir -p drafts/folder.md
mkfifo drafts/fifo.md
draft '# Phần I\n\nĐảng viên \033[31m gương \001 mẫu.\n' > drafts/control.md
plan_with 22 'draft: drafts/control.md\n' > draft-control-chars-via-plan.yaml

# --- lone drafts ----------------------------------------------------------
{ draft ''; awk 'BEGIN { for (i = 0; i < 10000; i++) printf ">"; print " Lời dạy." }'; } > md-10000-quotes.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "mục" }'; } > md-10000-lists.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "1. "; print "mục" }'; } > md-10000-ordered-lists.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "> - "; print "mục" }'; } > md-5000-quote-list-pairs.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 1500; i++) { for (j = 0; j < i; j++) printf "  "; print "- mục" } }'; } > md-1500-indented-lists.md
{ draft ''; many_a 1048576; printf '\n'; } > md-1mb-without-space.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "a\n\n" }'; } > md-3mb-one-letter-paragraphs.md
{ draft ''; awk 'BEGIN { for (i = 0; i < 30; i++) { for (j = 0; j <= i; j++) printf ">"; print " Đoạn trích dẫn lồng nhau, lời dạy của Bác về đạo đức cách mạng."; print "" } }'; } > md-30-nested-quotes.md
{ draft ''; many_a 10485760; printf '\n'; } > md-10mb.md
draft '# Phần I\n\nĐảng viên \033[31m gương \001 mẫu, \177 và \302\233.\n' > md-control-chars.md
draft '# Phần I\n\nĐảng viên\000 gương mẫu.\n' > md-nul.md
{ printf -- '---\ntitle: "B\341n đề dẫn"\n---\n'; printf '# Phần I\n'; } > md-invalid-in-front-matter.md
draft '# Phần I\n\nĐảng viên gương mẫu\341\272' > md-invalid-at-eof.md
draft '# Ph\307n I\n\n\247\266ng vi\252n g\255\254ng m\311u.\n' > md-tcvn3.md
# The same draft pasted from a .VnTime document: TCVN3 read as Windows-1252.
draft '# Ph\303\207n I\n\n\302\247\302\266ng vi\302\252n g\302\255\302\254ng m\303\211u.\n' > md-tcvn3-mojibake.md
# High bytes that read as no Vietnamese in any legacy encoding.
draft '# Ph\247n I\n\n\320\343ng vi\325n g\246\265ng m\342u.\n' > md-high-bytes-not-legacy.md
{ printf '\377\376'; draft '# Phần I\n' | iconv -f UTF-8 -t UTF-16LE; } > md-utf16.md
{ printf -- '---\ntitle: '; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; print "" }'; printf -- '---\n# Phần I\n'; } > md-front-matter-deep.md
draft '# Phần I\n\nĐảng viên gương mẫu.\n' | awk '{ printf "%s\r\n", $0 }' > md-crlf-accepted.md
draft '# Pha\314\202\314\200n I\n\nĐa\314\211ng vie\314\202n gu\314\233o\314\233ng ma\314\202\314\203u.\n' > md-nfd-accepted.md
# 20,000 inline HTML tags on one line (each dropped with a warning)
{ draft ''; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<b>x</b> "; print "" }'; } > md-20k-raw-html.md

# --- output paths ---------------------------------------------------------
# plain valid plans that the output cases write around
for name in plan-ok out-is-input out-is-draft out-missing-folder out-parent-is-file out-is-directory \
	out-in-proc out-file-size-limit out-name-too-long out-template report-output-is-plan \
	report-quarter-out-of-range report-units-not-a-file out-read-only-folder; do
	cp plan.in $name.yaml
done
plan_with 5 '  place: "L\377ng Sơn"\n' > out-stdout-with-errors.yaml
# a read-only folder (out-read-only-folder; skipped as root, who can write there)
mkdir -p ../ro
chmod 555 ../ro
# a copy of the templates folder, whose chi-bo.yaml out-template names as output
mkdir -p ../tpl
cp "$ROOT/templates/chi-bo.yaml" ../tpl/
cp plan.in out-hardlink-to-input.yaml
ln out-hardlink-to-input.yaml out-hardlink.pdf
cp plan.in out-symlink-to-input.yaml
ln -s out-symlink-to-input.yaml out-symlink.pdf

# --- units registers --------------------------------------------------------
printf 'name: "ĐẢNG BỘ CƠ QUAN"\nunits:\n  - name: "CHI B\377 VĂN PHÒNG"\n    members: 12\n' > units-invalid-utf8.yaml
printf '\000' > units-nul.yaml

# --- folders for report and build -------------------------------------------
mkdir -p report-hostile-folder/a report-hostile-folder/b
grep -v '^draft:' plan.in > report-hostile-folder/a/good.yaml
cp enc-invalid-in-value.yaml report-hostile-folder/b/invalid.yaml
printf 'meeting: &m {}\n' > report-hostile-folder/b/alias.yaml
cp yaml-deep-flow-sequence.yaml report-hostile-folder/b/deep.yaml
mkfifo report-hostile-folder/b/fifo.yaml
mkdir report-hostile-folder/b/folder.yaml
ln -s nowhere.yaml report-hostile-folder/b/dangling.yaml
ln -s . report-hostile-folder/b/loop
cp -R report-hostile-folder build-hostile-folder
mkdir -p build-hostile-folder/a/drafts
cp drafts/ok.md build-hostile-folder/a/drafts/
cp plan.in build-hostile-folder/a/good.yaml
mkdir -p build-output-is-file
cp plan.in build-output-is-file/x.yaml
mkdir -p build-output-is-file/drafts
cp drafts/ok.md build-output-is-file/drafts/
