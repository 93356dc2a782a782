package dev.tracemodule.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * Writes the event counts of a trace that has just ended onto its row, once: the list filters of
 * ended traces read them instead of their events.
 */
final class EndedTraceCounts {

  private EndedTraceCounts() {}

  static void write(EntityManager em, String tenantId, UUID traceId) {
    em.createNativeQuery(
            "update trace t set debug_events = c.debug, info_events = c.info, warn_events = c.warn,"
                + " error_events = c.error, critical_events = c.critical"
                + " from (select count(*) filter (where e.level = 'debug') as debug,"
                + " count(*) filter (where e.level = 'info') as info,"
                + " count(*) filter (where e.level = 'warn') as warn,"
                + " count(*) filter (where e.level = 'error') as error,"
                + " count(*) filter (where e.level = 'critical') as critical"
                + " from event e where e.tenant_id = :tenant and e.trace_id = :id) c"
                + " where t.tenant_id = :tenant and t.id = :id and t.debug_events is null")
        .setParameter("tenant", tenantId)
        .setParameter("id", traceId)
        .executeUpdate();
  }
}
