#!/usr/bin/env bash
# Span search: GET /api/v1/spans's SQL on a day partition of many spans, with the span index
# (event_span_time_idx) and, in the same run, without it (dropped inside a transaction that is
# rolled back). Prints each query's time, best of --repeat, and whether its plan reads the index.
# Needs the build first: mvn -B -DskipTests install
# Usage: bench/otlp/span-search.sh [--spans=3000000] [--hours=72] [--repeat=5] [--load=true|false]
#   --spans spread evenly over the last --hours, 20 to a trace, 25 services, 40 span names, 2% errors.
#   --load=false queries the database of an earlier run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

spans=3000000 hours=72 repeat=5 load=true
for arg in "$@"; do
  case "$arg" in
    --spans=*) spans=${arg#--spans=} ;;
    --hours=*) hours=${arg#--hours=} ;;
    --repeat=*) repeat=${arg#--repeat=} ;;
    --load=*) load=${arg#--load=} ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
server=payara-config/target/trace-server.jar
[ -f "$server" ] || { echo "build first: mvn -B -DskipTests install  ($server is missing)" >&2; exit 1; }

db=trace_span_bench
export PGHOST=127.0.0.1 PGUSER=postgres PGOPTIONS='-c client_min_messages=warning'
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

if [ "$load" = true ]; then
  psql -qc "drop database if exists $db with (force)" >/dev/null
  # The server creates and migrates the database at start; it is stopped once it is ready.
  out=bench/out/span-search && rm -rf "$out" && mkdir -p "$out"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  TRACE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db java -jar "$server" --port "$port" \
    --rootdir "$out/root" >"$out/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 180); do curl -sf "localhost:$port/health/ready" >/dev/null && break; sleep 1; done
  kill "$pid"; wait "$pid" || true
  echo "loading $spans spans over the last $hours hours"
  start=$(date +%s)
  psql_db -v spans="$spans" -v hours="$hours" <<'SQL'
\o /dev/null
select trace_event_partitions_ensure((now() - make_interval(hours => :hours) - interval '1 day')::date,
                                     (now() + interval '1 day')::date);
insert into event (tenant_id, trace_id, id, type, level, message, data, occurred_at, duration_ms)
select 'default',
       (left(trace_id_floor(at)::text, 19) || substr(md5(t::text), 1, 4) || '-' || substr(md5(t::text), 5, 12))::uuid,
       gen_random_uuid(), 'span', case when i % 50 = 0 then 'error' else 'info' end, 'GET /op' || i % 40,
       jsonb_build_object(
         'otel', jsonb_build_object('traceId', md5(t::text)),
         'resource', jsonb_build_object('service.name', 'svc' || t % 25),
         'attributes', jsonb_build_object('http.route', '/op' || i % 40,
                                          'http.status_code', case when i % 50 = 0 then 500 else 200 end)),
       at + (i % 20) * interval '5 ms', (i % 97) * 1.5
from (select i, i / 20 as t, now() - make_interval(hours => :hours) * (i::float8 / :spans) as at
      from generate_series(1, :spans) i) s;
analyze event;
\o
SQL
  echo "loaded in $(( $(date +%s) - start )) s"
fi

# The statement JpaSpanSearch sends, for the last hour (the default window); trace ids a day
# either side of it, as the search bounds them.
query() {
  cat <<SQL
select e.* from event e where e.tenant_id = 'default' and e.type = 'span'
  and e.trace_id >= trace_id_floor(now() - interval '25 hours') and e.trace_id <= trace_id_floor(now() + interval '1 day')
  and e.occurred_at >= now() - interval '1 hour' and e.occurred_at < now() $1
  order by e.occurred_at desc, e.trace_id desc, e.id desc limit 51
SQL
}
declare -A filters=(
  [1-newest]=""
  [2-service]="and e.data->'resource'->>'service.name' = 'svc7'"
  [3-service+attribute]="and e.data->'resource'->>'service.name' = 'svc7' and e.data->'attributes'->>'http.status_code' = '500'"
  [4-min-duration+error]="and e.duration_ms >= 100 and e.level in ('error', 'critical')"
)

run_all() {   # $1: label; $2: SQL run first in the same transaction
  for name in $(printf '%s\n' "${!filters[@]}" | sort); do
    sql=$(query "${filters[$name]}")
    best=$(for _ in $(seq "$repeat"); do
      psql_db -At <<SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
begin; $2
explain (analyze, costs off, timing off, summary on) $sql;
rollback;
SQL
    done | sort -g | head -1)
    uses=$(psql_db -At -c "begin" -c "$2 select 1" -c "explain (costs off) $sql" -c "rollback" 2>/dev/null \
      | grep -q 'occurred_at_trace_id_id_idx' && echo yes || echo no)
    printf '%-31s %-20s %10.1f ms   %s\n' "$label" "${name#*-}" "$best" "$uses"
  done
}

echo "spans stored: $(psql_db -At -c "select count(*) from event where type = 'span'")"
printf '%-31s %-20s %13s   %s\n' "index" "query" "best of $repeat" "span index in plan"
label="with event_span_time_idx"; run_all "$label" ""
label="without (dropped, rolled back)"; run_all "$label" "drop index event_span_time_idx;"
