#!/bin/sh
# Makes the inputs of the golden cases that cannot live in git. Runs inside
# the scratch copy of tests/check (tests/suites/check.sh), never in the tree.
set -eu

# FILE_TOO_LARGE: a plan just over the 1 MiB limit (comment lines).
{
	echo "# Tệp lớn hơn 1 MiB."
	i=0
	while [ $i -lt 16400 ]; do
		echo "# dòng chú thích để làm tệp lớn hơn giới hạn ......................."
		i=$((i + 1))
	done
} > file-too-large.yaml

# YAML_TOO_DEEP: 100000 "[" in a row.
awk 'BEGIN { s = "["; while (length(s) < 100000) s = s s; printf "%s\n", substr(s, 1, 100000) }' > deep-nesting.yaml

# YAML_TOO_MANY_NODES: a flow list of 250001 scalars (about 500 KiB).
awk 'BEGIN { printf "["; for (i = 0; i < 250001; i++) printf "%s1", (i ? "," : ""); print "]" }' > too-many-nodes.yaml

# DRAFT_OUTSIDE: a symlink out of the cases' folder to a real file.
printf '# Bản đề dẫn ở ngoài thư mục\n' > ../outside-draft.md
ln -sf ../../outside-draft.md drafts/link-out.md

# DRAFT_NOT_FILE: a directory and a FIFO named like drafts.
mkdir -p drafts/thu-muc.md
rm -f drafts/fifo.md
mkfifo drafts/fifo.md

# FONT_FAILED: a template folder whose chi-bo names a font that is nowhere.
mkdir -p tpl-nofont
sed 's/regular: LiberationSerif-Regular.ttf/regular: KhongCo-Regular.ttf/' "$ROOT/templates/chi-bo.yaml" > tpl-nofont/chi-bo.yaml

# A folder walk takes a symlinked plan only when it resolves inside the
# folder: walk-links/ holds an invalid plan, a link to it, a link out of the
# folder to an invalid plan, a dangling link and a link loop.
mkdir -p walk-links/sub
printf 'meeting: [\n' > walk-links/sub/broken.yaml
printf 'meeting: {\n' > ../outside-plan.yaml
ln -sf sub/broken.yaml walk-links/inside.yaml
ln -sf ../../outside-plan.yaml walk-links/outside.yaml
ln -sf nowhere.yaml walk-links/dangling.yaml
ln -sf loop.yaml walk-links/loop.yaml

# CONTROL_CHAR in a draft: raw ESC and SOH on line 3 (once a line, at the
# first), DEL on line 5, U+009B on line 7; tabs and CR LF are text.
printf '# Ký tự điều khiển\r\n\r\nĐảng viên \033[31m gương \001 mẫu.\r\n\r\nTab\tvà DEL \177.\r\n\r\nC1: \302\233.\r\n' > draft-control-char.md

# Old Mac line ends (a lone CR), as libyaml and cmark count lines: an invalid
# byte and a tab indentation on line 6 are reported at line 6.
{ sed -n 1,5p control-char.yaml; printf '  place: "L\377ng Sơn"\n'; sed -n '7,$p' control-char.yaml; } | tr '\n' '\r' > cr-only-invalid-utf8.yaml
{ sed -n 1,5p control-char.yaml; printf '\tplace: "Lạng Sơn"\n'; sed -n '7,$p' control-char.yaml; } | tr '\n' '\r' > cr-only-tab-indent.yaml

# TOO_MANY_DIAGNOSTICS after warnings only is a warning (hidden by -q); after
# a dropped error, an error. 150 inline tags on one line (RAW_HTML, columns
# counted on along the line), then, in the second draft, 33 nested quotes.
tags() { awk 'BEGIN { for (i = 0; i < 150; i++) printf "<b>x</b> "; print "" }'; }
{ printf '# Phần I\n\n'; tags; } > too-many-warnings.md
# (a plan: 150 repeats of a format, warnings, then an unknown one, an error)
{ sed -n 1,7p minimal-planned.yaml; printf '  formats: ['; awk 'BEGIN { for (i = 0; i < 150; i++) printf "staged, " }'; printf 'nope]\n'; sed -n '8,$p' minimal-planned.yaml; } > too-many-warnings-then-error.yaml

# A draft with lone CR line ends: its front matter is read (a bad status on
# line 3), and positions in the Markdown count lines as cmark does (line 7).
printf -- '---\rtitle: "Bản đề dẫn"\rstatus: dang-viet\r---\r# Phần I\r\rNội dung.\r' > draft-cr-only-front-matter.md
printf -- '---\rtitle: "Bản đề dẫn"\rstatus: final\r---\r# Phần I\r\rXem <b>phụ lục</b>.\r' > draft-cr-only-raw-html.md

# NUMBER_OUT_OF_RANGE and TEMPLATE_INVALID in templates: a margin past its
# range, and margins that leave a text column 10 mm wide.
sed 's/^  margin_top_mm: 20/  margin_top_mm: 500/' "$ROOT/templates/chi-bo.yaml" > template-out-of-range.yaml
sed 's/^  margin_left_mm: 30/  margin_left_mm: 185/' "$ROOT/templates/chi-bo.yaml" > template-narrow-column.yaml

