package dev.tracemodule.application.telemetry;

import dev.tracemodule.api.SpanPageResponse;
import dev.tracemodule.api.SpanQuery;
import dev.tracemodule.api.SpanResponse;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.telemetry.FoundSpan;
import dev.tracemodule.domain.telemetry.OtelIds;
import dev.tracemodule.domain.telemetry.SpanCriteria;
import dev.tracemodule.domain.telemetry.SpanCriteria.SpanPosition;
import dev.tracemodule.domain.telemetry.SpanSearch;
import dev.tracemodule.domain.trace.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Spans across traces, a page at a time, newest first. */
@ApplicationScoped
public class FindSpansHandler {

  private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  private SpanSearch search;
  private Clock clock;

  protected FindSpansHandler() {}

  @Inject
  public FindSpansHandler(SpanSearch search, Clock clock) {
    this.search = search;
    this.clock = clock;
  }

  @Transactional
  public SpanPageResponse handle(TenantId tenant, SpanQuery query) {
    Instant to = query.to() != null ? query.to() : clock.instant();
    Instant from = query.from() != null ? query.from() : to.minus(DEFAULT_WINDOW);
    int size = query.size() == null ? SpanQuery.DEFAULT_SIZE : query.size();
    if (size < 1 || size > SpanQuery.MAX_SIZE) {
      throw new InvalidValueException("size", "must be between 1 and " + SpanQuery.MAX_SIZE);
    }
    SpanCriteria criteria = new SpanCriteria(tenant, from, to, blankToNull(query.service()),
        blankToNull(query.name()), query.attributes(), query.minDurationMs(), query.error(),
        OtelIds.normalised(blankToNull(query.otelTraceId())), decode(query.cursor()), size + 1);
    // One more than the page: whether it is there says whether a next page is.
    List<Event> found = search.find(criteria);
    List<Event> page = found.size() > size ? found.subList(0, size) : found;
    String next = found.size() > size ? encode(page.get(page.size() - 1)) : null;
    return new SpanPageResponse(page.stream().map(event -> response(FoundSpan.of(event))).toList(), next);
  }

  private static SpanResponse response(FoundSpan span) {
    Event event = span.event();
    return new SpanResponse(event.traceId().value(), event.id().value(),
        event.parentEventId() == null ? null : event.parentEventId().value(), span.otelTraceId(), span.spanId(),
        span.parentSpanId(), span.name(), span.service(), span.kind(), span.status(), span.statusMessage(),
        event.timestamp(), event.durationMs(), span.attributes());
  }

  /** The cursor is the last span's position, opaque to callers. */
  private static String encode(Event last) {
    String position = "s:" + last.timestamp() + "|" + last.traceId().value() + "|" + last.id().value();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static SpanPosition decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.startsWith("s:") ? text.substring(2).split("\\|", -1) : new String[0];
      if (parts.length == 3) {
        return new SpanPosition(Instant.parse(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2]));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // falls through
    }
    throw new InvalidValueException("cursor", "is not a cursor this API gave out");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
