"""Validates YAML files (or Markdown front matter) against a JSON Schema
with python3-jsonschema. YAML is read as the program reads it: every
scalar is text except plain whole numbers and true/false (no YAML 1.1
dates, times in base 60, yes/no booleans). Prints "ok FILE" or "FAIL FILE:
errors"; exits 1 when any fails.
usage: schema_check.py SCHEMA FILE..."""
import json
import re
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# Only what chuyende itself reads as numbers and booleans.
Loader.yaml_implicit_resolvers = {}
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:0|[1-9][0-9]*)$"), list("0123456789"))
Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[0-9]+\.[0-9]+$"), list("0123456789"))
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


def load(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".md"):
        m = re.match(r"---\n(.*?)\n---\n", text, re.S)
        text = m.group(1) if m else ""
    return yaml.load(text, Loader=Loader)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        if errors:
            bad += 1
            print("FAIL %s: %s" % (path, "; ".join("%s: %s" % ("/".join(map(str, e.path)), e.message) for e in errors[:5])))
        else:
            print("ok %s" % path)
    return 1 if bad else 0


sys.exit(main())
