#!/usr/bin/env bash
# Load benchmark: authenticated fetch, list and create against accountd, and the same fetch against a
# storage-free baseline (FixedBodyServer: the same Javalin and Jetty, a Basic credential checked in constant time
# against one pair in memory, and accountd's own Account bytes), measured side by side in one run.
# Prints requests/second, p99 and the fetch-to-baseline ratio. Money, side by side too: Balance.json against the
# main Account's fetch, and a number purchase that charges its first month against one that charges nothing (the
# family's local-number price overridden to 0.00). Uses wrk (Debian package 'wrk'; installed if missing
# and root).
#
#   bench/load.sh [DURATION_SECONDS] [SUBACCOUNTS]      defaults: 15 s, 1000 subaccounts
#   BENCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/DB?user=postgres bench/load.sh   the same on PostgreSQL (DB empty)
#   BENCH_ROUNDS=3: baseline and fetch are measured alternately this many times (default 2)
#   BENCH_ONLY=purchase: only the charged / free purchases
#   BENCH_PURCHASE_PAIRS=8, BENCH_PURCHASE_SECONDS=4: the purchases are measured in this many pairs of runs this long
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
SUBS=${2:-1000}
CONNS=${BENCH_CONNECTIONS:-32}
PORT=18431
BASE_PORT=18432

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else echo "install wrk first" >&2; exit 1; fi
fi
[ -f target/accountd.jar ] || mvn -q -B -DskipTests package
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null

WORK=$(mktemp -d)
trap 'kill $SERVER $BASELINE 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
export ACCOUNTD_MAIN_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef
export ACCOUNTD_MAIN_AUTH_TOKEN=bench-token-0123456789abcdef
export ACCOUNTD_INITIAL_BALANCE=100000000.00 # the purchases below spend about 1.15 each
AUTH="Authorization: Basic $(printf '%s:%s' "$ACCOUNTD_MAIN_ACCOUNT_SID" "$ACCOUNTD_MAIN_AUTH_TOKEN" | base64 -w0)"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}

STORE=(--data "$WORK/data")
[ -n "${BENCH_DB_URL:-}" ] && STORE+=(--db "$BENCH_DB_URL")
java $JAVA_OPTS -jar target/accountd.jar serve --port $PORT "${STORE[@]}" 2>"$WORK/server.log" & SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.2; done
java -jar target/accountd.jar accounts settings "$ACCOUNTD_MAIN_ACCOUNT_SID" --subaccount-limit 100000000 "${STORE[@]}" >/dev/null

echo "creating $SUBS subaccounts..."
for i in $(seq 1 "$SUBS"); do
  curl -sf -o /dev/null -H "$AUTH" -X POST "http://127.0.0.1:$PORT/2010-04-01/Accounts.json" -d "FriendlyName=bench-$i" &
  if (( i % 16 == 0 )); then wait $(jobs -p | grep -v "^$SERVER\$") 2>/dev/null || true; fi
