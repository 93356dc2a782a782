package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTimeline;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import dev.tracemodule.domain.twin.TypeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Timelines of a tenant's objects, over the repositories. The type versions a timeline looks up
 * are read once per timeline, which lives for one use case: another instance may extend a version
 * meanwhile, so none is kept longer.
 */
@ApplicationScoped
public class Timelines {

  private TwinRepository twins;
  private TwinTypeRepository types;
  private TwinSettings settings;

  protected Timelines() {}

  @Inject
  public Timelines(TwinRepository twins, TwinTypeRepository types, TwinSettings settings) {
    this.twins = twins;
    this.types = types;
    this.settings = settings;
  }

  public TwinTimeline of(TenantId tenant) {
    return new TwinTimeline(twins, versions(tenant), settings.snapshotEvery());
  }

  /** The registered versions of the tenant's types, each read at most once. */
  public TypeVersions versions(TenantId tenant) {
    Map<String, TwinType> read = new HashMap<>();
    return (TwinTypeName name, int version) -> read.computeIfAbsent(name.value() + "\u0000" + version,
        key -> types.find(tenant, name, version)
            .orElseThrow(() -> new IllegalStateException(name + " version " + version + " is not registered")));
  }
}
