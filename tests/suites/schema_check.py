"""Validates YAML files (or Markdown front matter) against a JSON Schema
with python3-jsonschema. YAML is read as the program reads it: every
scalar is text except plain whole numbers and true/false (no YAML 1.1
dates, times in base 60, yes/no booleans). Prints "ok FILE" or "FAIL FILE:
errors"; exits 1 when any fails.
usage: schema_check.py SCHEMA FILE...
       schema_check.py --list LIST: each line of LIST is "LABEL SCHEMA FILE";
       prints "ok LABEL FILE" or "FAIL LABEL FILE: errors" for each (one
       python3 for a whole suite's files)."""
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


def errors_of(validator, path):
    """The first errors of one file, "" when it is valid."""
    try:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
    except Exception as e:  # unreadable, not YAML: not valid either
        return "%s: %s" % (type(e).__name__, e)
    return "; ".join("%s: %s" % ("/".join(map(str, e.path)), e.message) for e in errors[:5])


def validator_of(path, cache={}):
    if path not in cache:
        schema = json.load(open(path, encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        cache[path] = jsonschema.Draft7Validator(schema)
    return cache[path]


def main():
    if sys.argv[1] == "--list":
        jobs = [line.split(None, 2) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
        jobs = [(label + " ", schema, path.rstrip("\n")) for label, schema, path in jobs]
    else:
        jobs = [("", sys.argv[1], path) for path in sys.argv[2:]]
    bad = 0
    for tag, schema, path in jobs:
        try:
            errors = errors_of(validator_of(schema), path)
        except Exception as e:  # the schema itself
            errors = "%s: %s: %s" % (schema, type(e).__name__, e)
        if errors:
            bad += 1
            print("FAIL %s%s: %s" % (tag, path, errors))
        else:
            print("ok %s%s" % (tag, path))
    return 1 if bad else 0


sys.exit(main())
