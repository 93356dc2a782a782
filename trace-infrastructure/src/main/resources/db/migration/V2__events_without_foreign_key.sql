-- Every event is written under a share lock on its trace, taken by the one use case that writes
-- events, so the trace is known to exist. The foreign key re-checked that per row, with a query
-- and a row lock each, and cost about 40% of ingest; it would also stand in the way of
-- partitioning traces and events by time. Events of a deleted trace are deleted with it by the
-- repository, under an exclusive lock on the trace.
alter table event drop constraint event_trace_fk;
