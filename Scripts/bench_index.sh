#!/usr/bin/env bash
# Incremental indexing benchmark (README, "Nightly runs"): builds an index of a generated feed of N articles
# (default 100,000), adds NEW (default 1,000) newly generated articles and times that run against a full plain
# scan of all N + NEW. Needs ../shared/bench/gen_corpus.py (numpy). Release build; /usr/bin/time for peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/dedupe-index-bench}
N=${N:-100000}
NEW=${NEW:-1000}
mkdir -p "$OUT"
swift build -c release >/dev/null
BIN=$PWD/.build/release/dedupe
[ -d "$OUT/base" ] || python3 "$SHARED/bench/gen_corpus.py" "$OUT/base" --n "$N" --seed 1 >/dev/null
[ -d "$OUT/new" ] || python3 "$SHARED/bench/gen_corpus.py" "$OUT/new" --n "$NEW" --seed 2 >/dev/null
rm -rf "$OUT/feed" "$OUT/index.sqlite"* && mkdir -p "$OUT/feed" && ln -s "$OUT/base" "$OUT/feed/base"

measure() {  # measure TAG LABEL COMMAND...
  local tag=$1 label=$2; shift 2
  # The previous step's writes (the index build writes about 1 GB) are flushed first, so their write-back
  # does not land in the next step's time.
  sync
  /usr/bin/time -f "%e %M" -o "$OUT/$tag.time" "$@" >/dev/null 2>"$OUT/$tag.log" || true
  read -r secs kb < "$OUT/$tag.time"
  printf '%-36s %9.2f s wall  %7d MB peak RSS\n' "$label" "$secs" "$((kb / 1024))"
}

echo "generated feed: $N articles, then $NEW more ($OUT)"
measure build "index build, $N articles" "$BIN" scan "$OUT/feed" --index "$OUT/index.sqlite" --quiet --output "$OUT/night1.json"
ln -s "$OUT/new" "$OUT/feed/new"
measure incremental "incremental run, +$NEW articles" "$BIN" scan "$OUT/feed" --index "$OUT/index.sqlite" --only-new --quiet --output "$OUT/night2.json"
measure full "full plain scan, $((N + NEW)) articles" "$BIN" scan "$OUT/feed" --quiet --output "$OUT/full.json"
python3 -c "
inc, full = (float(open('$OUT/' + t + '.time').read().split()[0]) for t in ('incremental', 'full'))
print(f'incremental / full scan = {inc / full:.3f} (target <= 0.05)')"
