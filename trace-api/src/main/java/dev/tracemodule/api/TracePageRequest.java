package dev.tracemodule.api;

/**
 * Which traces of a query to return. Either a page number ({@code page}, counted from 0, with a
 * total) or a {@code cursor}: the {@code nextCursor} of the previous answer, which continues right
 * after its last trace however many traces arrived meanwhile (keyset paging, no total; sorts by
 * start time or duration only). A {@code size} of 0 returns no traces, for a query that only
 * aggregates.
 *
 * @param size 0 to 1000
 * @param sortBy null: start time
 * @param direction null: descending
 */
public record TracePageRequest(
    int page, int size, String cursor, TraceQuery.SortField sortBy, TraceQuery.SortDirection direction) {

  public static final int DEFAULT_SIZE = 20;

  /** The newest {@code size} traces. */
  public static TracePageRequest first(int size) {
    return new TracePageRequest(0, size, null, null, null);
  }

  /** The {@code size} traces after those of the answer that gave {@code cursor}. */
  public static TracePageRequest after(String cursor, int size) {
    return new TracePageRequest(0, size, cursor, null, null);
  }
}
