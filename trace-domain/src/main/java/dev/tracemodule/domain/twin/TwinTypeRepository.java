package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/** The registered types of each tenant, every version of them. */
public interface TwinTypeRepository {

  /**
   * Serialises registrations of one type name until the transaction ends, on every instance, so
   * that two cannot both make version 2.
   */
  void lockName(TenantId tenantId, TwinTypeName name);

  Optional<TwinType> latest(TenantId tenantId, TwinTypeName name);

  Optional<TwinType> find(TenantId tenantId, TwinTypeName name, int version);

  /** Every version of every type, by name and version. */
  List<TwinType> all(TenantId tenantId);

  /** Adds the version, or replaces it (a compatible extension). */
  void store(TenantId tenantId, TwinType type);
}
