#!/usr/bin/env bash
# bench/run.sh — the "commerce core" benchmarks, side by side on this machine. See bench/README.md.
#
#   (a) bare Kestrel endpoint returning a fixed page of 20 products (bench/Baseline) — the ceiling
#   (b) GET /api/catalog/products, page of 20, over a 10,000-product catalog
#   (c) GET /api/catalog/products?q=…  (search)
#   (d) POST /api/orders from many concurrent buyers
#   (e) single-row INSERT transactions on the same SQLite file (bench/InsertCeiling) — the write ceiling
#
# Method (shared/design/ENVIRONMENT.md): servers and database on core 0, load generator on core 1, warm-up, then
# the baseline and the measured endpoint alternate for ROUNDS rounds of `wrk -t1 -c32 -d15s --latency`; medians.
# Traffic goes to 127.0.0.1 only. Every process started here is stopped on exit (trap).
#
# Knobs (environment): ROUNDS=3 DURATION=15 CONNECTIONS=32 WARMUP=15 BUYERS=200 ORDER_PRODUCTS=200
#   STOCK_DELTA=100000 PRODUCTS=10000 INSERT_SECONDS=10 APP_PORT=5181 BASE_PORT=5182 SERVER_CPU=0 CLIENT_CPU=1
#   QUIET_WAIT=60: before warming up, wait up to this many seconds for other processes to leave the CPUs idle
#   (measured over 3 s; "idle" = under QUIET_PCT=15 % of one core); the run goes on regardless, and says so.
#   DRAIN_WAIT=120: after set-up and after each orders round, wait up to this many seconds for the app's outbox relay
#   to process every pending event (ProductCreated from the seed; OrderPlaced → payment → Confirmed from the orders).
#   KEEP_DATA=1 keeps the data directory (the SQLite file) and the app build under the results folder.
#   APP_SOURCE=worktree (default: a copy of the working tree's src/ as it is when the run starts, uncommitted changes
#   included) or a git revision such as HEAD (exported with git archive). Either way the app is built from a frozen
#   copy under the results folder, so edits or builds in the working tree during the run cannot change what is measured.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-15}
BUYERS=${BUYERS:-200}
ORDER_PRODUCTS=${ORDER_PRODUCTS:-200}
STOCK_DELTA=${STOCK_DELTA:-100000}
PRODUCTS=${PRODUCTS:-10000}
INSERT_SECONDS=${INSERT_SECONDS:-10}
APP_SOURCE=${APP_SOURCE:-worktree}
QUIET_WAIT=${QUIET_WAIT:-60}
DRAIN_WAIT=${DRAIN_WAIT:-120}
QUIET_PCT=${QUIET_PCT:-15}
APP_PORT=${APP_PORT:-5181}
BASE_PORT=${BASE_PORT:-5182}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
HOST=127.0.0.1
APP=http://$HOST:$APP_PORT
BASE=http://$HOST:$BASE_PORT
ADMIN_EMAIL=bench-admin@example.com
ADMIN_PASSWORD=BenchAdmin-2026
BUYER_PASSWORD=BenchBuyer-2026

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH/results/$STAMP
DATA=$OUT/data
mkdir -p "$OUT" "$DATA"
APP_COPY=$OUT/app
APP_BIN=$APP_COPY/src/CloudMart/bin/Release/net10.0
BASE_BIN=$BENCH/Baseline/bin/Release/net10.0
INSERT_DLL=$BENCH/InsertCeiling/bin/Release/net10.0/InsertCeiling.dll
LOAD_DLL=$BENCH/LoadClient/bin/Release/net10.0/LoadClient.dll

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FAILED: $*"; exit 1; }

