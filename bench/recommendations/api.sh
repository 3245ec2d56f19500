#!/usr/bin/env bash
# bench/recommendations/api.sh — latency of the recommendation routes over a shop with 500k purchases.
# See bench/recommendations/README.md.
#
# Builds a SQLite shop: `seed --products 5000` (plus the demo catalog), `ai reindex` (product vectors for the
# content tiers), 500k synthetic interactions imported as paid order lines onto the 5,000 generated products,
# `recommendations train`. Then starts the app (relay off, so nothing else runs), signs up one customer with
# 5 purchases and 5 views, and times REQUESTS sequential requests per route with curl after WARMUP requests:
# also-bought of the best-seller, also-bought of a median seller, for-me, similar.
#
# Knobs (environment): INTERACTIONS=500000 PRODUCTS=5000 REQUESTS=300 WARMUP=50 PORT=5191 SERVER_CPU=0 CLIENT_CPU=1
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
INTERACTIONS=${INTERACTIONS:-500000}
PRODUCTS=${PRODUCTS:-5000}
REQUESTS=${REQUESTS:-300}
WARMUP=${WARMUP:-50}
PORT=${PORT:-5191}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
URL=http://127.0.0.1:$PORT
OUT=$ROOT/bench/results/recommendations-api-$(date -u +%Y%m%dT%H%M%SZ)
DATA=$OUT/data
mkdir -p "$DATA"

dotnet build "$ROOT/src/CloudMart" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/recommendations/Generator" -c Release -v q -nologo >/dev/null
APP=$ROOT/src/CloudMart/bin/Release/net10.0/CloudMart.dll
GEN=$ROOT/bench/recommendations/Generator/bin/Release/net10.0/Generator.dll
SETTINGS=(--CloudMart:DataDirectory="$DATA")

echo "Seeding $PRODUCTS products and embedding them…"
dotnet "$APP" seed --products "$PRODUCTS" "${SETTINGS[@]}" >"$OUT/seed.out" 2>&1
dotnet "$APP" ai reindex "${SETTINGS[@]}" >"$OUT/reindex.out" 2>&1
db=$DATA/cloudmart.db

echo "Importing $INTERACTIONS interactions as paid orders and training…"
csv=$OUT/interactions.csv
dotnet "$GEN" "$csv" "$INTERACTIONS" >/dev/null
sqlite3 -bail "$db" <<SQL
.import --csv '$csv' raw
CREATE TEMP TABLE baskets AS SELECT DISTINCT basket FROM raw;
CREATE TEMP TABLE products AS SELECT Id, ROW_NUMBER() OVER (ORDER BY Sku) - 1 AS n FROM catalog_products WHERE Sku LIKE 'GEN-%';
INSERT INTO recommendations_purchased_lines (OrderId, ProductId, CustomerId, Quantity, PlacedAt, State)
SELECT printf('00000000-0000-0000-0001-%012X', b.rowid), p.Id, printf('00000000-0000-0000-0003-%012X', CAST(substr(r.user, 2) AS INTEGER)), 1,
       replace(replace(r.timestamp, 'T', ' '), 'Z', ''), 'Counted'
FROM raw r JOIN baskets b ON b.basket = r.basket JOIN products p ON p.n = CAST(substr(r.item, 2) AS INTEGER) % $PRODUCTS
GROUP BY b.rowid, p.Id;
DROP TABLE raw;
SQL
rm -f "$csv"
dotnet "$APP" recommendations train "${SETTINGS[@]}" >"$OUT/train.out" 2>&1

echo "Starting the app…"
taskset -c "$SERVER_CPU" dotnet "$APP" serve --urls "$URL" "${SETTINGS[@]}" --CloudMart:Relay:Enabled=false --CloudMart:Search:EmbedOnStart=false \
  --CloudMart:RateLimits:SignInPerMinute=100000 --Logging:LogLevel:Default=Warning >"$OUT/app.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$URL/health/ready" >/dev/null && break; sleep 0.5; done

