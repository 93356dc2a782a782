#!/usr/bin/env bash
# ObjectTwins time travel: one object with N changes (default 100,000), its state rebuilt at
# random instants inside the server (through the injected service) and over HTTP, next to the
# same rebuild replaying every change from the first; then the cost of recording a state change
# next to a plain event, inside the server and over HTTP. The module's WAR plus one bench
# servlet, on Payara Micro. Prints each figure and the targets.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/twins/run.sh [changes=100000] [samples=2000] [replays=20] [records=2000] [heap=512m]
set -euo pipefail
cd "$(dirname "$0")/../.."
changes=${1:-100000}; samples=${2:-2000}; replays=${3:-20}; records=${4:-2000}; heap=${5:-512m}

war=bench/twins/target/twins-bench.war
micro=payara-config/target/bundle/payara-micro.jar
[ -f "$war" ] && [ -f "$micro" ] || { echo "build first: mvn -B -DskipTests install" >&2; exit 1; }

db=trace_twins_bench
out=bench/out/twins
rm -rf "$out" && mkdir -p "$out"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

TRACE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db java -Xmx$heap -jar "$micro" --nocluster --port "$port" \
  --rootdir "$out/root" --postbootcommandfile payara-config/src/main/payara/post-boot-commands.asadmin \
  --deploy "$war" --contextroot / > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "server died; see $out/server.log" >&2; exit 1; }
  sleep 1
done

object=bench-$(date +%s)
echo "loading $changes changes of one object through the service (1,000 to a transaction)"
read -r _ loaded seconds first last < <(curl -sf -X POST "$base/twin-bench/load?object=$object&changes=$changes")
printf '%-26s %d changes in %.1f s (%.0f/s)\n' "load" "$loaded" "$seconds" "$(echo "$loaded / $seconds" | bc -l)"

echo "rebuilding at $samples random instants in the service, $replays of them also by replaying every change"
curl -sf -X POST "$base/twin-bench/rebuild?object=$object&samples=$samples&replays=$replays" > "$out/rebuild.txt"
echo "rebuilding at $samples random instants over HTTP; then $records events and state changes over HTTP"
java bench/twins/TwinHttpBench.java "$base" "$object" "$first" "$last" "$samples" "$records" > "$out/http.txt"
echo "recording $records events and state changes in the service"
curl -sf -X POST "$base/twin-bench/record?n=$records" > "$out/record.txt"

field() { grep -h "^$1 " "$out"/*.txt | awk -v c="$2" '{print $c}'; }
line() { # name: count mean p50 p90 p99 max (ms)
  printf '%-26s mean %7.3f  p50 %7.3f  p90 %7.3f  p99 %7.3f  max %8.3f ms (%d)\n' "$2" \
    "$(field "$1" 3)" "$(field "$1" 4)" "$(field "$1" 5)" "$(field "$1" 6)" "$(field "$1" 7)" "$(field "$1" 2)"
}
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "met" : "NOT met" }'; }

echo
echo "SUMMARY (one object, $(field revision 2) revisions; snapshot every 100 changes)"
line service "rebuild, in the service"
line replay "rebuild by full replay"
line http_rebuild "rebuild, over HTTP"
p99=$(field service 6); http99=$(field http_rebuild 6)
speedup=$(echo "$(field replay 3) / $(field service 3)" | bc -l)
printf '%-26s p99 %.3f ms in the service (target <= 5: %s), %.3f ms over HTTP (target <= 20: %s)\n' "targets" \
  "$p99" "$(verdict "$p99" 5)" "$http99" "$(verdict "$http99" 20)"
printf '%-26s %.0f times faster than replaying every change (mean against mean; target >= 100: %s)\n' "" \
  "$speedup" "$(verdict 100 "$speedup")"
printf '%-26s %s of %s sampled rebuilds differ from the full replay\n' "" "$(field mismatches 2)" "$replays"
line event "plain event, service"
line change "state change, service"
line traced_change "traced change, service"
line http_event "plain event, HTTP"
line http_change "state change, HTTP"
line http_traced_change "traced change, HTTP"
for pair in "change event service" "traced_change event service" "http_change http_event HTTP" \
    "http_traced_change http_event HTTP"; do
  set -- $pair
  ratio=$(echo "$(field "$1" 3) / $(field "$2" 3)" | bc -l)
  printf '%-26s %s / %s = %.2f (mean; target <= 2: %s)\n' "cost of a change" "$1" "$2" "$ratio" "$(verdict "$ratio" 2)"
done
