#!/usr/bin/env bash
# Foundation benchmark: startup next to a bare Payara Micro, and single-event POST latency.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/foundation/run.sh [--rounds=3] [--events=10000] [--warmup=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."

bundle=payara-config/target/bundle
server=payara-config/target/trace-server.jar
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install" >&2; exit 1; }

out=bench/out/foundation
rm -rf "$out" && mkdir -p "$out/empty"
# The baseline: Payara Micro with a WAR that holds nothing but an index page.
echo '<p>empty</p>' > "$out/empty/index.html"
(cd "$out/empty" && jar --create --file ../empty.war index.html)

driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
psql -h 127.0.0.1 -U postgres -qc 'drop database if exists trace_bench with (force)' >/dev/null

java -cp "$driver" bench/foundation/FoundationBench.java \
  --payara-micro="$bundle/payara-micro.jar" --empty-war="$out/empty.war" --trace-server="$server" \
  --work="$out" "$@"
