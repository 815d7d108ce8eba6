#!/bin/sh
# The pipeline's boundaries, as README's folders table draws them: each
# file of generator/ includes only the headers its stage may see (the
# prefix of its name says its stage), so that layout knows boxes, metrics
# and pages only, the painter never sees the input, and libharu stays in
# pdf_*. A header outside these lists fails too: say where it belongs.
set -u
SUITE=stages
. "$(dirname "$0")/../suite-lib.sh"
cd "$ROOT/generator" || exit 1

support="util.h text.h date.h words.h diag.h syserr.h output.h walk.h watch.h archive.h phrases.h datadir.h os.h"
read="source.h legacy.h yamltree.h yfrozen.h markdown.h"
model="decode.h keys.h plan.h units.h draft.h template.h schema.h face.h"
check="check.h session.h"
report="report.h"   # the tally, which doc_report.c prints
doc="documents.h compose.h party.h doc_info.h layout.h $report"
render="render.h font.h"

# The headers a file of the stage may include (besides its own and the
# system's).
allowed() {
	case $1 in
	layout_*) echo "layout.h layout_engine.h face.h util.h text.h" ;;
	font_*) echo "font.h font_sfnt.h face.h layout.h diag.h util.h text.h syserr.h os.h" ;;
	pdf_*) echo "painter.h hpdf_bridge.h pdf_syntax.h font.h layout.h face.h doc_info.h date.h diag.h util.h text.h output.h syserr.h os.h" ;;
	read_*) echo "$support $read" ;;
	model_*) echo "$support $read $model" ;;
	check_*) echo "$support $read $model $check" ;;
	doc_*) echo "$support $read $model $check $doc" ;;
	report_*) echo "$support $read $model $check $doc $report $render" ;;
	render_pdf.c) echo "render.h painter.h" ;;
	render_*) echo "$support $read $model $check $doc $report $render" ;;
	*) echo "-" ;;  # commands and support: any
	esac
}

for f in *.c *.h; do
	list=$(allowed "$f")
	[ "$list" = "-" ] && continue
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		case " $list ${f%.c}.h keys.def diag.def words.def " in
		*" $h "*) ;;
		*) bad "$f includes $h, which its stage may not see" ; continue 2 ;;
		esac
	done
	ok "$f"
done

# libharu: hpdf.h in the painter and the bridge only; its private headers in the bridge only.
public=$(grep -l '#include <hpdf' *.c *.h | tr '\n' ' ')
[ "$public" = "pdf_hpdf_bridge.c pdf_painter.c " ] && ok "hpdf.h only in pdf_*" || bad "hpdf.h in: $public"
# layout_*: no PDF, no input
if grep -l 'HPDF\|yaml_\|cmark_' layout_*.c layout.h > /dev/null 2>&1; then
	bad "layout names libharu, libyaml or cmark"
else
	ok "layout names no library"
fi
summary
