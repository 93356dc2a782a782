-- Export jobs and their progress, in the database so that any server instance can answer for
-- any job. heartbeat_at is the runner's sign of life: a queued or running job not heard from
-- for a while belonged to a server that stopped, and the housekeeping job fails it.
create table export_job (
    tenant_id       text        not null,
    id              uuid        not null,
    request         jsonb       not null,
    file_name       text        not null,
    content_type    text        not null,
    status          text        not null,
    rows_written    bigint      not null default 0,
    rows_total      bigint      not null default 0,
    bytes_written   bigint      not null default 0,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    heartbeat_at    timestamptz not null,
    file_expires_at timestamptz,
    failure_reason  text,
    constraint export_job_pk primary key (tenant_id, id),
    constraint export_job_status_ck check (status in ('queued', 'running', 'done', 'failed', 'cancelled'))
);

create index export_job_alive_idx on export_job (heartbeat_at) where status in ('queued', 'running');
create index export_job_files_idx on export_job (file_expires_at) where status = 'done';
