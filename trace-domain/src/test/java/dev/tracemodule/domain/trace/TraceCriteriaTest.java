package dev.tracemodule.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceCriteriaTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final TenantId TENANT = new TenantId("acme");

  private static TraceCriteria between(Instant from, Instant to) {
    return new TraceCriteria(TENANT, null, null, null, from, to, null, null, null);
  }

  @Test
  void allFiltersNothingAndSortsNewestFirst() {
    TraceCriteria all = TraceCriteria.all(TENANT);

    assertThat(all.tenantId()).isEqualTo(TENANT);
    assertThat(all.contextId()).isNull();
    assertThat(all.types()).isEmpty();
    assertThat(all.statuses()).isEmpty();
    assertThat(all.tags()).isEmpty();
    assertThat(all.startedFrom()).isNull();
    assertThat(all.startedTo()).isNull();
    assertThat(all.hasErrors()).isNull();
    assertThat(all.sort()).isEqualTo(TraceSort.NEWEST_FIRST);
    assertThat(all.sort().field()).isEqualTo(TraceSort.Field.STARTED_AT);
    assertThat(all.sort().descending()).isTrue();
  }

  @Test
  void copiesTheSetsItIsGiven() {
    Set<TraceType> types = EnumSet.of(TraceType.API_REQUEST);
    Set<TraceStatus> statuses = EnumSet.of(TraceStatus.FAILED);
    Set<String> tags = new HashSet<>(Set.of("web"));
    TraceCriteria criteria =
        new TraceCriteria(TENANT, "ctx", types, statuses, null, null, true, tags, null);

    types.add(TraceType.CUSTOM);
    statuses.add(TraceStatus.ACTIVE);
    tags.add("batch");

    assertThat(criteria.types()).containsExactly(TraceType.API_REQUEST);
    assertThat(criteria.statuses()).containsExactly(TraceStatus.FAILED);
    assertThat(criteria.tags()).containsExactly("web");
    assertThatThrownBy(() -> criteria.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsAnExplicitSort() {
    TraceSort byName = new TraceSort(TraceSort.Field.NAME, false);

    TraceCriteria criteria =
        new TraceCriteria(TENANT, null, null, null, null, null, null, null, byName);

    assertThat(criteria.sort()).isEqualTo(byName);
  }

  @Test
  void acceptsARangeOrASingleBound() {
    assertThat(between(T0, T0.plusNanos(1000)).startedTo()).isEqualTo(T0.plusNanos(1000));
    assertThat(between(T0, null).startedFrom()).isEqualTo(T0);
    assertThat(between(null, T0).startedTo()).isEqualTo(T0);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1})
  void refusesAFromThatIsNotBeforeTo(long secondsAfter) {
    InvalidValueException error =
        catchThrowableOfType(
            InvalidValueException.class, () -> between(T0.plusSeconds(secondsAfter), T0));

    assertThat(error.field()).isEqualTo("from");
  }

  @Test
  void requiresATenant() {
    assertThatNullPointerException()
        .isThrownBy(() -> TraceCriteria.all(null))
        .withMessage("tenantId");
  }
}
