package dev.tracemodule.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes the event counts of traces that have just ended onto their rows, once: the list filters
 * of ended traces read them instead of their events.
 */
final class EndedTraceCounts {

  private EndedTraceCounts() {}

  static void write(EntityManager em, String tenantId, UUID traceId) {
    write(em, tenantId, List.of(traceId));
  }

  /** One statement for all of them; a trace without events gets zeros. */
  static void write(EntityManager em, String tenantId, Collection<UUID> traceIds) {
    if (traceIds.isEmpty()) {
      return;
    }
    em.createNativeQuery(
            "update trace t set debug_events = c.debug, info_events = c.info, warn_events = c.warn,"
                + " error_events = c.error, critical_events = c.critical"
                + " from (select k.id,"
                + " count(e.id) filter (where e.level = 'debug') as debug,"
                + " count(e.id) filter (where e.level = 'info') as info,"
                + " count(e.id) filter (where e.level = 'warn') as warn,"
                + " count(e.id) filter (where e.level = 'error') as error,"
                + " count(e.id) filter (where e.level = 'critical') as critical"
                + " from unnest(cast(:ids as uuid[])) as k(id)"
                + " left join event e on e.tenant_id = :tenant and e.trace_id = k.id group by k.id) c"
                + " where t.tenant_id = :tenant and t.id = c.id and t.debug_events is null")
        .setParameter("tenant", tenantId)
        .setParameter("ids", traceIds.toArray(UUID[]::new))
        .executeUpdate();
  }
}
