#!/usr/bin/env bash
# The order workflow's own capacity, apart from order placement: place a backlog of orders with the relay off, then
# start the server with the relay on and time how fast it delivers the whole backlog (every event, every handler:
# payment, e-mails, recommendations, webhooks fan-out). The rate comes from the outbox's own ProcessedAt stamps
# (first to last), so start-up time does not count. The server is pinned to core 0, as in pipeline.sh.
# Usage: bench/relay-drain.sh        (ORDERS=4000 PROVIDERS="sqlite postgres" to change)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/results/drain-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
ORDERS=${ORDERS:-4000}
dotnet build src/CloudMart -c Release -v q -nologo >/dev/null
dotnet build bench/PipelineLag -c Release -v q -nologo >/dev/null
APP=src/CloudMart/bin/Release/net10.0/CloudMart.dll
LAG=bench/PipelineLag/bin/Release/net10.0/PipelineLag.dll
pids=(); spent=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; for d in "${spent[@]:-}"; do [ -n "$d" ] && rm -rf "$d"; done; [ -n "${PGDIR:-}" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; true; }
trap cleanup EXIT

if [[ " ${PROVIDERS:-sqlite postgres} " == *" postgres "* ]]; then
  PGDIR=$(mktemp -d /tmp/cloudmart-bench-pg.XXXXXX); chown postgres:postgres "$PGDIR"
  PGPORT=56432; while (echo >"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- taskset -c 0 /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -l "$PGDIR/log" -w start \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDIR -c max_connections=300" >/dev/null
fi

serve() { # log-name relay-enabled
  taskset -c 0 dotnet "$APP" --urls "http://127.0.0.1:5191" --CloudMart:DataDirectory="$data" "${db[@]}" "${admin[@]}" \
    --CloudMart:Relay:Enabled="$2" --CloudMart:RateLimits:OrdersPerMinute=100000000 --CloudMart:RateLimits:SignInPerMinute=100000000 \
    --Logging:LogLevel:Default=Warning >"$OUT/app-$provider-$1.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:5191/health/ready" >/dev/null; do sleep 0.2; done
}
query() { # sql → one value
  if [ "$provider" = postgres ]; then psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$name" -tAc "$1"; else sqlite3 "$data/cloudmart.db" "$1"; fi
}

for provider in ${PROVIDERS:-sqlite postgres}; do
  data=$(mktemp -d /tmp/cloudmart-bench-drain.XXXXXX)
  db=(--CloudMart:Database:Provider=Sqlite)
  if [ "$provider" = postgres ]; then
    name="drain_$(date +%s%N)"
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE $name" >/dev/null
    db=(--CloudMart:Database:Provider=Postgres "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$name;Maximum Pool Size=100")
  fi
  admin=(--CloudMart:Admin:Email=admin@bench.test --CloudMart:Admin:Password=Bench-Passw0rd)
  taskset -c 0 dotnet "$APP" seed --CloudMart:DataDirectory="$data" "${db[@]}" "${admin[@]}" >/dev/null 2>&1
  taskset -c 0 dotnet "$APP" ai reindex --CloudMart:DataDirectory="$data" "${db[@]}" "${admin[@]}" >/dev/null 2>&1

  serve place false
  taskset -c 1 dotnet "$LAG" "http://127.0.0.1:5191" admin@bench.test Bench-Passw0rd 200 $((ORDERS / 200)) 50 0 place-only | sed "s/^/$provider backlog: /"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

  serve drain true
  backlog=$(query "SELECT count(*) FROM platform_outbox WHERE \"ProcessedAt\" IS NULL")
  until [ "$(query "SELECT count(*) FROM platform_outbox WHERE \"ProcessedAt\" IS NULL")" = 0 ]; do sleep 0.5; done
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

  if [ "$provider" = postgres ]; then
    span="SELECT extract(epoch FROM max(\"ProcessedAt\") - min(\"ProcessedAt\")) FROM platform_outbox WHERE \"Type\" <> 'ProductCreated'"
  else
    span="SELECT (julianday(max(\"ProcessedAt\")) - julianday(min(\"ProcessedAt\"))) * 86400 FROM platform_outbox WHERE \"Type\" <> 'ProductCreated'"
  fi
  seconds=$(query "$span")
  orders=$(query "SELECT count(*) FROM platform_outbox WHERE \"Type\" = 'OrderPlaced'")
  events=$(query "SELECT count(*) FROM platform_outbox WHERE \"Type\" <> 'ProductCreated'")
  confirmed=$(query "SELECT count(*) FROM platform_outbox WHERE \"Type\" = 'OrderConfirmed'")
  awk -v p="$provider" -v o="$orders" -v e="$events" -v c="$confirmed" -v s="$seconds" -v b="$backlog" 'BEGIN {
    printf "%s: backlog %d events; delivered %d orders (%d confirmed, %d events) in %.1f s = %.0f orders/s, %.0f events/s, %.2f ms of the one core per order\n",
      p, b, o, c, e, s, o / s, e / s, 1000 * s / o }' | tee -a "$OUT/results.txt"
  spent+=("$data") # removed at exit: deleting thousands of mail files now slows the next step's file creation (ext4)
done
echo "results in $OUT/results.txt"
