#!/usr/bin/env bash
# TraceRecorder into PostgreSQL, end to end: the module's WAR plus a servlet that records N events
# from C threads through the injected TraceRecorder, on Payara Micro with a capped heap. Prints the
# recording and writing rates, then counts the rows and fails if any event is missing or doubled
# or the recorder dropped or rejected any; samples the heap meanwhile.
# Needs the build first:  mvn -B -DskipTests install
# Usage: bench/recorder-soak/run.sh [events=1000000] [threads=1] [traces=1000] [heap=512m]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-1000000}; threads=${2:-1}; traces=${3:-1000}; heap=${4:-512m}

war=bench/recorder-soak/target/recorder-soak.war
micro=payara-config/target/bundle/payara-micro.jar
[ -f "$war" ] && [ -f "$micro" ] || { echo "build first: mvn -B -DskipTests install" >&2; exit 1; }

db=trace_recorder_bench
out=bench/out/recorder-soak
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

# Heap as the server reports it, once a second while the run lasts.
(set +e; while true; do curl -s "$base/metrics?scope=base" | grep -E '^memory_(usedHeap|maxHeap)_bytes'; sleep 1; done) \
  > "$out/heap.txt" 2>/dev/null &
sampler=$!

echo "recording $events events from $threads threads into $traces traces (server heap -Xmx$heap)"
curl -sf -X POST "$base/soak?events=$events&threads=$threads&traces=$traces" > "$out/result.txt"
kill $sampler 2>/dev/null || true
metrics=$(curl -s "$base/metrics?scope=application")

value() { grep -E "^$1 " "$out/result.txt" | cut -d' ' -f2; }
metric() { echo "$metrics" | grep -E "^$1(\{[^}]*\})? " | head -1 | awk '{print $NF}'; }
ids=$(value traces)
read -r rows distinct < <(psql -h 127.0.0.1 -U postgres -d $db -tAF' ' -c \
  "select count(*), count(distinct (trace_id, id)) from event where trace_id = any('{$ids}'::uuid[])")
max_used=$(grep -E '^memory_usedHeap_bytes' "$out/heap.txt" | awk '{printf "%d\n", $NF}' | sort -n | tail -1)
max_heap=$(grep -E '^memory_maxHeap_bytes' "$out/heap.txt" | awk '{printf "%d\n", $NF}' | sort -n | tail -1)

record_s=$(value record_seconds); written_s=$(value written_seconds)
printf '%-22s %s\n' "events" "$events (threads $threads, traces $traces)"
printf '%-22s %.0f events/s (%.2f s)\n' "record() calls" "$(echo "$events / $record_s" | bc -l)" "$record_s"
printf '%-22s %.0f events/s (%.2f s, all written)\n' "written to PostgreSQL" "$(echo "$events / $written_s" | bc -l)" "$written_s"
printf '%-22s %s\n' "accepted/written" "$(metric trace_recorder_events_accepted_total) / $(metric trace_recorder_events_written_total)"
printf '%-22s %s\n' "dropped/rejected" "$(metric trace_recorder_events_dropped_total) / $(metric trace_recorder_events_rejected_total)"
printf '%-22s %s\n' "rows" "stored $rows, distinct $distinct"
printf '%-22s max used %.0f MB of %.0f MB\n' "server heap" "$(echo "${max_used:-0} / 1048576" | bc -l)" "$(echo "${max_heap:-0} / 1048576" | bc -l)"

[ "$(value flushed)" = "true" ] || { echo "FAIL: the recorder did not write everything within 10 minutes" >&2; exit 1; }
[ "$rows" = "$events" ] && [ "$distinct" = "$events" ] || { echo "FAIL: $events recorded, $rows rows, $distinct distinct" >&2; exit 1; }
dropped=$(metric trace_recorder_events_dropped_total); rejected=$(metric trace_recorder_events_rejected_total)
[ "${dropped%.*}" = "0" ] && [ "${rejected%.*}" = "0" ] || { echo "FAIL: dropped $dropped, rejected $rejected" >&2; exit 1; }
echo "OK: every event stored once"