APP_PID=""
BASE_PID=""
stop_pid() { # stop_pid PID NAME: SIGTERM, wait up to 40 s, then SIGKILL
  local pid=$1 name=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || { log "stopped $name (pid $pid)"; return 0; }; sleep 0.5; done
  log "$name (pid $pid) did not stop in 40 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  stop_pid "$BASE_PID" baseline
  stop_pid "$APP_PID" CloudMart
  if [[ ${KEEP_DATA:-0} != 1 ]]; then rm -rf "$DATA" "$APP_COPY"; fi
  [[ $status -eq 0 ]] || log "exit status $status; raw output in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- prerequisites
[[ $(nproc --all) -ge 2 ]] || die "needs 2 cores (server on core $SERVER_CPU, load on core $CLIENT_CPU)"
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v jq >/dev/null || need_apt+=(jq)
command -v curl >/dev/null || need_apt+=(curl)
command -v taskset >/dev/null || need_apt+=(util-linux)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
if [[ ${#need_apt[@]} -gt 0 ]]; then
  log "installing ${need_apt[*]} with apt-get"
  apt-get update -qq >>"$OUT/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >>"$OUT/apt.log" 2>&1
fi
for port in "$APP_PORT" "$BASE_PORT"; do
  if curl -s -o /dev/null --max-time 1 "http://$HOST:$port/"; then die "port $port is already in use"; fi
done

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if [[ $APP_SOURCE == worktree ]]; then
    echo "app: working tree copied at $(date -u +%H:%M:%SZ), HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none) + $(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -c . || true) changed/new path(s) under src/"
  else
    echo "app: git revision $APP_SOURCE = $(git -C "$ROOT" rev-parse --short "$APP_SOURCE")"
  fi
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc --all) cores"
  echo "kernel: $(uname -r)"
  echo "dotnet: $(dotnet --version)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "knobs: ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS WARMUP=$WARMUP BUYERS=$BUYERS ORDER_PRODUCTS=$ORDER_PRODUCTS PRODUCTS=$PRODUCTS INSERT_SECONDS=$INSERT_SECONDS"
} >"$OUT/env.txt"

# ---------------------------------------------------------------- build
log "copying the app's source ($APP_SOURCE) and building it and the bench projects (Release)"
mkdir -p "$APP_COPY"
if [[ $APP_SOURCE == worktree ]]; then
  tar -C "$ROOT" --exclude=bin --exclude=obj -cf - Directory.Build.props Directory.Packages.props global.json src | tar -C "$APP_COPY" -xf -
else
  git -C "$ROOT" archive "$APP_SOURCE" Directory.Build.props Directory.Packages.props global.json src | tar -C "$APP_COPY" -xf -
fi
dotnet build "$APP_COPY/src/CloudMart" -c Release -nologo -v q >>"$OUT/build.log" 2>&1 || die "build of the app failed (see $OUT/build.log)"
for project in Baseline InsertCeiling LoadClient; do
  dotnet build "$BENCH/$project" -c Release -nologo -v q >>"$OUT/build.log" 2>&1 || die "build of bench/$project failed (see $OUT/build.log)"
done

# ---------------------------------------------------------------- seed and start
log "seeding $PRODUCTS products into $DATA"
(cd "$APP_BIN" && taskset -c "$SERVER_CPU" dotnet CloudMart.dll seed --products "$PRODUCTS" --CloudMart:DataDirectory="$DATA") >"$OUT/seed.log" 2>&1 \
  || die "seed failed (see $OUT/seed.log)"

log "starting CloudMart on $APP (core $SERVER_CPU) and the baseline on $BASE (core $SERVER_CPU)"
# Started from their bin folders so that each loads its own appsettings.json (the content root is the working folder).
(cd "$APP_BIN" && exec taskset -c "$SERVER_CPU" dotnet CloudMart.dll --urls "$APP" --CloudMart:DataDirectory="$DATA" \
  --CloudMart:RateLimits:OrdersPerMinute=100000000 --CloudMart:RateLimits:SignInPerMinute=100000000 \
  --CloudMart:Admin:Email="$ADMIN_EMAIL" --CloudMart:Admin:Password="$ADMIN_PASSWORD") >"$OUT/app.log" 2>&1 &
APP_PID=$!
(cd "$BASE_BIN" && exec taskset -c "$SERVER_CPU" dotnet Baseline.dll --urls "$BASE") >"$OUT/baseline.log" 2>&1 &
BASE_PID=$!

wait_up() { # wait_up URL NAME PID
  for _ in $(seq 1 120); do
    kill -0 "$3" 2>/dev/null || die "$2 exited during start-up (see $OUT)"
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true) == 200 ]] && return 0
    sleep 0.5
  done
  die "$2 did not answer $1 within 60 s"
}
wait_up "$APP/health/ready" CloudMart "$APP_PID"
wait_up "$BASE/health/live" baseline "$BASE_PID"

