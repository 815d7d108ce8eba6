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

for kind in plan draft note units template; do
	if "$BIN" schema "$kind" > "$work/$kind.json" && cmp -s "$work/$kind.json" "schemas/$kind.schema.json"; then
		ok "schemas/$kind.schema.json is what chuyende schema $kind writes"
	else
		bad "schemas/$kind.schema.json differs from chuyende schema $kind: run make schemas"
		diff "schemas/$kind.schema.json" "$work/$kind.json" | head -5 | sed 's/^/    /'
	fi
done

# Every file is validated by one python3 run (schema_check.py --list)
# once all are queued: `validate LABEL KIND FILE...` queues them; each
# label is then one test.
: > "$work/list"
: > "$work/groups"
validate() {
	label=$1 kind=$2
	shift 2
	for f in "$@"; do echo "$label schemas/$kind.schema.json $f"; done >> "$work/list"
	echo "$label $kind $#" >> "$work/groups"
}

validate plan-samples plan $(grep -L '^units:' $(find samples -name '*.yaml' | sort))
validate units units $(grep -l '^units:' $(find samples -name '*.yaml' | sort))
validate drafts draft $(find samples -name 'de-dan.md' | sort) templates/starter/de-dan.md
validate notes note $(find samples -name 'bao-cao-*.md' | sort)
validate templates template templates/*.yaml
validate plan-others plan templates/starter/ke-hoach.yaml tests/check/vietnamese-forms.yaml

# The forms the decoder accepts, the schema accepts; what it refuses, the
# schema refuses (labels refuse-N, the refused value in refuse-N.value).
cat > "$work/forms.yaml" <<'YAML'
organization: {name: "CHI BỘ A", members: {official: 3}}
meeting: {topic: "Học tập", category: ho-chi-minh, date: 20/03/2025, start: 14h00, end: 16 giờ 30, status: đã họp}
people: {chair: "Nguyễn Văn An", secretary: "Trần Thị Bình", presenter: "Lê Văn Cường"}
attendance: {present: 3}
agenda: [{step: opening, time: "7:05"}, {step: purpose, time: 14g10}, {step: discussion, time: 14 giờ 20 phút}]
YAML
validate forms plan "$work/forms.yaml"
i=0
for change in "date: 20/03/2025|date: 2025/03/20" "start: 14h00|start: 2pm" "status: đã họp|status: later" \
	"date: 20/03/2025|ngày: 20/03/2025"; do
	i=$((i + 1))
	sed "s|$change|" "$work/forms.yaml" > "$work/bad-$i.yaml"
	printf '%s\n' "${change#*|}" > "$work/refuse-$i.value"
	validate "refuse-$i" plan "$work/bad-$i.yaml"
done

python3 tests/suites/schema_check.py --list "$work/list" > "$work/checked" 2> "$work/checked.err"
while read -r label kind n; do
	out=$(sed -n "s/^\(ok\|FAIL\) $label /\1 /p" "$work/checked")
	case $label in
	refuse-*)
		value=$(cat "$work/$label.value")
		if [ "$(printf '%s\n' "$out" | grep -c '^FAIL ')" -eq 1 ]; then ok "plan schema refuses $value"
		else bad "plan schema takes $value$(head -c 200 "$work/checked.err")"; fi
		;;
	*)
		if [ "$(printf '%s\n' "$out" | grep -c '^ok ')" -eq "$n" ]; then
			ok "$kind schema: $n files valid"
		else
			bad "$kind schema: $(printf '%s\n' "$out" | grep -v '^ok ' | head -5)$(tail -3 "$work/checked.err")"
		fi
		;;
	esac
done < "$work/groups"

# Required in the schema = MISSING_FIELD from check, key by key: one
# python3 lists the keys, and writes the sample plan without the Nth as
# drop-N.yaml.
cp samples/ldld-lang-son/de-dan.md "$work/" 2>/dev/null
python3 - "$ROOT/schemas/plan.schema.json" samples/ldld-lang-son/ke-hoach.yaml "$work" > "$work/required" <<'PY'
import json, sys, yaml
s = json.load(open(sys.argv[1]))
def walk(node, path):
    for k in node.get("required", []):
        yield ".".join(path + [k])
    for k, v in node.get("properties", {}).items():
        if v.get("type") == "object" and "properties" in v:
            yield from walk(v, path + [k])
for i, key in enumerate(walk(s, [])):
    doc = yaml.load(open(sys.argv[2], encoding="utf-8"), Loader=yaml.BaseLoader)
    node, parts = doc, key.split(".")
    for p in parts[:-1]:
        node = node[p]
    del node[parts[-1]]
    with open("%s/drop-%d.yaml" % (sys.argv[3], i), "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    print(key)
PY
i=0
while read -r key; do
	# without meeting: a plan is not told from other files (UNKNOWN_KIND)
	want="\[MISSING_FIELD\].*\"$key\""
	[ "$key" = meeting ] && want="\[UNKNOWN_KIND\]"
	if "$BIN" check "$work/drop-$i.yaml" 2>&1 | grep -q "$want"; then
		ok "required $key: $want"
	else
		bad "the schema requires $key, check does not say MISSING_FIELD"
	fi
	i=$((i + 1))
done < "$work/required"
summary
