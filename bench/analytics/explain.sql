-- list: completed traces of one type with errors, newest first, over 24 hours
-- (placeholder: replace with the SQL the server sends; :from and :to become timestamptz literals)
select *
from trace
where tenant_id = 'default'
  and type = 'api_request'
  and status = 'completed'
  and started_at >= :from and started_at < :to
  and (error_events > 0 or critical_events > 0)
order by started_at desc, id desc
limit 50;

-- aggregation: count, p95 duration and error rate by type and hour over 24 hours
-- (placeholder: replace with the SQL the server sends)
select type,
       date_trunc('hour', started_at) as hour,
       count(*) as count,
       percentile_cont(0.95) within group (order by duration_ms) as p95_duration_ms,
       avg(case when status = 'failed' then 1.0 else 0.0 end) as error_rate
from trace
where tenant_id = 'default'
  and started_at >= :from and started_at < :to
group by type, date_trunc('hour', started_at)
order by type, hour;
