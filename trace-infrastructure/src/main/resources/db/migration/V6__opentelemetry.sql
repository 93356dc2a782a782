-- Traces and OpenTelemetry: the OpenTelemetry trace a trace belongs to, and traces imported over
-- OTLP, which an OpenTelemetry trace id finds.

-- The OpenTelemetry trace (32 hex digits) and span (16) of a trace: for a trace created through the
-- API, the caller's (from the W3C traceparent of the request that created it); for one imported
-- over OTLP, its own, the span id being its root span's once that has arrived.
alter table trace add column otel_trace_id text;
alter table trace add column otel_span_id text;
-- 'api' for traces created through the API; 'otlp' for traces assembled from OTLP spans.
alter table trace add column source text not null default 'api';
alter table trace add constraint trace_source_ck check (source in ('api', 'otlp'));

create index trace_otel_idx on trace (tenant_id, otel_trace_id) where otel_trace_id is not null;
-- One imported trace per OpenTelemetry trace: requests carrying its spans at once find one row.
create unique index trace_otlp_uk on trace (tenant_id, otel_trace_id) where source = 'otlp';