# ---------------------------------------------------------------- buyers, products, stock
log "registering and signing in $BUYERS buyers"
buyer() { # buyer N -> prints the access token
  local email="buyer-$1@bench.example.com" body code
  body=$(jq -cn --arg e "$email" --arg p "$BUYER_PASSWORD" '{email:$e,password:$p}')
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$APP/api/auth/register")
  [[ $code == 200 || $code == 201 ]] || { echo "register $email: HTTP $code" >&2; return 1; }
  curl -s -f -H 'Content-Type: application/json' -d "$body" "$APP/api/auth/login" | jq -er .accessToken
}
export -f buyer
export APP BUYER_PASSWORD
seq 1 "$BUYERS" | xargs -P 4 -I{} bash -c 'buyer {}' >"$OUT/tokens.txt" 2>>"$OUT/setup.log" || die "buyer set-up failed (see $OUT/setup.log)"
[[ $(grep -c . "$OUT/tokens.txt") -eq $BUYERS ]] || die "expected $BUYERS tokens, got $(grep -c . "$OUT/tokens.txt")"

ADMIN_TOKEN=$(curl -s -f -H 'Content-Type: application/json' \
  -d "$(jq -cn --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email:$e,password:$p}')" "$APP/api/auth/login" | jq -er .accessToken) \
  || die "admin sign-in failed"

log "choosing $ORDER_PRODUCTS products to order and adding $STOCK_DELTA units of stock to each"
: >"$OUT/order-products.tsv"
for page in $(seq 1 $(((ORDER_PRODUCTS + 99) / 100))); do
  curl -s -f "$APP/api/catalog/products?sort=price&page=$page&pageSize=100" | jq -r '.items[] | [.id, .sku] | @tsv' >>"$OUT/order-products.tsv"
done
head -n "$ORDER_PRODUCTS" "$OUT/order-products.tsv" >"$OUT/order-products.tmp" && mv "$OUT/order-products.tmp" "$OUT/order-products.tsv"
cut -f1 "$OUT/order-products.tsv" >"$OUT/products.txt"
[[ $(grep -c . "$OUT/products.txt") -eq $ORDER_PRODUCTS ]] || die "expected $ORDER_PRODUCTS products"
adjust() { # adjust SKU
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"delta\":$STOCK_DELTA,\"reason\":\"benchmark stock\"}" "$APP/api/inventory/$1/adjustments")
  [[ $code == 200 ]] || { echo "adjust $1: HTTP $code" >&2; return 1; }
}
export -f adjust
export ADMIN_TOKEN STOCK_DELTA
cut -f2 "$OUT/order-products.tsv" | xargs -P 4 -I{} bash -c 'adjust {}' 2>>"$OUT/setup.log" || die "stock adjustment failed (see $OUT/setup.log)"

