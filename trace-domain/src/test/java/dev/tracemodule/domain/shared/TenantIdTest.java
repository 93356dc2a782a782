package dev.tracemodule.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  private static final String LONGEST =
      "a234567890123456789012345678901234567890123456789012345678901234";

  @ParameterizedTest
  @ValueSource(strings = {"default", "a", "Acme_Corp.eu-1", LONGEST})
  void acceptsUpTo64LettersDigitsAndSeparators(String value) {
    TenantId tenant = new TenantId(value);

    assertThat(tenant.value()).isEqualTo(value);
    assertThat(tenant).hasToString(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "acme corp", "tenant/1", "café", LONGEST + "5"})
  void refusesAnythingElse(String value) {
    InvalidValueException error =
        catchThrowableOfType(InvalidValueException.class, () -> new TenantId(value));

    assertThat(error.field()).isEqualTo("tenantId");
  }
}
