#!/usr/bin/env bash
# Placed → Confirmed lag of the order workflow at a steady 500 orders/s, and the highest rate it keeps up with,
# on SQLite and on PostgreSQL. The server runs in one process (role all) pinned to core 0; the load client on core 1.
# The catalog is seeded and embedded before the server starts, and the client warms up untimed (WARM_UP_SECONDS,
# default 20, at up to 50 orders/s) so tiered JIT has optimised the hot paths, as in a shop that has been running.
# Usage: bench/pipeline.sh            (RATES="250 500 750 1000" SECONDS_PER_RATE=20 to change the steps)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/results/pipeline-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
RATES=${RATES:-"250 500 750 1000 1250"}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-20}
dotnet build src/CloudMart -c Release -v q -nologo >/dev/null
dotnet build bench/PipelineLag -c Release -v q -nologo >/dev/null
APP=src/CloudMart/bin/Release/net10.0/CloudMart.dll
LAG=bench/PipelineLag/bin/Release/net10.0/PipelineLag.dll
pids=(); spent=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; for d in "${spent[@]:-}"; do [ -n "$d" ] && rm -rf "$d"; done; [ -n "${PGDIR:-}" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; true; }
trap cleanup EXIT

PGDIR=$(mktemp -d /tmp/cloudmart-bench-pg.XXXXXX); chown postgres:postgres "$PGDIR"
PGPORT=56432; while (echo >"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- taskset -c 0 /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -l "$PGDIR/log" -w start \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDIR -c max_connections=300" >/dev/null

run_step() { # provider rate
  local provider=$1 rate=$2 data port=5190
  data=$(mktemp -d /tmp/cloudmart-bench-lag.XXXXXX)
  local db=(--CloudMart:Database:Provider=Sqlite)
  if [ "$provider" = postgres ]; then
    local name="lag_$(date +%s%N)"
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE $name" >/dev/null
    db=(--CloudMart:Database:Provider=Postgres "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$name;Maximum Pool Size=100")
  fi
  # Seed and embed the demo catalog before serving, so the timed load does not share the core with that start-up work.
  local admin=(--CloudMart:Admin:Email=admin@bench.test --CloudMart:Admin:Password=Bench-Passw0rd)
  taskset -c 0 dotnet "$APP" seed --CloudMart:DataDirectory="$data" "${db[@]}" "${admin[@]}" >/dev/null 2>&1
  taskset -c 0 dotnet "$APP" ai reindex --CloudMart:DataDirectory="$data" "${db[@]}" "${admin[@]}" >/dev/null 2>&1
  taskset -c 0 dotnet "$APP" --urls "http://127.0.0.1:$port" --CloudMart:DataDirectory="$data" "${db[@]}" \
    --CloudMart:Admin:Email=admin@bench.test --CloudMart:Admin:Password=Bench-Passw0rd \
    --CloudMart:RateLimits:OrdersPerMinute=100000000 --CloudMart:RateLimits:SignInPerMinute=100000000 \
    --Logging:LogLevel:Default=Warning >"$OUT/app-$provider-$rate.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.2; done
  taskset -c 1 dotnet "$LAG" "http://127.0.0.1:$port" admin@bench.test Bench-Passw0rd "$rate" "$SECONDS_PER_RATE" 50 "${WARM_UP_SECONDS:-20}" | tee -a "$OUT/results.txt" | sed "s/^/$provider /"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  spent+=("$data") # removed at exit: deleting thousands of mail files now slows the next step's file creation (ext4)
}
for provider in ${PROVIDERS:-sqlite postgres}; do
  for rate in $RATES; do
    printf '%s ' "$provider" >>"$OUT/results.txt"
    run_step "$provider" "$rate"
  done
done
echo "results in $OUT/results.txt"
