package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the registry: every version, the latest of each type, or one version. */
@ApplicationScoped
public class GetTwinTypesHandler {

  private TwinTypeRepository types;

  protected GetTwinTypesHandler() {}

  @Inject
  public GetTwinTypesHandler(TwinTypeRepository types) {
    this.types = types;
  }

  @Transactional
  public List<TwinType> everyVersion(TenantId tenant) {
    return types.all(tenant);
  }

  @Transactional
  public List<TwinType> latestOfEach(TenantId tenant) {
    Map<TwinTypeName, TwinType> latest = new LinkedHashMap<>();
    types.all(tenant).forEach(type -> latest.put(type.name(), type)); // by name, then version
    return List.copyOf(latest.values());
  }

  /** The version, or the latest when {@code version} is null. */
  @Transactional
  public Optional<TwinType> find(TenantId tenant, TwinTypeName name, Integer version) {
    return version == null ? types.latest(tenant, name) : types.find(tenant, name, version);
  }
}
