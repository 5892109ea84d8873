#!/usr/bin/env python3
"""Write a seed corpus for fuzz_jsonpath from the tests/fixtures/paths rows: fuzz/make_seeds.py OUT_DIR"""
import hashlib
import json
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "paths")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def load(name):
    with open(os.path.join(root, name), encoding="utf-8") as f:
        return json.load(f)


seeds = set()
paths = load("jsonpath_eval.json")
seeds.update(c["path"] for c in paths["cases"] + paths["badSyntax"])
calls = load("intrinsic_eval.json")
seeds.update(c["call"] for c in calls["cases"] + calls["failures"])
seeds.update(calls["badSyntax"])
templates = load("payload_template.json")
seeds.update(json.dumps(c["template"]) for c in templates["cases"] + templates["errors"])
seeds.update(c["text"] for c in load("timestamps.json")["valid"])
for seed in seeds:
    data = seed.encode("utf-8")
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {out}")
