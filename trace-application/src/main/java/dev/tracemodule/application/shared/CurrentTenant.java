package dev.tracemodule.application.shared;

import dev.tracemodule.domain.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant the current call acts for. Every caller is the {@code default} tenant until
 * authentication arrives; this is the one place that will then read it from the caller.
 */
@ApplicationScoped
public class CurrentTenant {

  public TenantId get() {
    return TenantId.DEFAULT;
  }
}
