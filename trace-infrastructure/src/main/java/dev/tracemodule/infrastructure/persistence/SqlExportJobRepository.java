package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.export.ExportJob;
import dev.tracemodule.domain.export.ExportJobRepository;
import dev.tracemodule.domain.export.ExportStatus;
import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/** Export jobs in {@code export_job}, through plain SQL: a job is one row and no relations. */
@ApplicationScoped
public class SqlExportJobRepository implements ExportJobRepository {

  private static final String COLUMNS =
      "tenant_id, id, request::text, file_name, content_type, status, rows_written, rows_total, bytes_written,"
          + " created_at, started_at, finished_at, heartbeat_at, file_expires_at, failure_reason";

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  protected SqlExportJobRepository() {}

  /** Outside a container: on a given entity manager. */
  public SqlExportJobRepository(EntityManager em) {
    this.em = em;
  }

  @Override
  public void store(ExportJob job) {
    ExportJob.Snapshot s = job.snapshot();
    em.createNativeQuery(
            "insert into export_job (tenant_id, id, request, file_name, content_type, status, rows_written,"
                + " rows_total, bytes_written, created_at, started_at, finished_at, heartbeat_at, file_expires_at,"
                + " failure_reason) values (:tenant, :id, cast(:request as jsonb), :fileName, :contentType, :status,"
                + " :rowsWritten, :rowsTotal, :bytes, :createdAt, :startedAt, :finishedAt, :heartbeatAt, :expiresAt,"
                + " :reason)"
                + " on conflict (tenant_id, id) do update set status = excluded.status,"
                + " rows_written = excluded.rows_written, rows_total = excluded.rows_total,"
                + " bytes_written = excluded.bytes_written, started_at = excluded.started_at,"
                + " finished_at = excluded.finished_at, heartbeat_at = excluded.heartbeat_at,"
                + " file_expires_at = excluded.file_expires_at, failure_reason = excluded.failure_reason")
        .unwrap(NativeQuery.class)
        .setParameter("tenant", s.tenantId().value())
        .setParameter("id", s.id())
        .setParameter("request", s.request())
        .setParameter("fileName", s.fileName())
        .setParameter("contentType", s.contentType())
        .setParameter("status", s.status().name().toLowerCase(Locale.ROOT))
        .setParameter("rowsWritten", s.rowsWritten())
        .setParameter("rowsTotal", s.rowsTotal())
        .setParameter("bytes", s.bytesWritten())
        .setParameter("createdAt", s.createdAt(), Instant.class)
        .setParameter("startedAt", s.startedAt(), Instant.class)
        .setParameter("finishedAt", s.finishedAt(), Instant.class)
        .setParameter("heartbeatAt", s.heartbeatAt(), Instant.class)
        .setParameter("expiresAt", s.fileExpiresAt(), Instant.class)
        .setParameter("reason", s.failureReason(), String.class)
        .executeUpdate();
  }

  @Override
  public Optional<ExportJob> find(TenantId tenantId, UUID id) {
    return one(tenantId, id, "");
  }

  @Override
  public Optional<ExportJob> lock(TenantId tenantId, UUID id) {
    return one(tenantId, id, " for update");
  }

  private Optional<ExportJob> one(TenantId tenantId, UUID id, String lock) {
    List<?> rows = em.createNativeQuery("select " + COLUMNS + " from export_job where tenant_id = :tenant and id = :id" + lock)
        .setParameter("tenant", tenantId.value())
        .setParameter("id", id)
        .getResultList();
    return rows.stream().findFirst().map(row -> toJob((Object[]) row));
  }

  @Override
  public int failSilentSince(Instant before, String reason, Instant now) {
    return em.createNativeQuery(
            "update export_job set status = 'failed', failure_reason = :reason, finished_at = :now"
                + " where status in ('queued', 'running') and heartbeat_at < :before")
        .setParameter("reason", reason)
        .setParameter("now", now)
        .setParameter("before", before)
        .executeUpdate();
  }

  @Override
  public List<ExportJob> filesExpiredBy(Instant now) {
    List<?> rows = em.createNativeQuery("select " + COLUMNS + " from export_job where status = 'done'"
            + " and file_expires_at <= :now order by file_expires_at limit 1000 for update skip locked")
        .setParameter("now", now)
        .getResultList();
    return rows.stream().map(row -> toJob((Object[]) row)).toList();
  }

  @Override
  public void remove(TenantId tenantId, UUID id) {
    em.createNativeQuery("delete from export_job where tenant_id = :tenant and id = :id")
        .setParameter("tenant", tenantId.value())
        .setParameter("id", id)
        .executeUpdate();
  }

  private static ExportJob toJob(Object[] row) {
    return ExportJob.restore(new ExportJob.Snapshot(
        (UUID) row[1],
        new TenantId((String) row[0]),
        (String) row[2],
        (String) row[3],
        (String) row[4],
        instant(row[9]),
        ExportStatus.valueOf(((String) row[5]).toUpperCase(Locale.ROOT)),
        ((Number) row[6]).longValue(),
        ((Number) row[7]).longValue(),
        ((Number) row[8]).longValue(),
        instant(row[10]),
        instant(row[11]),
        instant(row[12]),
        instant(row[13]),
        (String) row[14]));
  }

  /** Hibernate hands timestamptz of a native query back as one of these, depending on its settings. */
  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException("not an instant: " + value.getClass());
  }
}
