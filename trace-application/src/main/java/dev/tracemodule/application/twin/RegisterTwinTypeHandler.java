package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import dev.tracemodule.domain.twin.TypeRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Registers a type: a first version, an unchanged one, a compatible extension of the latest, or
 * a new version. Registrations of a name take turns on every instance, so that two instances
 * registering the same change make one version, not two.
 */
@ApplicationScoped
public class RegisterTwinTypeHandler {

  private TwinTypeRepository types;

  protected RegisterTwinTypeHandler() {}

  @Inject
  public RegisterTwinTypeHandler(TwinTypeRepository types) {
    this.types = types;
  }

  @Transactional
  public TypeRegistration handle(TenantId tenant, TwinType proposed) {
    types.lockName(tenant, proposed.name());
    TypeRegistration registration = TypeRegistration.of(proposed, types.latest(tenant, proposed.name()));
    if (registration.outcome() != TypeRegistration.Outcome.UNCHANGED) {
      types.store(tenant, registration.registered());
    }
    return registration;
  }
}
