-- Events partitioned by day, and the event counts of a closed trace kept on its row.
--
-- Events are partitioned by the day of their trace's id, not of their own timestamp. Trace ids are
-- UUIDv7, generated when the trace starts: their first 48 bits are its start in Unix
-- milliseconds, and uuids compare bytewise, so a range of ids is a range of start times. This
-- keeps what partitioning by time is for (retention drops whole days) and keeps the primary key
-- (tenant_id, trace_id, id), whose uniqueness makes retried events idempotent; a key on
-- occurred_at would have to include it, and a retry with a new timestamp would slip through.
-- All events of a trace share a partition, and the trace id stays the key to distribute on.

-- The smallest UUIDv7 of the millisecond `at`: the lower bound of ids generated from then on.
create function trace_id_floor(at timestamptz) returns uuid
language sql immutable strict parallel safe as $$
  select (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-0000-0000-000000000000')::uuid
  from (select lpad(to_hex(floor(extract(epoch from at) * 1000)::bigint), 12, '0') as h) ms
$$;

alter table event rename to event_unpartitioned;
alter table event_unpartitioned rename constraint event_pk to event_unpartitioned_pk;
alter index event_errors_idx rename to event_unpartitioned_errors_idx;

create sequence event_seq;
select setval('event_seq', coalesce((select max(seq) from event_unpartitioned), 0) + 1, false);

create table event (
    tenant_id   text             not null,
    trace_id    uuid             not null,
    id          uuid             not null,
    parent_id   uuid,
    type        text             not null,
    level       text             not null,
    message     text,
    data        jsonb            not null default '{}',
    occurred_at timestamptz      not null,
    duration_ms double precision,
    -- The order events were recorded in: breaks ties between events of the same instant.
    seq         bigint           not null default nextval('event_seq'),
    constraint event_pk primary key (tenant_id, trace_id, id),
    constraint event_level_ck check (level in ('debug', 'info', 'warn', 'error', 'critical')),
    constraint event_duration_ck check (duration_ms is null or duration_ms >= 0)
) partition by range (trace_id);
alter sequence event_seq owned by event.seq;

-- Serves the hasErrors filter of active traces without touching their other events.
create index event_errors_idx on event (tenant_id, trace_id) where level in ('error', 'critical');

-- Catches ids outside every day partition (a trace id that is not a UUIDv7, or a day the
-- partition job has not reached), so that no write ever fails for want of a partition.
create table event_default partition of event default;

-- Creates the missing day partitions from first_day to last_day, both included. A day whose ids
-- already sit in the default partition is left there (the retention job deletes them from it);
-- creating its partition would fail. Safe to run from several instances at once: they take turns
-- on an advisory lock. Returns the number of partitions created.
create function trace_event_partitions_ensure(first_day date, last_day date) returns integer
language plpgsql as $$
declare
  day date;
  name text;
  low uuid;
  high uuid;
  created integer := 0;
begin
  perform pg_advisory_xact_lock(hashtext('trace_event_partitions'));
  for day in select d::date from generate_series(first_day, last_day, interval '1 day') d loop
    name := 'event_p' || to_char(day, 'YYYYMMDD');
    continue when to_regclass(name) is not null;
    low := trace_id_floor(day::timestamp at time zone 'UTC');
    high := trace_id_floor((day + 1)::timestamp at time zone 'UTC');
    continue when exists (select 1 from event_default where trace_id >= low and trace_id < high);
    execute format('create table %I partition of event for values from (%L) to (%L)', name, low, high);
    created := created + 1;
  end loop;
  return created;
end
$$;

-- Drops the day partitions that end at or before `before` and deletes, from the default
-- partition, events of traces started before it. Returns the number of partitions dropped.
create function trace_event_partitions_drop(before timestamptz) returns integer
language plpgsql as $$
declare
  partition record;
  dropped integer := 0;
  bound uuid := trace_id_floor(before);
begin
  perform pg_advisory_xact_lock(hashtext('trace_event_partitions'));
  for partition in
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bounds
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'event'::regclass and c.relname like 'event\_p________'
  loop
    -- bounds read: FOR VALUES FROM ('<low>') TO ('<high>')
    if substring(partition.bounds from 'TO \(''([0-9a-f-]+)''\)')::uuid <= bound then
      execute format('drop table %I', partition.name);
      dropped := dropped + 1;
    end if;
  end loop;
  delete from event_default where trace_id < bound;
  return dropped;
end
$$;

-- Partitions for the days of the events already stored, and for the days around now.
select trace_event_partitions_ensure(
    least((select min(started_at) from trace)::date, current_date - 1),
    greatest((select max(started_at) from trace)::date, current_date + 7));

insert into event (tenant_id, trace_id, id, parent_id, type, level, message, data, occurred_at, duration_ms, seq)
select tenant_id, trace_id, id, parent_id, type, level, message, data, occurred_at, duration_ms, seq
from event_unpartitioned;
drop table event_unpartitioned;

-- What a trace's events add up to, written when it ends (completed, failed, cancelled, expired);
-- null while it is active, when queries count its events live. Events are immutable and none
-- are added after the end, so the counts never go stale.
alter table trace
    add column debug_events    integer,
    add column info_events     integer,
    add column warn_events     integer,
    add column error_events    integer,
    add column critical_events integer;

update trace t set
    debug_events = c.debug, info_events = c.info, warn_events = c.warn,
    error_events = c.error, critical_events = c.critical
from (
    select t2.tenant_id, t2.id,
           count(e.id) filter (where e.level = 'debug') as debug,
           count(e.id) filter (where e.level = 'info') as info,
           count(e.id) filter (where e.level = 'warn') as warn,
           count(e.id) filter (where e.level = 'error') as error,
           count(e.id) filter (where e.level = 'critical') as critical
    from trace t2 left join event e on e.tenant_id = t2.tenant_id and e.trace_id = t2.id
    where t2.status <> 'active'
    group by t2.tenant_id, t2.id
) c
where t.tenant_id = c.tenant_id and t.id = c.id;

-- The query filters. The list query the dashboards lean on most narrows by type and status over
-- a time range; name, metadata and tags have indexes of their own.
create extension if not exists pg_trgm;
create index trace_type_status_idx on trace (tenant_id, type, status, started_at desc);
create index trace_execution_idx on trace (tenant_id, execution_id) where execution_id is not null;
create index trace_name_trgm_idx on trace using gin (name gin_trgm_ops);
create index trace_metadata_idx on trace using gin (metadata jsonb_path_ops);
create index trace_duration_idx on trace (tenant_id, duration_ms);
-- Traces with errors are a few per cent of all: a small index answers hasErrors on ended traces.
create index trace_with_errors_idx on trace (tenant_id, started_at desc)
    where error_events > 0 or critical_events > 0;
-- The expiry job's scan.
create index trace_active_idx on trace (started_at) where status = 'active';