# MARKDOWN_TOO_COMPLEX: 4 MB of "*a* " would need 700 MB of Markdown tree.
{ printf -- '---\ntitle: "Bản đề dẫn"\n---\n'; awk 'BEGIN { s = "*a* "; while (length(s) < 4000000) s = s s; print s }'; } > markdown-too-complex.md

# PAGE_LIMIT: a code block of 120,000 lines runs past 2,000 pages.
{ printf -- '---\ntitle: "Bản đề dẫn"\n---\n```\n'; awk 'BEGIN { for (i = 0; i < 120000; i++) print "a" }'; printf '```\n'; } > page-limit.md

# INIT_EXISTS: a folder that has a plan already.
mkdir -p init-exists
printf '# kế hoạch của tôi\n' > init-exists/ke-hoach.yaml

# REGISTER_UNREADABLE: a build whose output folder holds a damaged register.
mkdir -p register-broken/in register-broken/out
grep -v '^draft:' render-ok.yaml > register-broken/in/ke-hoach.yaml
printf '"ngay","sha256","tep"\r\n"2023-03-01","abc\r\n' > register-broken/out/so-luu-tru.csv

# MARKDOWN_TOO_MANY_BRACKETS: one paragraph of 2,001 links, refused before
# cmark 0.30.2 spends their square scanning its bracket stack.
{ printf -- '---\ntitle: "Bản đề dẫn"\n---\n# Phần I\n\nĐoạn đầu.\n\n'; awk 'BEGIN { for (i = 0; i < 2001; i++) printf "[a](b) "; print "" }'; } > markdown-too-many-brackets.md

# Templates: copies of templates/chi-bo.yaml, each with one fault (and one
# without), so that they follow the real template as it changes.
T="$ROOT/templates/chi-bo.yaml"
cp "$T" template-valid.yaml
sed 's/^  - id: response$/  - id: discussion/' "$T" > template-duplicate-step.yaml
awk '/^steps:/ { print "steps: []"; skip = 1; next } skip && /^[a-z_]+:/ { skip = 0 } !skip' "$T" > template-no-steps.yaml
sed 's/^    person: "Đồng chí {name}"$/    person: "Đồng chí {ten}"/' "$T" > template-unknown-field.yaml
sed 's/^    clock: "{hour} giờ {minute}"$/    clock: "{hour giờ {minute}"/' "$T" > template-braces.yaml

# convert: bytes that are neither UTF-8 nor any legacy encoding it knows
# (LEGACY_UNKNOWN), and two more names of a legacy plan, a symlink and a
# hard link, as outputs (OUTPUT_IS_INPUT).
printf 'Ghi ch\303\272: \377\376 \200\201 h\341\273\217ng\n' > convert-unknown.txt
ln -sf legacy-tcvn3-raw.yaml legacy-symlink.yaml
ln -f legacy-tcvn3-raw.yaml legacy-hardlink.yaml

# verify: a register naming a file outside its folder (VERIFY_OUTSIDE).
mkdir -p register-tampered
printf '"loai","so","ngay","don_vi","chuyen_de","nguoi_lap","so_trang","sha256","tep","tinh_trang"\r\n"de-dan","","2023-03-01","CHI BỘ","Chuyên đề","","1","%s","../outside-plan.yaml",""\r\n' \
	0000000000000000000000000000000000000000000000000000000000000000 > register-tampered/so-luu-tru.csv

# verify: a register listing a file that is gone (VERIFY_MISSING).
mkdir -p register-missing
printf '"loai","so","ngay","don_vi","chuyen_de","nguoi_lap","so_trang","sha256","tep","tinh_trang"\r\n"bien-ban","05-BB/CB","2023-03-21","CHI BỘ","Chuyên đề","Thư ký","2","%s","a/ke-hoach.bien-ban.pdf",""\r\n' \
	0000000000000000000000000000000000000000000000000000000000000000 > register-missing/so-luu-tru.csv

# verify: a register whose file has changed since (VERIFY_CHANGED).
mkdir -p register-changed/a
printf '%%PDF-1.4 changed\n' > register-changed/a/ke-hoach.de-dan.pdf
printf '"loai","so","ngay","don_vi","chuyen_de","nguoi_lap","so_trang","sha256","tep","tinh_trang"\r\n"de-dan","05-ĐD/CB","2023-03-21","CHI BỘ","Chuyên đề","Người trình bày","2","%s","a/ke-hoach.de-dan.pdf",""\r\n' \
	1111111111111111111111111111111111111111111111111111111111111111 > register-changed/so-luu-tru.csv

# header.left_percent outside 20..80: the header would leave one side no room.
sed 's/^  left_percent: 41$/  left_percent: 90/' "$ROOT/templates/cong-doan.yaml" > template-header-share.yaml
