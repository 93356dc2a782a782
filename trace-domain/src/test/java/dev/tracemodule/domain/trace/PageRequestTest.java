package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

  @ParameterizedTest
  @CsvSource({"0, 1, 0", "0, 1000, 0", "3, 50, 150", "2147483647, 1000, 2147483647000"})
  void computesTheOffsetWithoutOverflow(int page, int size, long offset) {
    assertThat(new PageRequest(page, size).offset()).isEqualTo(offset);
  }

  @Test
  void refusesANegativePage() {
    InvalidValueException error =
        catchThrowableOfType(InvalidValueException.class, () -> new PageRequest(-1, 10));

    assertThat(error.field()).isEqualTo("page");
    assertThat(error.reason()).isEqualTo("must be at least 0");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, PageRequest.MAX_SIZE + 1})
  void refusesASizeOutsideOneToMax(int size) {
    InvalidValueException error =
        catchThrowableOfType(InvalidValueException.class, () -> new PageRequest(0, size));

    assertThat(error.field()).isEqualTo("size");
    assertThat(error.reason()).isEqualTo("must be between 1 and 1000");
  }
}
