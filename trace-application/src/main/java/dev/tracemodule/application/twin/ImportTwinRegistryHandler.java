package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import dev.tracemodule.domain.twin.TypeRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
    for (TwinType version : documented) {
      TypeRegistration registration =
          TypeRegistration.imported(version, types.find(tenant, version.name(), version.version()));
      if (registration.outcome() != TypeRegistration.Outcome.UNCHANGED) {
        types.store(tenant, registration.registered());
      }
      imported.add(registration);
    }
    return imported;
  }
}
