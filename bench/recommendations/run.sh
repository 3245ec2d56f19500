#!/usr/bin/env bash
# bench/recommendations/run.sh — time and memory of the offline evaluation and of the model rebuild at scale.
# See bench/recommendations/README.md.
#
#   1. `cloudmart recommendations evaluate --json` on synthetic interaction files of SIZES rows (default 100000 500000):
#      wall time and peak resident memory (/usr/bin/time), plus the metrics it printed.
#   2. `cloudmart recommendations train` over a SQLite database holding TRAIN_SIZE (default 500000) synthetic
#      interactions as paid order lines (imported with sqlite3): wall time, peak memory, rows written.
#
# Knobs (environment): SIZES="100000 500000" TRAIN_SIZE=500000 CPU=0 (the core to pin the measured process to).
# Results go to bench/results/recommendations-<UTC time>/ (git-ignored). Needs the .NET SDK, sqlite3 and GNU time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SIZES=${SIZES:-"100000 500000"}
TRAIN_SIZE=${TRAIN_SIZE:-500000}
CPU=${CPU:-0}
OUT=$ROOT/bench/results/recommendations-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

for tool in sqlite3 /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y sqlite3 time jq)" >&2; exit 1; }
done

echo "Building the app and the generator (Release)…"
dotnet build "$ROOT/src/CloudMart" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/recommendations/Generator" -c Release -v q -nologo >/dev/null
APP=$ROOT/src/CloudMart/bin/Release/net10.0/CloudMart.dll
GEN=$ROOT/bench/recommendations/Generator/bin/Release/net10.0/Generator.dll

summary=$OUT/summary.md
{
  echo "# Recommendations bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo
  echo "## evaluate (leave-last-basket-out, all three recommenders and the baseline)"
  echo
  echo "| interactions | users evaluated | wall s | peak RSS MB | popularity R@10 | co-purchase R@10 | user-history R@10 | user-history NDCG@10 |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$summary"

for size in $SIZES; do
  csv=$OUT/interactions-$size.csv
  dotnet "$GEN" "$csv" "$size" >/dev/null
  rows=$(($(wc -l <"$csv") - 1))
  mkdir -p "$OUT/eval-data"
  /usr/bin/time -f "%e %M" -o "$OUT/eval-$size.time" taskset -c "$CPU" \
    dotnet "$APP" recommendations evaluate --interactions "$csv" --json --CloudMart:DataDirectory="$OUT/eval-data" \
    >"$OUT/eval-$size.json" 2>"$OUT/eval-$size.progress"
  read -r wall rss <"$OUT/eval-$size.time"
  metric() { jq -r --arg n "$1" --arg m "$2" '.recommenders[] | select(.name == $n) | .[$m] * 10000 | round / 10000' "$OUT/eval-$size.json"; }
  echo "| $rows | $(jq .users "$OUT/eval-$size.json") | $wall | $((rss / 1024)) | $(metric popularity recallAt10) | $(metric co-purchase recallAt10) | $(metric user-history recallAt10) | $(metric user-history ndcgAt10) |" >>"$summary"
  echo "evaluate $rows interactions: ${wall} s, $((rss / 1024)) MB"
done

echo "Preparing a shop database with $TRAIN_SIZE interactions as paid orders…"
csv=$OUT/interactions-$TRAIN_SIZE.csv
[ -f "$csv" ] || dotnet "$GEN" "$csv" "$TRAIN_SIZE" >/dev/null
data=$OUT/train-data
mkdir -p "$data"
dotnet "$APP" migrate --CloudMart:DataDirectory="$data" >/dev/null
db=$data/cloudmart.db
[ -f "$db" ] || db=$(ls "$data"/*.db | head -1)
sqlite3 -bail "$db" <<SQL
.import --csv '$csv' raw
CREATE TEMP TABLE baskets AS SELECT DISTINCT basket FROM raw;
INSERT INTO recommendations_purchased_lines (OrderId, ProductId, CustomerId, Quantity, PlacedAt, State)
SELECT printf('00000000-0000-0000-0001-%012X', b.rowid), printf('00000000-0000-0000-0002-%012X', CAST(substr(r.item, 2) AS INTEGER)),
       printf('00000000-0000-0000-0003-%012X', CAST(substr(r.user, 2) AS INTEGER)), 1,
       replace(replace(r.timestamp, 'T', ' '), 'Z', ''), 'Counted'
FROM raw r JOIN baskets b ON b.basket = r.basket
GROUP BY b.rowid, r.item;
DROP TABLE raw;
SQL
lines=$(sqlite3 "$db" "SELECT count(*) FROM recommendations_purchased_lines")
/usr/bin/time -f "%e %M" -o "$OUT/train.time" taskset -c "$CPU" \
  dotnet "$APP" recommendations train --CloudMart:DataDirectory="$data" >"$OUT/train.out" 2>&1
read -r wall rss <"$OUT/train.time"
pairs=$(sqlite3 "$db" "SELECT count(*) FROM recommendations_co_purchases")
products=$(sqlite3 "$db" "SELECT count(*) FROM recommendations_product_buyers")
{
  echo
  echo "## train (rebuild from the module's purchase records, SQLite)"
  echo
  echo "| paid order lines | products | co-purchase rows written | wall s (process) | peak RSS MB |"
  echo "|---|---|---|---|---|"
  echo "| $lines | $products | $pairs | $wall | $((rss / 1024)) |"
} >>"$summary"
echo "train over $lines lines: ${wall} s, $((rss / 1024)) MB, $pairs pair rows"
rm -f "$OUT"/interactions-*.csv
echo
cat "$summary"
echo "Results: $OUT"