# ---------------------------------------------------------------- load helpers
# Interference: this machine may be shared, so every measurement records how much CPU went to processes other than
# the servers (on core SERVER_CPU) and than the servers and this script's children (load generator) on the whole machine.
cpu_sample() { # -> "core_busy core_total all_busy servers children" in clock ticks
  local servers=0 p
  for p in $APP_PID $BASE_PID; do
    [[ -r /proc/$p/stat ]] && servers=$((servers + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
  done
  local children
  children=$(awk -v hz="$(getconf CLK_TCK)" 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%d", t * hz }' "$OUT/.times")
  awk -v core="cpu$SERVER_CPU" -v s="$servers" -v k="$children" '
    $1 == core { busy = $2 + $3 + $4; total = $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }
    $1 == "cpu" { all = $2 + $3 + $4 }
    END { print busy, total, all, s, k }' /proc/stat
}
measure() { # measure NAME COMMAND... : runs the command, then appends NAME and the interference to interference.tsv
  local name=$1; shift
  local before after rc=0
  times >"$OUT/.times" # in this shell, not in a $(…) subshell: only this shell knows its children's CPU time
  before=$(cpu_sample)
  "$@" || rc=$?
  times >"$OUT/.times"
  after=$(cpu_sample)
  echo "$before $after" | awk -v n="$name" -v own_child="${CHILD_ON_SERVER_CORE:-0}" '{
      core_other = ($6 - $1) - ($9 - $4) - (own_child ? ($10 - $5) : 0); wall = $7 - $2; rest = ($8 - $3) - ($9 - $4) - ($10 - $5)
      if (core_other < 0) core_other = 0; if (rest < 0) rest = 0
      printf "%s\t%.1f\t%.1f\t%.1f\n", n, 100 * core_other / wall, 100 * rest / wall, 100 * (($9 - $4) + (own_child ? ($10 - $5) : 0)) / wall }' >>"$OUT/interference.tsv"
  ps -eo pid,pcpu,etimes,args --sort=-pcpu | awk -v n="$name" 'NR > 1 && $2 >= 10 { printf "%s\t", n; print substr($0, 1, 160) }' >>"$OUT/processes.log"
  return $rc
}
printf 'measurement\tother_on_server_core_pct\tother_on_machine_pct_of_a_core\tservers_pct_of_a_core\n' >"$OUT/interference.tsv"
WRK=(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" --timeout 10s --latency)
run_wrk() { # run_wrk OUTFILE SECONDS URL [wrk args...]
  local file=$1 seconds=$2 url=$3; shift 3
  # The URL goes before the extra arguments: wrk hands what follows "--" to the Lua script's init(args).
  measure "$(basename "$file" .txt)" "${WRK[@]}" -d"${seconds}s" "$url" "$@" >"$file" 2>&1 || die "wrk failed: $file"
  kill -0 "$APP_PID" 2>/dev/null || die "CloudMart exited during $(basename "$file") (see $OUT/app.log)"
}
B_URL="$APP/api/catalog/products?page=1&pageSize=20"
A_URL="$BASE/products"

# ---------------------------------------------------------------- the event backlog
# Events the outbox relay has not processed yet (-1 when the database has no such table or column).
backlog() { sqlite3 -cmd ".timeout 5000" "$DATA/cloudmart.db" "select count(*) from platform_outbox where ProcessedAt is null;" 2>/dev/null || echo -1; }
printf 'after\tpending_events\tseconds_to_drain\tpending_by_type\n' >"$OUT/backlog.tsv"
drain() { # drain NAME: wait for the relay to catch up; record the backlog and how long it took
  local start pending first by_type
  start=$(date +%s.%N)
  first=$(backlog)
  by_type=$(sqlite3 -cmd ".timeout 5000" "$DATA/cloudmart.db" "select group_concat(Type || ':' || n, ' ') from (select Type, count(*) n from platform_outbox where ProcessedAt is null group by Type);" 2>/dev/null || true)
  pending=$first
  while [[ $pending -gt 0 ]] && awk -v s="$start" -v now="$(date +%s.%N)" -v w="$DRAIN_WAIT" 'BEGIN { exit !(now - s < w) }'; do
    sleep 0.5
    pending=$(backlog)
  done
  local took
  took=$(awk -v s="$start" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - s }')
  [[ $pending -le 0 ]] || took="not drained in ${DRAIN_WAIT}s ($pending left)"
  [[ $first -le 0 ]] && took=0
  printf '%s\t%s\t%s\t%s\n' "$1" "$first" "$took" "${by_type:-}" >>"$OUT/backlog.tsv"
  [[ $first -le 0 ]] || log "after $1: $first pending event(s) [${by_type:-}], relay caught up in: $took"
}
drain set-up

# ---------------------------------------------------------------- a quiet machine, if it comes
others_pct() { # CPU used by processes other than the (idle) servers over 3 s, % of one core
  local a b
  a=$(cpu_sample); sleep 3; b=$(cpu_sample)
  echo "$a $b" | awk '{ printf "%.0f", 100 * (($8 - $3) - ($9 - $4)) / ($7 - $2) }'
}
times >"$OUT/.times"
waited=0
while busy=$(others_pct) && [[ $busy -gt $QUIET_PCT && $waited -lt $QUIET_WAIT ]]; do
  [[ $waited -eq 0 ]] && log "other processes use ${busy}% of a core; waiting up to ${QUIET_WAIT}s for a quiet machine"
  waited=$((waited + 3))
done
if [[ $busy -gt $QUIET_PCT ]]; then
  log "WARNING: the machine is busy (${busy}% of a core used by other processes); measuring anyway"
  echo "machine busy at start: ${busy}% of a core used by other processes" >>"$OUT/env.txt"
fi

# ---------------------------------------------------------------- warm-up
log "warming up: ${WARMUP}s each on (a), (b), (c), (d)"
run_wrk "$OUT/warmup-a.txt" "$WARMUP" "$A_URL"
run_wrk "$OUT/warmup-b.txt" "$WARMUP" "$B_URL"
run_wrk "$OUT/warmup-c.txt" "$WARMUP" "$APP" -s "$BENCH/wrk/search.lua"
run_wrk "$OUT/warmup-d.txt" "$WARMUP" "$APP" -s "$BENCH/wrk/orders.lua" -- "$OUT/tokens.txt" "$OUT/products.txt"
drain warmup-d

# ---------------------------------------------------------------- measure
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: (a) vs (b)"
  run_wrk "$OUT/ab-a-$round.txt" "$DURATION" "$A_URL"
  run_wrk "$OUT/ab-b-$round.txt" "$DURATION" "$B_URL"
done
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: (a) vs (c)"
  run_wrk "$OUT/ac-a-$round.txt" "$DURATION" "$A_URL"
  run_wrk "$OUT/ac-c-$round.txt" "$DURATION" "$APP" -s "$BENCH/wrk/search.lua"
done

# wrk output -> "rps p50_ms p99_ms non2xx socket_errors"
wrk_fields() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    END { printf "%.1f %.3f %.3f %d %d\n", rps, p50, p99, non2xx, errors }' "$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } m = int((NR + 1) / 2); if (NR % 2) print v[m]; else printf "%.3f\n", (v[m] + v[m + 1]) / 2 }'; }
column_median() { # column_median N FILES... : median of field N of wrk_fields over the files
  local n=$1; shift
  for f in "$@"; do wrk_fields "$f"; done | awk -v n="$n" '{ print $n }' | median
}

B_RPS=$(column_median 1 "$OUT"/ab-b-*.txt)
HALF_RATE=$(awk -v r="$B_RPS" 'BEGIN { printf "%d", r / 2 }')
[[ $HALF_RATE -ge 1 ]] || die "(b) served nothing at full load"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: (b) at half load, constant $HALF_RATE req/s (bench/LoadClient)"
  measure "bhalf-$round" taskset -c "$CLIENT_CPU" dotnet "$LOAD_DLL" --url "$B_URL" --rate "$HALF_RATE" --seconds "$DURATION" --connections "$CONNECTIONS" --warmup 2 \
    >"$OUT/bhalf-$round.txt" 2>&1 || die "load client failed (see $OUT/bhalf-$round.txt)"
done

for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: (d) POST /api/orders, $BUYERS buyers, $ORDER_PRODUCTS products"
  run_wrk "$OUT/d-$round.txt" "$DURATION" "$APP" -s "$BENCH/wrk/orders.lua" -- "$OUT/tokens.txt" "$OUT/products.txt"
  drain "d-$round"
done
curl -s "$APP/metrics" >"$OUT/app-metrics.txt" || true

# ---------------------------------------------------------------- stop, then the write ceiling
log "stopping the servers"
stop_pid "$BASE_PID" baseline; BASE_PID=""
stop_pid "$APP_PID" CloudMart; APP_PID=""
DB=$DATA/cloudmart.db
if command -v sqlite3 >/dev/null; then
  sqlite3 "$DB" "select 'orders_in_db ' || count(*) from ordering_orders;
    select 'orders_' || Status || ' ' || count(*) from ordering_orders group by Status;
    select 'stock_rows_negative ' || count(*) from inventory_stock where OnHand - Reserved < 0;
    select 'events_pending ' || count(*) from platform_outbox where ProcessedAt is null;" >"$OUT/db-check.txt" 2>&1 || true
fi
log "(e) single-row insert transactions on $DB (core $SERVER_CPU): $ROUNDS x ${INSERT_SECONDS}s"
CHILD_ON_SERVER_CORE=1 measure e taskset -c "$SERVER_CPU" dotnet "$INSERT_DLL" --db "$DB" --seconds "$INSERT_SECONDS" --rounds "$ROUNDS" --warmup 2 >"$OUT/e.txt" 2>&1 \
  || die "insert ceiling failed (see $OUT/e.txt)"

# ---------------------------------------------------------------- summary
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" "$2"; } # key=value from one RESULT/ROUND line
summary_row() { # summary_row NAME FILES...
  local name=$1; shift
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(column_median 1 "$@")" "$(column_median 2 "$@")" "$(column_median 3 "$@")" \
    "$(for f in "$@"; do wrk_fields "$f" | awk '{ printf "%s ", $1 }'; done)" \
    "$(for f in "$@"; do wrk_fields "$f"; done | awk '{ n += $4; e += $5 } END { printf "%d non-2xx, %d socket errors", n, e }')"
}
AB_A_RPS=$(column_median 1 "$OUT"/ab-a-*.txt)
AC_A_RPS=$(column_median 1 "$OUT"/ac-a-*.txt)
C_RPS=$(column_median 1 "$OUT"/ac-c-*.txt)
D_RPS=$(for f in "$OUT"/d-*.txt; do awk '/^ORDERS_PER_S/ { print $2 }' "$f"; done | median)
d_sustained() { # orders placed in round N / (round duration + seconds the relay needed afterwards to catch up)
  local created took
  created=$(awk '/^ORDERS_201/ { print $2 }' "$OUT/d-$1.txt")
  took=$(awk -F'\t' -v n="d-$1" '$1 == n { print $3 }' "$OUT/backlog.tsv")
  awk -v c="$created" -v d="$DURATION" -v t="$took" 'BEGIN { if (t !~ /^[0-9.]+$/) { print "n/a"; exit } printf "%.1f", c / (d + t) }'
}
D_SUSTAINED=$(for r in $(seq 1 "$ROUNDS"); do d_sustained "$r"; echo; done | grep -v 'n/a' | median)
E_RPS=$(grep '^ROUND' "$OUT/e.txt" | sed -n 's/.*rows_per_s=\([0-9.]*\).*/\1/p' | median)
E_P50=$(grep '^ROUND' "$OUT/e.txt" | sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' | median)
E_P99=$(grep '^ROUND' "$OUT/e.txt" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' | median)
HALF_P50=$(for f in "$OUT"/bhalf-*.txt; do field p50_ms "$f"; done | median)
HALF_P99=$(for f in "$OUT"/bhalf-*.txt; do field p99_ms "$f"; done | median)
HALF_DUE_P99=$(for f in "$OUT"/bhalf-*.txt; do field due_p99_ms "$f"; done | median)
HALF_ACHIEVED=$(for f in "$OUT"/bhalf-*.txt; do field achieved_rps "$f"; done | median)
RATIO_BA=$(awk -v b="$B_RPS" -v a="$AB_A_RPS" 'BEGIN { printf "%.4f", b / a }')
RATIO_CA=$(awk -v c="$C_RPS" -v a="$AC_A_RPS" 'BEGIN { printf "%.4f", c / a }')
RATIO_DE=$(awk -v d="$D_RPS" -v e="$E_RPS" 'BEGIN { printf "%.4f", d / e }')
D_STATUSES=$(cat "$OUT"/d-*.txt | awk '/^STATUS/ { n[$2] += $3 } END { for (s in n) printf "%s: %d  ", s, n[s] }')
pass() { awk "BEGIN { exit !($1) }" && echo MET || echo MISSED; }
LOG_LEVELS=$(jq -rR 'fromjson? // {LogLevel: "NotJson", Category: "stdout", Message: .} | select(.LogLevel != "Information")
  | "\(.LogLevel) \(.Category): \(.Message) \(.Scopes // [] | map(.RequestPath? // empty) | join(",")) \((.Exception // "") | split("\n") | first // "")"' "$OUT/app.log" 2>/dev/null \
  | sort | uniq -c | sort -rn | head -20 || true)

{
  echo "# CloudMart commerce-core benchmark — $STAMP"
  echo
  sed 's/^/    /' "$OUT/env.txt"
  echo
  echo "Medians of $ROUNDS rounds of wrk -t1 -c$CONNECTIONS -d${DURATION}s (server core $SERVER_CPU, wrk core $CLIENT_CPU); latencies in ms."
  echo
  echo "| benchmark | req/s | p50 | p99 | req/s per round | errors (all rounds) |"
  echo "|---|---:|---:|---:|---|---|"
  summary_row "(a) baseline, alternating with (b)" "$OUT"/ab-a-*.txt
  summary_row "(b) GET /api/catalog/products page of 20" "$OUT"/ab-b-*.txt
  summary_row "(a) baseline, alternating with (c)" "$OUT"/ac-a-*.txt
  summary_row "(c) GET /api/catalog/products?q=…" "$OUT"/ac-c-*.txt
  summary_row "(d) POST /api/orders (all statuses)" "$OUT"/d-*.txt
  echo "| (d) orders placed (201) per second | $D_RPS | | | $(for f in "$OUT"/d-*.txt; do awk '/^ORDERS_PER_S/ { printf "%s ", $2 }' "$f"; done) | statuses: $D_STATUSES|"
  echo "| (d) orders/s counting the relay's catch-up after the round | $D_SUSTAINED | | | $(for r in $(seq 1 "$ROUNDS"); do d_sustained "$r"; printf ' '; done) | events pending at the end of each round: $(awk -F'\t' '$1 ~ /^d-/ { printf "%s ", $2 }' "$OUT/backlog.tsv")|"
  echo "| (e) single-row insert transactions/s | $E_RPS | $E_P50 | $E_P99 | $(grep '^ROUND' "$OUT/e.txt" | sed -n 's/.*rows_per_s=\([0-9.]*\).*/\1 /p' | tr -d '\n') | |"
  echo
  echo "(b) at half load: constant $HALF_RATE req/s (half the median full-load rate), achieved $HALF_ACHIEVED req/s;"
  echo "p50 $HALF_P50 ms, p99 $HALF_P99 ms from send (comparable to wrk), p99 $HALF_DUE_P99 ms from the scheduled time (coordinated-omission corrected)."
  echo
  echo "| ratio | value | target | verdict |"
  echo "|---|---:|---|---|"
  echo "| b/a | $RATIO_BA | ≥ 0.40 | $(pass "$RATIO_BA >= 0.40") |"
  echo "| p99 of (b) at half load (corrected) | $HALF_DUE_P99 ms | < 20 ms | $(pass "$HALF_DUE_P99 < 20") |"
  echo "| c/a | $RATIO_CA | — | |"
  echo "| d (orders/s) | $D_RPS | ≥ 1000 | $(pass "$D_RPS >= 1000") |"
  echo "| d/e | $RATIO_DE | — | |"
  echo
  echo "Orders answered 201 (warm-up and rounds, as counted by wrk): $(cat "$OUT"/warmup-d.txt "$OUT"/d-*.txt | awk '/^ORDERS_201/ { n += $2 } END { print n + 0 }');" \
    "database after the run: $(tr '\n' ' ' <"$OUT/db-check.txt" 2>/dev/null || echo 'not checked (no sqlite3)')" \
    "(orders still in flight when wrk stops are placed but not counted by it)."
  echo
  echo "CPU during each measurement, % of one core: used by the two servers (both on the server core), and taken by"
  echo "other processes (this machine may be shared) on the server core and elsewhere (not counting the load generator):"
  echo
  echo "| measurements | servers: median | other on the server core: median | max | other elsewhere: median | max |"
  echo "|---|---:|---:|---:|---:|---:|"
  for group in ab-a ab-b ac-a ac-c bhalf d e; do
    awk -F'\t' -v g="$group" '$1 ~ "^" g "(-[0-9]+)?$" { print $2, $3, $4 }' "$OUT/interference.tsv" >"$OUT/.interference"
    [[ -s $OUT/.interference ]] || continue
    printf '| %s | %s | %s | %s | %s | %s |\n' "$group" "$(awk '{ print $3 }' "$OUT/.interference" | median)" \
      "$(awk '{ print $1 }' "$OUT/.interference" | median)" "$(awk '{ print $1 }' "$OUT/.interference" | sort -g | tail -1)" \
      "$(awk '{ print $2 }' "$OUT/.interference" | median)" "$(awk '{ print $2 }' "$OUT/.interference" | sort -g | tail -1)"
  done
  rm -f "$OUT/.interference" "$OUT/.times"
  echo
  echo "App log lines above Information (count, level, category, message):"
  echo
  echo '```'
  echo "${LOG_LEVELS:-none}"
  echo '```'
} >"$OUT/summary.md"
ln -sfn "$STAMP" "$BENCH/results/latest"
cat "$OUT/summary.md"
log "done: $OUT/summary.md"
