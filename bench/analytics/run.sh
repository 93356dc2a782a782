#!/usr/bin/env bash
# Analytics benchmark: a week of traces and events loaded straight into PostgreSQL with binary
# COPY, then the filtered list and the aggregation of POST /api/v1/traces/query timed over HTTP,
# and the plans of bench/analytics/explain.sql.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/analytics/run.sh [--traces=1000000] [--events=10000000] [--days=7] [--load=true|false]
#          [--iterations=200] [--warmup=20] [--server-heap=512m] [--jar=payara-config/target/trace-server.jar]
#          [--explain=bench/analytics/explain.sql]
# A relative --jar is relative to the repository root. --load=true drops trace_analytics_bench first.
set -euo pipefail
cd "$(dirname "$0")/../.."

server=payara-config/target/trace-server.jar
for arg in "$@"; do
  case "$arg" in --jar=*) server=${arg#--jar=} ;; esac
done
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install  ($server is missing)" >&2; exit 1; }

out=bench/out/analytics
rm -rf "$out" && mkdir -p "$out"

driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
exec java -Xmx1g -cp "$driver" bench/analytics/AnalyticsBench.java --jar="$server" --work="$out" "$@"
