#!/usr/bin/env bash
# The long form of the crash proof: at least 2,000 orders and 30 SIGKILLs, on SQLite (one process) and on
# PostgreSQL (two processes: web+worker and a second worker). The short form runs in scripts/test.sh.
# Usage: bench/fault.sh [orders] [kills]
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${1:-2000}; KILLS=${2:-30}
OUT=bench/results/fault-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
dotnet build tests/CloudMart.FaultTest -c Release -v q -nologo >/dev/null
FAULT=tests/CloudMart.FaultTest/bin/Release/net10.0/CloudMart.FaultTest.dll
PGDIR=$(mktemp -d /tmp/cloudmart-fault-pg.XXXXXX); chown postgres:postgres "$PGDIR"
trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"' EXIT
PGPORT=57432; while (echo >"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR/data" -l "$PGDIR/log" -w start \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDIR -c max_connections=300" >/dev/null
dotnet "$FAULT" --provider sqlite --orders "$ORDERS" --kills "$KILLS" | tee "$OUT/sqlite.txt"
dotnet "$FAULT" --provider postgres --postgres "Host=127.0.0.1;Port=$PGPORT;Username=postgres" --orders "$ORDERS" --kills "$KILLS" | tee "$OUT/postgres.txt"
