#!/usr/bin/env bash
# Rental benchmark: N rented numbers (default 100,000), then a year on the manual clock, on SQLite and on
# PostgreSQL (127.0.0.1:5432, user postgres, a fresh database). Prints the charges' rate, the peak heap and the
# latency of Account fetches made during the jump (RentalBench).
#
#   bench/rental.sh [NUMBERS] [sqlite|postgresql|both]      defaults: 100000 both
set -euo pipefail
cd "$(dirname "$0")/.."
NUMBERS=${1:-100000}
STORES=${2:-both}
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
run() {
  echo "== $1, $NUMBERS numbers, -Xmx256m, $(nproc) cores, accountd $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  java -Xmx256m -Daccountd.test.store="$1" -cp "$CP" dev.accountd.bench.RentalBench "$NUMBERS" 2>"target/rental-bench-$1.log"
}
[ "$STORES" = postgresql ] || run sqlite
[ "$STORES" = sqlite ] || run postgresql
