-- ObjectTwins: registered types, objects with their current state, their changes and snapshots.
--
-- The twin tables hang off an object, not a trace: their keys lead with (tenant_id, object_id),
-- the column they would be distributed on (co-located) under Citus. A change keeps the trace that
-- made it as a reference (trace_id), indexed for the way back from a trace to its objects.
-- twin_change is not partitioned by time, unlike event: rebuilding a past state needs all of an
-- object's history, so it is never dropped by age.

-- The object an event concerns, when it is recorded inside an anchor or names one.
alter table event add column object_id text;
create index event_object_idx on event (tenant_id, object_id) where object_id is not null;

create table twin_type (
    tenant_id     text        not null,
    name          text        not null,
    version       integer     not null,
    kind          text        not null,
    description   text,
    -- [{"name", "type", "default", "nullable", "description"}], in the order declared
    fields        jsonb       not null,
    registered_at timestamptz not null,
    updated_at    timestamptz not null,
    constraint twin_type_pk primary key (tenant_id, name, version),
    constraint twin_type_kind_ck check (kind in ('object', 'process')),
    constraint twin_type_version_ck check (version >= 1)
);

create table twin (
    tenant_id      text        not null,
    object_id      text        not null,
    type_name      text        not null,
    type_version   integer     not null,
    state          jsonb       not null,
    revision       bigint      not null,
    -- The position of the last change: its time, then the order it was recorded in.
    last_at        timestamptz,
    last_seq       bigint,
    last_change_id uuid,
    last_trace_id  uuid,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    constraint twin_pk primary key (tenant_id, object_id)
);
create index twin_type_idx on twin (tenant_id, type_name, object_id);
-- Finds objects by their current state: state @> '{"status": "open"}'.
create index twin_state_idx on twin using gin (state jsonb_path_ops);

create sequence twin_change_seq;

create table twin_change (
    tenant_id     text        not null,
    object_id     text        not null,
    id            uuid        not null,
    -- The order changes were recorded in: breaks ties between changes of the same instant.
    seq           bigint      not null default nextval('twin_change_seq'),
    occurred_at   timestamptz not null,
    type_name     text        not null,
    type_version  integer     not null,
    -- The fields the change sets, with their new values.
    changes       jsonb       not null,
    trace_id      uuid,
    call_event_id uuid,
    span_id       text,
    recorded_at   timestamptz not null,
    constraint twin_change_pk primary key (tenant_id, object_id, id)
);
alter sequence twin_change_seq owned by twin_change.seq;
-- An object's history in order; a past state replays a stretch of it.
create unique index twin_change_position_idx on twin_change (tenant_id, object_id, occurred_at, seq);
create index twin_change_trace_idx on twin_change (tenant_id, trace_id, occurred_at, seq) where trace_id is not null;

create table twin_snapshot (
    tenant_id      text        not null,
    object_id      text        not null,
    revision       bigint      not null,
    type_name      text        not null,
    -- The position of the last change the snapshot includes.
    last_at        timestamptz not null,
    last_seq       bigint      not null,
    type_version   integer     not null,
    state          jsonb       not null,
    last_change_id uuid        not null,
    last_trace_id  uuid,
    constraint twin_snapshot_pk primary key (tenant_id, object_id, revision)
);
create index twin_snapshot_position_idx on twin_snapshot (tenant_id, object_id, last_at, last_seq);
