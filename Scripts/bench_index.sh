#!/usr/bin/env bash
# Incremental indexing benchmark (the "Nightly runs" figure in README): builds an index of a generated
# 100,000-article feed, then adds 1,000 new generated articles and times that run against a full plain scan
# of all 101,000. Needs ../shared/bench/gen_corpus.py (and numpy). Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/dedupe-index-bench}
N=${N:-100000}
NEW=${NEW:-1000}
mkdir -p "$OUT/feed"
swift build -c release >/dev/null
BIN=.build/release/dedupe
[ -d "$OUT/base" ] || python3 "$SHARED/bench/gen_corpus.py" "$OUT/base" --n "$N" --seed 1 >/dev/null
[ -d "$OUT/new" ] || python3 "$SHARED/bench/gen_corpus.py" "$OUT/new" --n "$NEW" --seed 2 >/dev/null
rm -rf "$OUT/feed" && mkdir -p "$OUT/feed" && ln -s "$OUT/base" "$OUT/feed/base"
rm -f "$OUT/index.sqlite"*

measure() {  # measure NAME COMMAND...: wall seconds and peak RSS (MB) via /usr/bin/time
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" >/dev/null 2>"$OUT/$name.log" || true
  read -r secs kb < "$OUT/$name.time"
  printf '%-34s %8.2f s  %7.0f MB\n' "$name" "$secs" "$((kb / 1024))"
}

echo "feed: $N base articles + $NEW new ($OUT)"
measure "index build ($N)" $BIN scan "$OUT/feed" --index "$OUT/index.sqlite" --quiet --output "$OUT/night1.json"
ln -s "$OUT/new" "$OUT/feed/new"
measure "incremental (+$NEW)" $BIN scan "$OUT/feed" --index "$OUT/index.sqlite" --only-new --quiet --output "$OUT/night2.json"
measure "full plain scan ($((N + NEW)))" $BIN scan "$OUT/feed" --quiet --output "$OUT/full.json"
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
t = lambda n: float(open(f"{out}/{n}.time").read().split()[0])
inc, full = t("incremental (+%s)" % __import__("os").environ.get("NEW", "1000")), t("full plain scan (%d)" % (int(__import__("os").environ.get("N", "100000")) + int(__import__("os").environ.get("NEW", "1000"))))
print(f"incremental / full = {inc / full:.3f} (target <= 0.05)")
PY
