#!/usr/bin/env bash
# Console benchmark (ConsoleBench): the console's pages for a main account, on a family of 1,000 subaccounts
# and on one of 1,000,000, each with the same synthetic charges (accounts bulk-usage); the medians side by side.
#
#   bench/console.sh [SMALL_FAMILY] [LARGE_FAMILY] [CHARGES] [REQUESTS] [sqlite|postgresql|both]
#   defaults: 1000 1000000 1000000 60 both
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-1000}
LARGE=${2:-1000000}
CHARGES=${3:-1000000}
REQUESTS=${4:-60}
STORES=${5:-both}
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
run() {
  echo "== $1, accountd $(git rev-parse --short HEAD 2>/dev/null || echo '?'), -Xmx1g"
  java -Xmx1g -Daccountd.test.store="$1" -cp "$CP" dev.accountd.bench.ConsoleBench "$SMALL" "$LARGE" "$CHARGES" "$REQUESTS" 2>"target/console-bench-$1.log"
}
[ "$STORES" = postgresql ] || run sqlite
[ "$STORES" = sqlite ] || run postgresql
