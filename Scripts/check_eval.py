#!/usr/bin/env python3
"""Fails (exit 1) when the evaluation scores fall below the figures README claims."""
import json
import sys

rows = json.load(open(sys.argv[1]))["rows"]
checks = [
    ("duplicate/reuters-identical", "linked", ">=", 1.0),
    ("near-duplicate/S5", "relation", ">=", 1.0),
    ("rewrite/S1", "linked", ">=", 0.95),
    ("rewrite/S2", "linked", ">=", 0.95),
    ("rewrite/S3", "linked", ">=", 0.95),
    ("rewrite/S4", "linked", ">=", 0.95),
    ("rewrite", "relation", ">=", 0.90),
    ("unrelated/same-topic", "linked", "<=", 0.01),
    ("unrelated/same-event", "linked", "<=", 0.01),
]
failed = 0
for row, measure, op, bound in checks:
    value = rows.get(row, {}).get(measure)
    ok = value is not None and (value >= bound if op == ">=" else value <= bound)
    print(f"{'ok  ' if ok else 'FAIL'} {row} {measure} = {value} (want {op} {bound})")
    failed += not ok
sys.exit(1 if failed else 0)
