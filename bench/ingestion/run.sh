#!/usr/bin/env bash
# Ingestion benchmark: events in batches over HTTP from concurrent clients, every acknowledged event
# checked in PostgreSQL, next to the same rows loaded with PostgreSQL's COPY FROM STDIN.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/ingestion/run.sh [--events=1000000] [--clients=4] [--batch=1000] [--format=ndjson|json]
#          [--gzip=false|true] [--traces=100] [--endpoint=mixed|trace] [--warmup=50000]
#          [--copy=batch|stream] [--server-heap=512m] [--jar=payara-config/target/trace-server.jar]
# A relative --jar is relative to the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."

server=payara-config/target/trace-server.jar
for arg in "$@"; do
  case "$arg" in --jar=*) server=${arg#--jar=} ;; esac
done
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install  ($server is missing)" >&2; exit 1; }

out=bench/out/ingestion
rm -rf "$out" && mkdir -p "$out"

driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
# The server creates and migrates the database when it is missing.
PGOPTIONS='-c client_min_messages=warning' \
  psql -h 127.0.0.1 -U postgres -qc 'drop database if exists trace_ingest_bench with (force)' >/dev/null

exec java -cp "$driver" bench/ingestion/IngestionBench.java --jar="$server" --work="$out" "$@"
