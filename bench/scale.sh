#!/usr/bin/env bash
# Scale benchmark: accountd with one main account owning 1,000 and 1,000,000 subaccounts, on SQLite and on
# PostgreSQL. For each store and size it prints start time, authenticated fetch req/s, list page of 50 (first
# page and a deep page) req/s, create req/s and peak RSS at -Xmx256m, then the 1M/1k ratios.
# Every endpoint is warmed up first; each figure is the median of three runs (the machines are shared and
# noisy: single runs of the same thing differ by 20%).
#
#   bench/scale.sh [sqlite|postgresql|both] [SIZE ...]      defaults: both, 1000 1000000
#   BENCH_SECONDS=8 BENCH_CONNECTIONS=16 BENCH_JAVA_OPTS=-Xmx256m BENCH_PG_ADMIN="-h 127.0.0.1 -U postgres -d test"
set -euo pipefail
cd "$(dirname "$0")/.."
STORES=${1:-both}; shift || true
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 1000000)
SECONDS_PER_RUN=${BENCH_SECONDS:-8}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
CONNS=${BENCH_CONNECTIONS:-16}
PG_ADMIN=${BENCH_PG_ADMIN:--h 127.0.0.1 -U postgres -d test}
PORT=18451
[ "$STORES" = both ] && STORES="sqlite postgresql"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else echo "install wrk first" >&2; exit 1; fi
fi
[ -f target/accountd.jar ] || mvn -q -B -DskipTests package

export ACCOUNTD_MAIN_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef
export ACCOUNTD_MAIN_AUTH_TOKEN=bench-token-0123456789abcdef
AUTH="Authorization: Basic $(printf '%s:%s' "$ACCOUNTD_MAIN_ACCOUNT_SID" "$ACCOUNTD_MAIN_AUTH_TOKEN" | base64 -w0)"
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
cat > "$WORK/create.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "FriendlyName=bench-create"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

start_server() { # sets SERVER and START_MS: process start to the first /healthz 200
  local t0; t0=$(date +%s%N)
  java $JAVA_OPTS -jar target/accountd.jar serve --port $PORT "${STORE_ARGS[@]}" >>"$WORK/server.log" 2>&1 & SERVER=$!
  until curl -sf "$BASE/healthz" >/dev/null 2>&1; do sleep 0.01; done
  START_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
warm() { wrk -t1 -c"$CONNS" -d3s -H "$AUTH" "$@" >/dev/null; }
rps() { # url [wrk args]: the median requests/second of three runs
  local url=$1; shift
  for _ in 1 2 3; do
    wrk -t1 -c"$CONNS" -d"${SECONDS_PER_RUN}s" -H "$AUTH" "$@" "$url" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
  done | sort -n | sed -n 2p
}
token_after() { printf 'PA%s' "$(printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"; }

declare -A R
echo "store       subaccounts  start_ms  fetch_rps  list_first_rps  list_deep_rps  create_rps  peak_rss_mb"
for store in $STORES; do
  for n in "${SIZES[@]}"; do
    rm -rf "$WORK/data"
    if [ "$store" = postgresql ]; then
      db="accountd_scale_$n"
      psql $PG_ADMIN -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
      STORE_ARGS=(--data "$WORK/data" --db "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres")
    else
      STORE_ARGS=(--data "$WORK/data")
    fi
    start_server   # seeds the main account
    java -jar target/accountd.jar accounts settings "$ACCOUNTD_MAIN_ACCOUNT_SID" --subaccount-limit 100000000 "${STORE_ARGS[@]}" >/dev/null 2>&1
    java -jar target/accountd.jar accounts bulk-create --main "$ACCOUNTD_MAIN_ACCOUNT_SID" --count "$n" --prefix scale "${STORE_ARGS[@]}" 2>/dev/null >"$WORK/bulk.json"
    # What an operator does after a bulk load; otherwise autovacuum runs during the measurements.
    if [ "$store" = postgresql ]; then psql ${PG_ADMIN/-d test/-d $db} -qc "VACUUM ANALYZE" >/dev/null; fi
    stop_server
    start_server
    start_ms=$START_MS
    sub=$(curl -sf -H "$AUTH" "$BASE/2010-04-01/Accounts.json?FriendlyName=scale-$((n / 2))" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accounts"][0]["sid"])')
    deep_url="$BASE/2010-04-01/Accounts.json?PageSize=50&Page=$((n / 50 - 2))&PageToken=$(token_after $((n - 100)))"
    warm "$BASE/2010-04-01/Accounts/$sub.json"; warm "$BASE/2010-04-01/Accounts.json?PageSize=50"; warm "$deep_url"
    warm -s "$WORK/create.lua" "$BASE/2010-04-01/Accounts.json"
    fetch=$(rps "$BASE/2010-04-01/Accounts/$sub.json")
    first=$(rps "$BASE/2010-04-01/Accounts.json?PageSize=50")
    deep=$(rps "$deep_url")
    create=$(rps "$BASE/2010-04-01/Accounts.json" -s "$WORK/create.lua")
    rss=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$SERVER/status)
    stop_server
    printf '%-11s %11s  %8s  %9s  %14s  %13s  %10s  %11s\n' "$store" "$n" "$start_ms" "$fetch" "$first" "$deep" "$create" "$rss"
    R[$store,$n]="$start_ms $fetch $first $deep $create $rss"
    [ "$store" = postgresql ] && psql $PG_ADMIN -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
done
if [ ${#SIZES[@]} -eq 2 ]; then
  for store in $STORES; do
    read -r _ f1 l1 d1 c1 _ <<<"${R[$store,${SIZES[0]}]}"
    read -r _ f2 l2 d2 c2 _ <<<"${R[$store,${SIZES[1]}]}"
    python3 -c "print(f'$store ratio ${SIZES[1]}/${SIZES[0]}: fetch {$f2/$f1:.2f}, list first {$l2/$l1:.2f}, list deep {$d2/$d1:.2f}, create {$c2/$c1:.2f} (target >= 0.90)')"
  done
fi
