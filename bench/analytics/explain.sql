-- list: completed traces of one type with errors, newest first, over 24 hours (the ids of the page, as SqlTraceQueries.list sends it)
select t.id, t.started_at, coalesce(t.duration_ms, -1) from trace t
where t.tenant_id = 'default'
  and t.type = any('{api_request}'::text[])
  and t.status = any('{completed}'::text[])
  and t.started_at >= :from and t.started_at < :to
  and (t.error_events > 0 or t.critical_events > 0)
order by t.started_at desc, t.id desc
limit 50;

-- list, total: the count behind totalItems (sent only when the first page is full)
select count(*) from trace t
where t.tenant_id = 'default'
  and t.type = any('{api_request}'::text[])
  and t.status = any('{completed}'::text[])
  and t.started_at >= :from and t.started_at < :to
  and (t.error_events > 0 or t.critical_events > 0);

-- aggregation: count, p95 duration and error rate by type and hour over 24 hours (as SqlTraceQueries.aggregate sends it)
select t.type as g0, date_bin(cast('3600 seconds' as interval), t.started_at, timestamptz '1970-01-01 00:00:00+00') as g1,
       count(*), null, null, null, null,
       percentile_cont(0.95) within group (order by t.duration_ms), null,
       avg(case when t.status = 'failed' or ((t.error_events > 0 or t.critical_events > 0)
             or (t.status = 'active' and exists (select 1 from event e where e.tenant_id = t.tenant_id
                 and e.trace_id = t.id and e.level in ('error', 'critical')))) then 1.0 else 0.0 end),
       null, null, null, null, null
from trace t
where t.tenant_id = 'default'
  and t.started_at >= :from and t.started_at < :to
group by 1, 2 order by 1, 2
limit 10001;

-- events of one trace: partition pruning on the trace id (what the trace details read)
select * from event e
where e.tenant_id = 'default'
  and e.trace_id = (select id from trace where tenant_id = 'default' and started_at >= :from order by started_at limit 1)
order by e.occurred_at, e.seq;
