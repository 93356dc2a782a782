#!/usr/bin/env bash
# Export benchmark: 1,000,000 events (100,000 traces) loaded straight into PostgreSQL with binary
# COPY, then POST /api/v1/exports?mode=stream as CSV + gzip, Parquet (zstd) and NDJSON against
# PostgreSQL's own COPY ... TO STDOUT, two exports at once, and one export job, with the server
# heap capped at 256 MB and sampled from /metrics.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/export/run.sh [--events=1000000] [--traces=100000] [--days=7] [--load=true|false]
#          [--warmup=true|false] [--server-heap=256m] [--rounds=3] [--jar=payara-config/target/trace-server.jar]
# A relative --jar is relative to the repository root. --load=true drops trace_export_bench first.
set -euo pipefail
cd "$(dirname "$0")/../.."

server=payara-config/target/trace-server.jar
for arg in "$@"; do
  case "$arg" in --jar=*) server=${arg#--jar=} ;; esac
done
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install  ($server is missing)" >&2; exit 1; }

out=bench/out/export
rm -rf "$out" && mkdir -p "$out"

driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
exec java -Xmx1g -cp "$driver" bench/export/ExportBench.java --jar="$server" --work="$out" "$@"
