package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import dev.tracemodule.domain.twin.TypeRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Imports a registry document's versions, all or nothing, keeping their numbers. */
@ApplicationScoped
public class ImportTwinRegistryHandler {

  private TwinTypeRepository types;

  protected ImportTwinRegistryHandler() {}

  @Inject
  public ImportTwinRegistryHandler(TwinTypeRepository types) {
    this.types = types;
  }

  @Transactional
  public List<TypeRegistration> handle(TenantId tenant, List<TwinType> documented) {
    List<TypeRegistration> imported = new ArrayList<>();
    // Names locked in one order, so that two imports cannot wait on each other.
    documented.stream().map(TwinType::name).distinct().sorted(Comparator.comparing(n -> n.value()))
        .forEach(name -> types.lockName(tenant, name));
    // Every version read once, after the locks; what is stored goes back, for a version listed twice.
    Map<Version, TwinType> stored = new HashMap<>();
    types.all(tenant).forEach(type -> stored.put(Version.of(type), type));
    for (TwinType version : documented) {
      TypeRegistration registration =
          TypeRegistration.imported(version, Optional.ofNullable(stored.get(Version.of(version))));
      if (registration.outcome() != TypeRegistration.Outcome.UNCHANGED) {
        types.store(tenant, registration.registered());
        stored.put(Version.of(registration.registered()), registration.registered());
      }
      imported.add(registration);
    }
    return imported;
  }

  private record Version(TwinTypeName name, int number) {
    static Version of(TwinType type) {
      return new Version(type.name(), type.version());
    }
  }
}
