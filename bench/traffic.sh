#!/usr/bin/env bash
# Traffic benchmarks (TrafficBench): message create against subaccount create in alternating rounds; the outbox's
# callbacks per second, and a receiver down for a minute (nothing may be lost); the Calls list filtered by StartTime>
# over a million calls, page 1 against page 1,000. On SQLite and on PostgreSQL (127.0.0.1:5432, user postgres).
#
#   bench/traffic.sh [ROUND_SECONDS] [CALLBACK_MESSAGES] [CALLS] [DOWN_SECONDS] [sqlite|postgresql|both]
#   defaults: 8 5000 1000000 60 both
set -euo pipefail
cd "$(dirname "$0")/.."
ROUND=${1:-8}
MESSAGES=${2:-5000}
CALLS=${3:-1000000}
DOWN=${4:-60}
STORES=${5:-both}
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
run() {
  echo "== $1, accountd $(git rev-parse --short HEAD 2>/dev/null || echo '?'), -Xmx512m"
  java -Xmx512m -Daccountd.test.store="$1" -cp "$CP" dev.accountd.bench.TrafficBench "$ROUND" "$MESSAGES" "$CALLS" "$DOWN" 2>"target/traffic-bench-$1.log"
}
[ "$STORES" = postgresql ] || run sqlite
[ "$STORES" = sqlite ] || run postgresql
