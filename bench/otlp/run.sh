#!/usr/bin/env bash
# OTLP benchmark: the same spans sent as native NDJSON batches (POST /api/v1/events) and as OTLP/HTTP
# protobuf (POST /v1/traces) to one server, in rounds that alternate which goes first; the rates, their
# ratio against the target (OTLP >= 0.50 of native), and every acknowledged row checked in PostgreSQL.
# Needs the build first (the server jar, and opentelemetry-proto and protobuf-java in ~/.m2):
#   mvn -B -DskipTests install
# Usage: bench/otlp/run.sh [--spans=200000] [--batch=512] [--clients=4] [--rounds=3] [--warmup=20]
#          [--gzip=false|true] [--server-heap=512m] [--jar=payara-config/target/trace-server.jar]
# A relative --jar is relative to the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."

server=payara-config/target/trace-server.jar
for arg in "$@"; do
  case "$arg" in --jar=*) server=${arg#--jar=} ;; esac
done
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install  ($server is missing)" >&2; exit 1; }

out=bench/out/otlp
rm -rf "$out" && mkdir -p "$out"
# A build may replace the jar while the bench runs: the server runs from a copy.
cp "$server" "$out/trace-server.jar"

# The message classes at the versions the server is built with.
version_of() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
m2=~/.m2/repository
proto_version=$(version_of opentelemetry-proto.version)
protobuf_version=$(version_of protobuf.version)
proto=$m2/io/opentelemetry/proto/opentelemetry-proto/$proto_version/opentelemetry-proto-$proto_version.jar
protobuf=$m2/com/google/protobuf/protobuf-java/$protobuf_version/protobuf-java-$protobuf_version.jar
driver=$(ls $m2/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
for jar in "$proto" "$protobuf" "$driver"; do
  [ -f "$jar" ] || { echo "build first: mvn -B -DskipTests install  ($jar is missing)" >&2; exit 1; }
done

# The server creates and migrates the database when it is missing.
PGOPTIONS='-c client_min_messages=warning' \
  psql -h 127.0.0.1 -U postgres -qc 'drop database if exists trace_otlp_bench with (force)' >/dev/null

# The copied jar and the out directory come last, so they win over the options given.
exec java -cp "$driver:$proto:$protobuf" bench/otlp/OtlpBench.java "$@" --jar="$out/trace-server.jar" \
  --work="$out"
