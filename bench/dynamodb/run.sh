#!/usr/bin/env bash
# bench/dynamodb/run.sh — DynamoDB capacity units per placed order, per confirmed order and per cart change, and what
# a million orders a month cost on on-demand pricing. See bench/dynamodb/README.md.
#
# The shop runs in-process (the CapacityBench test, tests/CloudMart.Tests/Aws/CapacityBench.cs) with Ordering,
# Inventory and Cart's DynamoDB adapters on moto and CloudMart:DynamoDb:RecordCapacity on: every call asks for
# ReturnConsumedCapacity=TOTAL and the recorder sums what moto reports (measured) and what DynamoDB's documented
# rules charge for the item sizes the call carried (computed). Moto is not a speed proxy: no latency is reported.
#
# Knobs (environment): ORDERS=200 CART_CHANGES=200
#   CLOUDMART_TEST_DYNAMODB=http://127.0.0.1:<port> uses a running moto; otherwise one is started on a free loopback
#   port (scripts/moto-server.py) and stopped on exit.
#   WRU_PRICE=0.625 RRU_PRICE=0.125: USD per million write / read request units (on-demand, us-east-1; see README)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ORDERS=${ORDERS:-200}
CART_CHANGES=${CART_CHANGES:-200}
WRU_PRICE=${WRU_PRICE:-0.625}
RRU_PRICE=${RRU_PRICE:-0.125}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$ROOT/bench/results/dynamodb-$STAMP
mkdir -p "$RESULTS"

moto_pid=""
cleanup() { if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ -z "${CLOUDMART_TEST_DYNAMODB:-}" ]; then
  port=56700
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  python3 "$ROOT/scripts/moto-server.py" 127.0.0.1 "$port" >"$RESULTS/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  export CLOUDMART_TEST_DYNAMODB="http://127.0.0.1:$port"
fi

echo "capacity bench: $ORDERS orders, $CART_CHANGES cart changes, moto at $CLOUDMART_TEST_DYNAMODB; results in $RESULTS"
CLOUDMART_BENCH_ORDERS=$ORDERS CLOUDMART_BENCH_CART_CHANGES=$CART_CHANGES CLOUDMART_BENCH_OUT=$RESULTS/units.md \
  dotnet test "$ROOT/tests/CloudMart.Tests" -c Release --filter "FullyQualifiedName~CloudMart.Tests.Aws.CapacityBench" \
  --logger "console;verbosity=normal" >"$RESULTS/test.log" 2>&1 || { tail -50 "$RESULTS/test.log"; exit 1; }

# Per-operation totals from the bench's summary table: | phase | read measured | read computed | write measured | write computed |
summary() { awk -F'|' -v p="$1" -v c="$2" '$2 ~ "^ "p" $" && NF == 7 { gsub(/ /, "", $c); print $c }' "$RESULTS/units.md"; }
{
  cat "$RESULTS/units.md"
  echo
  echo "On-demand price: \$$WRU_PRICE per million write request units, \$$RRU_PRICE per million read request units (us-east-1)."
  for source in computed measured; do
    if [ "$source" = computed ]; then r=4; w=6; else r=3; w=5; fi
    awk -v pr="$(summary place $r)" -v pw="$(summary place $w)" -v cr="$(summary confirm $r)" -v cw="$(summary confirm $w)" \
        -v wp="$WRU_PRICE" -v rp="$RRU_PRICE" -v s="$source" 'BEGIN {
      reads = (pr + cr) * 1e6; writes = (pw + cw) * 1e6
      printf "1,000,000 orders a month placed and confirmed (%s units): %.2f M RRU + %.2f M WRU = $%.2f\n", s, reads / 1e6, writes / 1e6, reads / 1e6 * rp + writes / 1e6 * wp
    }'
  done
} | tee "$RESULTS/summary.md"
