-- Traces and their events. Every table that hangs off a trace carries tenant_id and trace_id in
-- its keys, so the schema can be distributed by trace id (Citus) without a redesign.

create table trace (
    tenant_id      text             not null,
    id             uuid             not null,
    context_id     text             not null,
    execution_id   text,
    type           text             not null,
    name           text             not null,
    description    text,
    status         text             not null,
    metadata       jsonb            not null default '{}',
    tags           varchar[]        not null default '{}',
    started_at     timestamptz      not null,
    completed_at   timestamptz,
    duration_ms    double precision,
    failure_reason text,
    constraint trace_pk primary key (tenant_id, id),
    constraint trace_type_ck check (type in
        ('workflow_execution', 'module_operation', 'api_request', 'background_task', 'custom')),
    constraint trace_status_ck check (status in ('active', 'completed', 'failed', 'cancelled', 'expired')),
    constraint trace_ended_ck check ((status = 'active') = (completed_at is null))
);

-- The listing filters: newest first within a tenant, optionally narrowed by context, status or type.
create index trace_started_idx on trace (tenant_id, started_at desc, id desc);
create index trace_context_idx on trace (tenant_id, context_id, started_at desc);
create index trace_status_idx on trace (tenant_id, status, started_at desc);
create index trace_type_idx on trace (tenant_id, type, started_at desc);
create index trace_tags_idx on trace using gin (tags);

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
    seq         bigint           generated always as identity,
    constraint event_pk primary key (tenant_id, trace_id, id),
    constraint event_trace_fk foreign key (tenant_id, trace_id)
        references trace (tenant_id, id) on delete cascade,
    constraint event_level_ck check (level in ('debug', 'info', 'warn', 'error', 'critical')),
    constraint event_duration_ck check (duration_ms is null or duration_ms >= 0)
);

-- Serves the hasErrors filter without touching the other events.
create index event_errors_idx on event (tenant_id, trace_id) where level in ('error', 'critical');