done
wait $(jobs -p | grep -v "^$SERVER\$") 2>/dev/null || true
SUB=$(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/2010-04-01/Accounts.json?FriendlyName=bench-1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accounts"][0]["sid"])')
curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/2010-04-01/Accounts/$SUB.json" > "$WORK/body.json"

java $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.accountd.bench.FixedBodyServer \
  $BASE_PORT "$ACCOUNTD_MAIN_ACCOUNT_SID" "$ACCOUNTD_MAIN_AUTH_TOKEN" "$WORK/body.json" 2>"$WORK/baseline.log" & BASELINE=$!
until curl -sf -o /dev/null -H "$AUTH" "http://127.0.0.1:$BASE_PORT/fixed"; do sleep 0.2; done

cat > "$WORK/create.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "FriendlyName=bench-create"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

# Purchases by area code, spread over several so that no block runs out: charged, or free (price 0.00)
cat > "$WORK/purchase.lua" <<'LUA'
local codes = {"212", "646", "718", "917", "347", "929", "415", "628", "510", "305", "786", "617", "303", "720", "312", "773"}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, "AreaCode=" .. codes[(n % #codes) + 1])
end
LUA
MAIN_URL="http://127.0.0.1:$PORT/2010-04-01/Accounts/$ACCOUNTD_MAIN_ACCOUNT_SID"
PRICES="http://127.0.0.1:$PORT/_accountd/v1/Accounts/$ACCOUNTD_MAIN_ACCOUNT_SID/Prices"

rps() { # name url [extra wrk args]: warm up, then measure
  local name=$1 url=$2; shift 2
  wrk -t1 -c"$CONNS" -d3s -H "$AUTH" "$@" "$url" >/dev/null
  local out; out=$(wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H "$AUTH" "$@" "$url")
  local r; r=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local p99; p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-28s %10s req/s   p99 %8s   non-2xx %s\n' "$name" "$r" "$p99" "${non2xx:-0}" >&2
  echo "$r"
}

echo "accountd $(git rev-parse --short HEAD 2>/dev/null || echo '?'), ${BENCH_DB_URL:+PostgreSQL}${BENCH_DB_URL:-SQLite}, $SUBS subaccounts, $CONNS connections, ${DURATION}s per run, $(nproc) cores" | sed 's/jdbc[^,]*//' >&2
# BENCH_ONLY=purchase measures only the purchases (the money target most sensitive to the ledger's writes)
ONLY=${BENCH_ONLY:-}
RATIOS=()
for round in $( [ -z "$ONLY" ] && seq 1 "${BENCH_ROUNDS:-2}"); do
  BASE=$(rps "baseline (no store)" "http://127.0.0.1:$BASE_PORT/fixed")
  FETCH=$(rps "fetch subaccount" "http://127.0.0.1:$PORT/2010-04-01/Accounts/$SUB.json")
  RATIOS+=("$(python3 -c "print(f'{float($FETCH)/float($BASE):.2f}')")")
  echo "  round $round: fetch / baseline = ${RATIOS[-1]}" >&2
done
MONEY=()
for round in $( [ -z "$ONLY" ] && seq 1 "${BENCH_ROUNDS:-2}"); do
  ACCOUNT=$(rps "fetch main account" "$MAIN_URL.json")
  BALANCE=$(rps "fetch Balance" "$MAIN_URL/Balance.json")
  MONEY+=("$(python3 -c "print(f'{float($BALANCE)/float($ACCOUNT):.2f}')")")
  echo "  round $round: Balance / Account = ${MONEY[-1]}" >&2
done
PURCHASES=()
CPU_RATIOS=()
# process CPU (user + system, clock ticks) of the server, to set beside the rates: on this shared machine the CPU a
# purchase costs moves less with the neighbours than the rate does
server_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
purchases() { # name: one measured run of purchases; prints "rate cpu-microseconds-per-purchase"
  local t0; t0=$(server_ticks)
  local out; out=$(wrk -t1 -c"$CONNS" -d"${PURCHASE_SECONDS}s" -H "$AUTH" -s "$WORK/purchase.lua" "$MAIN_URL/IncomingPhoneNumbers.json")
  local t1; t1=$(server_ticks)
  local n; n=$(awk '/requests in/ {print $1}' <<<"$out")
  local r; r=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local cpu; cpu=$(python3 -c "print(round(($t1 - $t0) * 1e6 / $(getconf CLK_TCK) / $n))")
  printf '%-28s %10s req/s   %6s us CPU per purchase\n' "$1" "$r" "$cpu" >&2
  echo "$r $cpu"
}
charged() {
  curl -s -o /dev/null -H "$AUTH" -X DELETE "$PRICES?IsoCountry=US&Kind=number&NumberType=local" # 404 when none is set
  read -r CHARGED CHARGED_CPU < <(purchases "purchase, charged 1.15")
}
free() {
  curl -sf -o /dev/null -H "$AUTH" -X POST "$PRICES" -d IsoCountry=US -d Kind=number -d NumberType=local -d Price=0.00
  read -r FREE FREE_CPU < <(purchases "purchase, free (price 0.00)")
}
# Purchases are measured in many short pairs, each pair's two runs back to back, so that the machine's drift (other
# processes, the tables growing) moves both alike; the median of the pairs' ratios is the figure. Before them, both
# purchases run unmeasured for DURATION each: otherwise the first pairs also time the JIT compiling one path and not
# the other, and the number inventory, built on a thread of its own for 5-15 s after start, competing for the CPU.
PURCHASE_SECONDS=${BENCH_PURCHASE_SECONDS:-4}
PAIRS=${BENCH_PURCHASE_PAIRS:-8}
curl -s -o /dev/null -H "$AUTH" -X DELETE "$PRICES?IsoCountry=US&Kind=number&NumberType=local"
wrk -t1 -c"$CONNS" -d"${DURATION}s" -H "$AUTH" -s "$WORK/purchase.lua" "$MAIN_URL/IncomingPhoneNumbers.json" >/dev/null
curl -sf -o /dev/null -H "$AUTH" -X POST "$PRICES" -d IsoCountry=US -d Kind=number -d NumberType=local -d Price=0.00
wrk -t1 -c"$CONNS" -d"${DURATION}s" -H "$AUTH" -s "$WORK/purchase.lua" "$MAIN_URL/IncomingPhoneNumbers.json" >/dev/null
for pair in $(seq 1 "$PAIRS"); do
  # odd pairs measure the charged purchase first, even pairs the free one: neither always runs second
  if (( pair % 2 == 1 )); then charged; free; else free; charged; fi
  PURCHASES+=("$(python3 -c "print(f'{float($CHARGED)/float($FREE):.2f}')")")
  CPU_RATIOS+=("$(python3 -c "print(f'{$FREE_CPU/$CHARGED_CPU:.2f}')")")
  echo "  pair $pair: charged / free purchase = ${PURCHASES[-1]} (by CPU per purchase: ${CPU_RATIOS[-1]})" >&2
done
median() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
PURCHASE_SUMMARY="purchase charged / purchase free, per pair: ${PURCHASES[*]}; median $(median "${PURCHASES[@]}") (target >= 0.9); by CPU per purchase (free / charged): ${CPU_RATIOS[*]}; median $(median "${CPU_RATIOS[@]}")"
curl -s -o /dev/null -H "$AUTH" -X DELETE "$PRICES?IsoCountry=US&Kind=number&NumberType=local"
LEDGER=$(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/_accountd/v1/Accounts/$ACCOUNTD_MAIN_ACCOUNT_SID/Balance" | python3 -c 'import json,sys;print(json.load(sys.stdin)["balance"])')
echo "balance after the purchases: $LEDGER USD" >&2
[ -n "$ONLY" ] && { echo "$PURCHASE_SUMMARY"; exit 0; }
rps "list page of 50" "http://127.0.0.1:$PORT/2010-04-01/Accounts.json?PageSize=50" >/dev/null
NEXT=$(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/2010-04-01/Accounts.json?PageSize=50" | python3 -c 'import json,sys;print(json.load(sys.stdin)["next_page_uri"])')
rps "list page of 50 (page 2)" "http://127.0.0.1:$PORT$NEXT" >/dev/null
rps "create subaccount" "http://127.0.0.1:$PORT/2010-04-01/Accounts.json" -s "$WORK/create.lua" >/dev/null
echo "fetch / storage-free baseline, per round: ${RATIOS[*]} (target >= 0.85)"
echo "Balance.json / Account fetch, per round: ${MONEY[*]} (target >= 0.8)"
echo "$PURCHASE_SUMMARY"
