package dev.tracemodule.domain.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/** The owner of every stored row. {@link #DEFAULT} until authentication arrives. */
public record TenantId(String value) {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public static final TenantId DEFAULT = new TenantId("default");

  public TenantId {
    Objects.requireNonNull(value, "tenant id");
    if (!ALLOWED.matcher(value).matches()) {
      throw new InvalidValueException("tenantId", "must be 1 to 64 letters, digits, '_', '.' or '-'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
