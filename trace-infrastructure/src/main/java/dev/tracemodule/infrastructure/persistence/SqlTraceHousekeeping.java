package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.trace.TraceHousekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@link TraceHousekeeping} as single SQL statements, each correct under concurrency. */
@ApplicationScoped
public class SqlTraceHousekeeping implements TraceHousekeeping {

  // FOR UPDATE SKIP LOCKED: two instances split the due traces between them, and a trace whose
  // events are being written (share-locked) waits for a later run, so the counts written here
  // include every event it will ever have.
  private static final String EXPIRE =
      "with due as ("
          + " select tenant_id, id from trace where status = 'active' and started_at < :cutoff"
          + " order by started_at limit :limit for update skip locked),"
          + " counted as ("
          + " select d.tenant_id, d.id,"
          + " count(e.id) filter (where e.level = 'debug') as debug,"
          + " count(e.id) filter (where e.level = 'info') as info,"
          + " count(e.id) filter (where e.level = 'warn') as warn,"
          + " count(e.id) filter (where e.level = 'error') as error,"
          + " count(e.id) filter (where e.level = 'critical') as critical"
          + " from due d left join event e on e.tenant_id = d.tenant_id and e.trace_id = d.id"
          + " group by d.tenant_id, d.id)"
          + " update trace t set status = 'expired', completed_at = :now,"
          + " duration_ms = greatest(0, extract(epoch from (cast(:now as timestamptz) - t.started_at)) * 1000),"
          + " debug_events = c.debug, info_events = c.info, warn_events = c.warn,"
          + " error_events = c.error, critical_events = c.critical"
          + " from counted c where t.tenant_id = c.tenant_id and t.id = c.id";

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  protected SqlTraceHousekeeping() {}

  /** Outside a container: on a given entity manager. */
  public SqlTraceHousekeeping(EntityManager em) {
    this.em = em;
  }

  @Override
  public int expireStartedBefore(Instant cutoff, Instant now, int limit) {
    return em.createNativeQuery(EXPIRE)
        .setParameter("cutoff", cutoff)
        .setParameter("now", now)
        .setParameter("limit", limit)
        .executeUpdate();
  }

  @Override
  public int preparePartitions(LocalDate first, LocalDate last) {
    return ((Number)
            em.createNativeQuery("select trace_event_partitions_ensure(:first, :last)")
                .setParameter("first", first)
                .setParameter("last", last)
                .getSingleResult())
        .intValue();
  }

  @Override
  public long removeStartedBefore(LocalDate firstKeptDay) {
    Instant bound = firstKeptDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    // Partitions hold the events of the traces started on their day (by the trace id's time),
    // so a day-aligned bound leaves no event without its trace, nor a trace without its events.
    em.createNativeQuery("select trace_event_partitions_drop(:bound)").setParameter("bound", bound).getSingleResult();
    return em.createNativeQuery("delete from trace where id < trace_id_floor(:bound)")
        .setParameter("bound", bound)
        .executeUpdate();
  }
}
