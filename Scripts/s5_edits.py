#!/usr/bin/env python3
"""The S5 derivatives of Evaluation/rewrites-ext are syndicated copies of Reuters stories with light edits.
So that no Reuters text is stored in this repository, they are kept as edit scripts
(Evaluation/rewrites-ext/s5-edits.jsonl: the header we wrote, then word-level operations against the Reuters
body: "keep source tokens i..j", "insert these tokens of ours") and rebuilt from ../shared's Reuters file when
the evaluation feed is built.

    s5_edits.py encode DIR          # DIR/*.txt S5 files -> DIR/s5-edits.jsonl (run once, when writing them)
    s5_edits.py decode DIR OUT      # DIR/s5-edits.jsonl + Reuters -> OUT/NAME.txt
"""
import difflib
import gzip
import json
import os
import re
import sys

REUTERS = os.path.join(os.environ.get("SHARED", "../shared"), "eval", "reuters", "reuters21578.jsonl.gz")


def tokens(text):
    return [t for t in re.split(r"(\s+)", text) if t]


def stories(ids):
    out = {}
    with gzip.open(REUTERS, "rt") as f:
        for line in f:
            s = json.loads(line)
            if s["newid"] in ids:
                out[s["newid"]] = s["body"]
    return out


def encode(folder):
    manifest = [json.loads(l) for l in open(os.path.join(folder, "manifest.jsonl")) if l.strip()]
    s5 = [m for m in manifest if m["style"] == "S5"]
    bodies = stories({m["source_newid"] for m in s5})
    with open(os.path.join(folder, "s5-edits.jsonl"), "w") as out:
        for m in s5:
            text = open(os.path.join(folder, m["name"] + ".txt")).read()
            header, _, body = text.partition("\n\n")
            src, dst = tokens(bodies[m["source_newid"]]), tokens(body)
            ops = []
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, src, dst, autojunk=False).get_opcodes():
                if tag == "equal":
                    ops.append(["keep", i1, i2])
                elif j2 > j1:
                    ops.append(["ours", "".join(dst[j1:j2])])
            out.write(json.dumps({"name": m["name"], "source_newid": m["source_newid"], "header": header, "ops": ops}) + "\n")


def decode(folder, target):
    entries = [json.loads(l) for l in open(os.path.join(folder, "s5-edits.jsonl")) if l.strip()]
    bodies = stories({e["source_newid"] for e in entries})
    os.makedirs(target, exist_ok=True)
    for e in entries:
        src = tokens(bodies[e["source_newid"]])
        body = "".join("".join(src[op[1]:op[2]]) if op[0] == "keep" else op[1] for op in e["ops"])
        with open(os.path.join(target, e["name"] + ".txt"), "w") as f:
            f.write(e["header"] + "\n\n" + body)


if __name__ == "__main__":
    if sys.argv[1:2] == ["encode"]:
        encode(sys.argv[2])
    elif sys.argv[1:2] == ["decode"]:
        decode(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
