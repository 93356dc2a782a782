package dev.tracemodule.domain.query;

import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups the filtered traces and measures each group. No grouping gives one row over all of
 * them; no measures means {@link Measure#COUNT}.
 */
public record Aggregation(List<Grouping> groupBy, Set<Measure> measures) {

  /** Rows an aggregation may return; more is a request to narrow the filter or coarsen the groups. */
  public static final int MAX_ROWS = 10_000;

  public Aggregation {
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    measures = measures == null || measures.isEmpty() ? EnumSet.of(Measure.COUNT) : Set.copyOf(measures);
    Set<String> names = new HashSet<>();
    for (Grouping grouping : groupBy) {
      if (!names.add(grouping.name())) {
        throw new InvalidValueException("groupBy", "groups by " + grouping.name() + " twice");
      }
    }
  }
}
