#!/usr/bin/env bash
# Detection quality on ../shared/eval: builds the evaluation feed (Reuters-21578, the shared derivatives,
# this repo's Evaluation/rewrites-ext and Evaluation/same-event.jsonl), scans it with a release build and
# scores the report. With --check, fails when a figure README claims is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/dedupe-eval}
[ -d "$SHARED/eval" ] || { echo "eval: $SHARED/eval not found; skipped" >&2; exit 0; }
swift build -c release >/dev/null
# Our derivatives: the written ones as they are, the S5 syndicated copies rebuilt from their edit scripts
# against the Reuters bodies in ../shared (no Reuters text is stored in the repository).
rm -rf "$OUT/rewrites-ext" && mkdir -p "$OUT/rewrites-ext"
cp Evaluation/rewrites-ext/*.txt "$OUT/rewrites-ext/"
SHARED="$SHARED" python3 Scripts/s5_edits.py decode Evaluation/rewrites-ext "$OUT/rewrites-ext"
python3 "$SHARED/eval/build_feed.py" "$OUT" \
  --derived "$SHARED/eval/rewrites-dev" --manifest "$SHARED/eval/rewrites-dev/manifest.jsonl" \
  --derived "$OUT/rewrites-ext" --manifest Evaluation/rewrites-ext/manifest.jsonl \
  --extra-truth Evaluation/same-event.jsonl
start=$(date +%s.%N)
.build/release/dedupe scan "$OUT/feed" --output "$OUT/report.json" --quiet
end=$(date +%s.%N)
start_copy=$(date +%s.%N)
.build/release/dedupe scan "$OUT/feed" --output "$OUT/report-copies.json" --quiet --no-rewrites
end_copy=$(date +%s.%N)
python3 "$SHARED/eval/score.py" "$OUT/report.json" "$OUT/truth.jsonl"
python3 "$SHARED/eval/score.py" "$OUT/report.json" "$OUT/truth.jsonl" --json > "$OUT/score.json"
python3 -c "import sys; a,b,c,d=map(float,sys.argv[1:]); print(f'scan with rewrites: {b-a:.2f} s wall; copies only: {d-c:.2f} s wall')" "$start" "$end" "$start_copy" "$end_copy"
if [ "${1:-}" = "--check" ]; then
  python3 Scripts/check_eval.py "$OUT/score.json"
fi