email="bench-$(date +%s)@example.com"
curl -sf -X POST "$URL/api/auth/register" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-Passw0rd-1\"}" >/dev/null
token=$(curl -sf -X POST "$URL/api/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-Passw0rd-1\"}" | jq -r .accessToken)
me=$(curl -sf "$URL/api/me" -H "authorization: Bearer $token" | jq -r .id | tr a-f A-F)
# The customer's history: five products of one synthetic cluster bought, five of the next viewed.
sqlite3 -bail "$db" <<SQL
INSERT INTO recommendations_purchased_lines (OrderId, ProductId, CustomerId, Quantity, PlacedAt, State)
SELECT printf('00000000-0000-0000-0009-%012X', n), Id, '$me', 1, '2026-06-01 10:00:00', 'Counted'
FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY Sku) - 1 AS n FROM catalog_products WHERE Sku LIKE 'GEN-%') WHERE n BETWEEN 10 AND 14;
INSERT INTO recommendations_views (CustomerId, ProductId, Views, LastViewedAt)
SELECT '$me', Id, 1, '2026-06-02 10:00:00'
FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY Sku) - 1 AS n FROM catalog_products WHERE Sku LIKE 'GEN-%') WHERE n BETWEEN 20 AND 24;
SQL
best=$(sqlite3 "$db" "SELECT lower(ProductId) FROM recommendations_product_buyers ORDER BY Buyers DESC LIMIT 1")
median=$(sqlite3 "$db" "SELECT lower(ProductId) FROM recommendations_product_buyers ORDER BY Buyers DESC LIMIT 1 OFFSET (SELECT count(*) / 2 FROM recommendations_product_buyers)")

time_route() { # name, url, [auth]
  local name=$1 url=$2 auth=${3:-}
  local args=(-s -o /dev/null -w '%{http_code} %{time_total}\n')
  [ -n "$auth" ] && args+=(-H "authorization: Bearer $auth")
  for _ in $(seq 1 "$WARMUP"); do taskset -c "$CLIENT_CPU" curl "${args[@]}" "$url" >/dev/null; done
  for _ in $(seq 1 "$REQUESTS"); do taskset -c "$CLIENT_CPU" curl "${args[@]}" "$url"; done >"$OUT/$name.times"
  local codes
  codes=$(cut -d' ' -f1 "$OUT/$name.times" | sort | uniq -c | tr -s ' ' | tr '\n' ';')
  sort -n -k2 "$OUT/$name.times" | awk -v n="$name" -v c="$codes" '{t[NR]=$2} END {printf "| %s | %.1f | %.1f | %.1f | %s |\n", n, t[int(NR*0.5)]*1000, t[int(NR*0.95)]*1000, t[NR]*1000, c}'
}

{
  echo "# Recommendation routes, $(date -u +%Y-%m-%dT%H:%MZ): $INTERACTIONS interactions on $PRODUCTS products, SQLite"
  echo
  tail -2 "$OUT/train.out" | tr -s '\n' ' '; echo
  echo
  echo "| route | median ms | p95 ms | max ms | status codes |"
  echo "|---|---|---|---|---|"
  time_route "also-bought (best-seller)" "$URL/api/recommendations/also-bought/$best"
  time_route "also-bought (median seller)" "$URL/api/recommendations/also-bought/$median"
  time_route "for-me (5 bought, 5 viewed)" "$URL/api/recommendations/for-me" "$token"
  time_route "similar" "$URL/api/recommendations/similar/$best"
  time_route "catalog page (reference)" "$URL/api/catalog/products?page=1&pageSize=20"
} | tee "$OUT/summary.md"
curl -s "$URL/api/recommendations/for-me" -H "authorization: Bearer $token" | jq -c '[.items[] | {name, reason, score}] | .[:5]' >"$OUT/for-me-sample.json"
echo "Results: $OUT"
