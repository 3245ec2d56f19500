#!/usr/bin/env bash
# Runs every CloudMart test on a fresh Debian machine with the .NET SDK:
# installs what the tests need (PostgreSQL server, RabbitMQ), starts a throwaway PostgreSQL cluster, RabbitMQ and
# moto (the AWS emulator) on loopback, runs `dotnet test` against SQLite, PostgreSQL and DynamoDB and the crash
# proof, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
need_package() { # need_package <command-or-path> <debian-package>
  if [ -e "$1" ] || command -v "$1" >/dev/null 2>&1; then return; fi
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  log "installing $2"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$2" >/dev/null
}

# --- PostgreSQL: a throwaway cluster for this run only -----------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  need_package /usr/lib/postgresql/15/bin/initdb postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_port=${CLOUDMART_TEST_PG_PORT:-55432}
# Another run (or a developer's server) may hold the port: take the next free one.
while (echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
pg_dir=$(mktemp -d /tmp/cloudmart-pg.XXXXXX)
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir"; fi
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
log "starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
export CLOUDMART_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Maximum Pool Size=40;Timeout=30;Command Timeout=60"

# --- RabbitMQ: the broker that integration events are published to ------------------------------
need_package rabbitmq-server rabbitmq-server
# --- Chromium: the browser the storefront and back-office tests drive ---------------------------
need_package /usr/bin/chromium chromium
# --- shellcheck: the deploy tests lint deploy/scripts (terraform, kubectl and moto_server come with the machine;
#     tests/CloudMart.DeployTests reports a test skipped, with the reason, when one of them is missing) -----------
need_package shellcheck shellcheck
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  log "starting RabbitMQ"
  if command -v service >/dev/null 2>&1; then as_root service rabbitmq-server start >/dev/null; else as_root rabbitmq-server -detached; fi
  started_rabbitmq=1
fi
as_root rabbitmqctl -q await_startup >/dev/null
export CLOUDMART_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:5672/"

# --- moto: the AWS emulator the DynamoDB tests run against (pip's moto 5.x) ------------------------
if ! python3 -c 'import moto.server' 2>/dev/null; then
  need_package pip3 python3-pip
  log "installing moto 5 (pip)"
  python3 -m pip install -q --break-system-packages 'moto[server]>=5,<6' 2>/dev/null || python3 -m pip install -q 'moto[server]>=5,<6' || true
fi
if ! python3 -c 'import moto.server' 2>/dev/null; then
  echo "moto is missing and could not be installed: the DynamoDB tests need it. Install it with: pip install 'moto[server]>=5,<6'" >&2
  exit 1
fi
# moto's own server, one request at a time: DynamoDB isolates transactions, moto's threads do not (see the script).
# Two of them, so that test classes on DynamoDB (each on its own table) do not all queue behind one lock.
moto_pids=()
start_moto() { # start_moto <first port to try>; prints the port
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  python3 scripts/moto-server.py 127.0.0.1 "$port" >/dev/null 2>&1 &
  moto_pids+=($!)
  for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "moto did not start on port $port" >&2; exit 1; fi
  moto_port=$port
}
start_moto "${CLOUDMART_TEST_MOTO_PORT:-56600}"
export CLOUDMART_TEST_DYNAMODB="http://127.0.0.1:$moto_port"
start_moto $((moto_port + 1))
export CLOUDMART_TEST_DYNAMODB_MORE="http://127.0.0.1:$moto_port"
log "moto on $CLOUDMART_TEST_DYNAMODB and $CLOUDMART_TEST_DYNAMODB_MORE"

# --- the tests -------------------------------------------------------------------------------------
results=$(mktemp /tmp/cloudmart-test-results.XXXXXX)
stop_all() { stop_pg; kill "${moto_pids[@]}" 2>/dev/null || true; rm -f "$results"; if [ -n "${started_rabbitmq:-}" ]; then as_root rabbitmqctl -q stop >/dev/null 2>&1 || true; fi; }
trap stop_all EXIT
log "dotnet test"
dotnet tool restore >/dev/null
status=0
# One test project at a time (-m:1): the browser tests run a whole shop and Chromium, and on a 2-core machine they
# should not compete with the integration tests' databases.
dotnet test CloudMart.slnx -c Release -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee -a "$results" || status=1

# --- the crash proof, short form: SIGKILL the server while orders are placed (long form: bench/fault.sh) ----
fault_passed=0; fault_failed=0
if [ $# -eq 0 ]; then
  dotnet build tests/CloudMart.FaultTest -c Release -v q -nologo >/dev/null || status=1
  # The three run side by side: each has its own database or table, and most of their time is restarts and waits.
  fault_logs=$(mktemp -d /tmp/cloudmart-fault-logs.XXXXXX)
  declare -A fault_pid
  for provider in sqlite postgres dynamodb; do
    log "fault test ($provider), in the background"
    dotnet tests/CloudMart.FaultTest/bin/Release/net10.0/CloudMart.FaultTest.dll --provider "$provider" --orders 150 --kills 4 \
      >"$fault_logs/$provider.log" 2>&1 &
    fault_pid[$provider]=$!
  done
  for provider in sqlite postgres dynamodb; do
    if wait "${fault_pid[$provider]}"; then
      fault_passed=$((fault_passed + 1))
    else
      fault_failed=$((fault_failed + 1)); status=1
    fi
    log "fault test ($provider)"
    grep -v '^\[' "$fault_logs/$provider.log" || true # the servers' own error lines start with [name]
  done
  rm -rf "$fault_logs"
fi

passed=$(awk '/^ +Passed: +[0-9]+/ {s += $2} END {print s + 0}' "$results")
failed=$(awk '/^ +Failed: +[0-9]+/ {s += $2} END {print s + 0}' "$results")
if ! grep -q "Total tests:" "$results"; then status=1; fi
if [ "$failed" -gt 0 ]; then
  # Repeat each failure with its message at the end, where a CI log's tail shows it.
  echo; echo "== failed tests"
  awk '/^  Failed / {n = 25} /^  (Passed|Skipped) / {n = 0} n > 0 {print; n--}' "$results"
fi
echo
echo "$((passed + fault_passed)) passed, $((failed + fault_failed)) failed"
exit $status
