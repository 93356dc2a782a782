package dev.tracemodule.domain.export;

import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Export jobs of all tenants; reads for a client are scoped by its tenant. */
public interface ExportJobRepository {

  void store(ExportJob job);

  Optional<ExportJob> find(TenantId tenantId, UUID id);

  /** Locks the job until the transaction ends, so that a cancel and the runner do not cross. */
  Optional<ExportJob> lock(TenantId tenantId, UUID id);

  /** Ends as failed, with {@code reason}, queued or running jobs of every tenant not heard from since {@code before}. */
  int failSilentSince(Instant before, String reason, Instant now);

  /** Done jobs of every tenant whose files expired by {@code now}: their files may be deleted. */
  List<ExportJob> filesExpiredBy(Instant now);

  void remove(TenantId tenantId, UUID id);
}
