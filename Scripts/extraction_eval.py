#!/usr/bin/env python3
"""Measures how well dedupe extracts the article text of HTML pages, next to trafilatura.

Evaluation/extraction/build_pages.py generates the pages (pages/NAME.html) and the article text we wrote for
each (reference/NAME.txt) into a temporary folder (or --data DIR, generated there when empty). The script runs `dedupe extract` over the pages and
trafilatura (default settings, comments left out: a reader's comments are not the article) over each page,
and scores both against the reference with word-level precision and recall:

  words      lower-case runs of letters and digits (Unicode), counted as a multiset
  precision  words of the extraction also in the reference (min of the two counts) / words of the extraction
  recall     the same overlap / words of the reference

"all pages" sums the overlaps and word counts over every page (micro average); "mean" averages the
per-page figures. Prints a Markdown table.

Usage (trafilatura lives in a virtualenv outside the repository):

  python3 -m venv /tmp/trafilatura-venv
  /tmp/trafilatura-venv/bin/pip install trafilatura lxml_html_clean
  swift build -c release
  /tmp/trafilatura-venv/bin/python Scripts/extraction_eval.py [--dedupe .build/release/dedupe] [--check]

--check exits 1 unless dedupe's precision and recall over all pages are at least trafilatura's.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text):
    return Counter(w.lower() for w in WORD.findall(text or ""))


def overlap(a, b):
    return sum((a & b).values())


def dedupe_texts(executable, pages):
    run = subprocess.run([executable, "extract", "--quiet", pages], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"dedupe extract failed ({run.returncode}): {run.stderr}")
    texts = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        texts[os.path.splitext(record["id"])[0]] = record["text"]
    return texts


def trafilatura_texts(pages, names):
    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is not installed in this Python; see the usage at the top of this script")
    texts = {}
    for name in names:
        with open(os.path.join(pages, name + ".html"), encoding="utf-8") as f:
            texts[name] = trafilatura.extract(f.read(), include_comments=False) or ""
    return texts, trafilatura.__version__ if hasattr(trafilatura, "__version__") else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dedupe", default=os.path.join(ROOT, ".build", "release", "dedupe"))
    parser.add_argument("--data", default=None, help="folder with pages/ and reference/ (default: generated)")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.data is None or not os.path.isdir(os.path.join(args.data, "pages")):
        sys.path.insert(0, os.path.join(ROOT, "Evaluation", "extraction"))
        import build_pages
        args.data = build_pages.main(args.data)

    pages = os.path.join(args.data, "pages")
    names = sorted(os.path.splitext(n)[0] for n in os.listdir(pages) if n.endswith(".html"))
    references = {}
    for name in names:
        with open(os.path.join(args.data, "reference", name + ".txt"), encoding="utf-8") as f:
            references[name] = words(f.read())

    tools = {"dedupe": dedupe_texts(args.dedupe, pages)}
    tools["trafilatura"], version = trafilatura_texts(pages, names)

    totals = {tool: [0, 0, 0] for tool in tools}  # overlap, extracted words, reference words
    per_page = {tool: [] for tool in tools}
    print(f"| page | dedupe P | dedupe R | trafilatura P | trafilatura R |")
    print(f"| --- | --- | --- | --- | --- |")
    for name in names:
        reference = references[name]
        cells = []
        for tool in tools:
            extracted = words(tools[tool].get(name, ""))
            common = overlap(extracted, reference)
            n_ext, n_ref = sum(extracted.values()), sum(reference.values())
            p = common / n_ext if n_ext else 0.0
            r = common / n_ref if n_ref else 0.0
            per_page[tool].append((p, r))
            t = totals[tool]
            t[0] += common
            t[1] += n_ext
            t[2] += n_ref
            cells += [f"{p:.3f}", f"{r:.3f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")
    summary = {}
    cells_all, cells_mean = [], []
    for tool in tools:
        common, n_ext, n_ref = totals[tool]
        p, r = common / n_ext, common / n_ref
        summary[tool] = (p, r)
        cells_all += [f"**{p:.3f}**", f"**{r:.3f}**"]
        mp = sum(x[0] for x in per_page[tool]) / len(names)
        mr = sum(x[1] for x in per_page[tool]) / len(names)
        cells_mean += [f"{mp:.3f}", f"{mr:.3f}"]
    print(f"| **all pages** ({len(names)}) | " + " | ".join(cells_all) + " |")
    print(f"| mean of pages | " + " | ".join(cells_mean) + " |")
    for tool, (p, r) in summary.items():
        f1 = 2 * p * r / (p + r) if p + r else 0
        print(f"\n{tool}: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}" + (f" (trafilatura {version})" if tool == "trafilatura" else ""), end="")
    print()
    if args.check:
        (dp, dr), (tp, tr) = summary["dedupe"], summary["trafilatura"]
        if dp < tp or dr < tr:
            print("check failed: dedupe is below trafilatura", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
