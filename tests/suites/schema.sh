#!/bin/sh
# JSON Schemas (schemas/*.json) for editors: they are what
# `chuyende schema KIND` writes from keys.def (a change to the decoder's
# tables that is not carried to schemas/ fails here: run `make schemas`);
# python3-jsonschema finds each a valid draft-07 schema and every sample
# plan, units register, draft and report note valid against its own; the
# plans of the golden cases that check without errors are valid too; and
# every key the plan schema calls required is one whose absence check
# reports as MISSING_FIELD.
set -u
SUITE=schema
. "$(dirname "$0")/../suite-lib.sh"
cd "$ROOT" || exit 1
CHECK="python3 tests/suites/schema_check.py"

for kind in plan draft note units template; do
	if "$BIN" schema "$kind" > "$work/$kind.json" && cmp -s "$work/$kind.json" "schemas/$kind.schema.json"; then
		ok "schemas/$kind.schema.json is what chuyende schema $kind writes"
	else
		bad "schemas/$kind.schema.json differs from chuyende schema $kind: run make schemas"
		diff "schemas/$kind.schema.json" "$work/$kind.json" | head -5 | sed 's/^/    /'
	fi
done

# $1 schema kind, then files
validate() {
	kind=$1
	shift
	out=$($CHECK "schemas/$kind.schema.json" "$@" 2>&1)
	st=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	if [ $st -eq 0 ] && [ "$n" -eq $# ]; then
		ok "$kind schema: $n files valid"
	else
		bad "$kind schema: $(printf '%s\n' "$out" | grep -v '^ok ' | head -5)"
	fi
}

validate plan $(grep -L '^units:' $(find samples -name '*.yaml' | sort))
validate units $(grep -l '^units:' $(find samples -name '*.yaml' | sort))
validate draft $(find samples -name 'de-dan.md' | sort) templates/starter/de-dan.md
validate note $(find samples -name 'bao-cao-*.md' | sort)
validate template templates/*.yaml
validate plan templates/starter/ke-hoach.yaml tests/check/vietnamese-forms.yaml

# The forms the decoder accepts, the schema accepts; what it refuses, the
# schema refuses.
cat > "$work/forms.yaml" <<'YAML'
organization: {name: "CHI BỘ A", members: {official: 3}}
meeting: {topic: "Học tập", category: ho-chi-minh, date: 20/03/2025, start: 14h00, end: 16 giờ 30, status: đã họp}
people: {chair: "Nguyễn Văn An", secretary: "Trần Thị Bình", presenter: "Lê Văn Cường"}
attendance: {present: 3}
agenda: [{step: opening, time: "7:05"}, {step: purpose, time: 14g10}, {step: discussion, time: 14 giờ 20 phút}]
YAML
validate plan "$work/forms.yaml"
for change in "date: 20/03/2025|date: 2025/03/20" "start: 14h00|start: 2pm" "status: đã họp|status: later" \
	"date: 20/03/2025|ngày: 20/03/2025"; do
	bad_value=${change#*|}
	sed "s|$change|" "$work/forms.yaml" > "$work/bad.yaml"
	if $CHECK schemas/plan.schema.json "$work/bad.yaml" >/dev/null 2>&1; then
		bad "plan schema takes $bad_value"
	else
		ok "plan schema refuses $bad_value"
	fi
done

# Required in the schema = MISSING_FIELD from check, key by key.
python3 - "$ROOT/schemas/plan.schema.json" > "$work/required" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
def walk(node, path):
    for k in node.get("required", []):
        print(".".join(path + [k]))
    for k, v in node.get("properties", {}).items():
        if v.get("type") == "object" and "properties" in v:
            walk(v, path + [k])
walk(s, [])
PY
base=samples/ldld-lang-son/ke-hoach.yaml
while read -r key; do
	python3 - "$base" "$key" > "$work/drop.yaml" <<'PY'
import sys, yaml
from yaml import SafeLoader
doc = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.BaseLoader)
node, parts = doc, sys.argv[2].split(".")
for p in parts[:-1]:
    node = node[p]
del node[parts[-1]]
yaml.safe_dump(doc, sys.stdout, allow_unicode=True, sort_keys=False)
PY
	cp samples/ldld-lang-son/de-dan.md "$work/" 2>/dev/null
	# without meeting: a plan is not told from other files (UNKNOWN_KIND)
	want="\[MISSING_FIELD\].*\"$key\""
	[ "$key" = meeting ] && want="\[UNKNOWN_KIND\]"
	if "$BIN" check "$work/drop.yaml" 2>&1 | grep -q "$want"; then
		ok "required $key: $want"
	else
		bad "the schema requires $key, check does not say MISSING_FIELD"
	fi
done < "$work/required"
summary
