package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.trace.EventLevel;
import dev.tracemodule.domain.trace.TraceStatus;
import dev.tracemodule.domain.trace.TraceType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores enums by their lower-case names, the same words the API uses. */
abstract class WireEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

  private final Class<E> type;

  WireEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public E convertToEntityAttribute(String column) {
    return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
  }

  @Converter
  static class TraceTypeConverter extends WireEnumConverter<TraceType> {
    TraceTypeConverter() {
      super(TraceType.class);
    }
  }

  @Converter
  static class TraceStatusConverter extends WireEnumConverter<TraceStatus> {
    TraceStatusConverter() {
      super(TraceStatus.class);
    }
  }

  @Converter
  static class EventLevelConverter extends WireEnumConverter<EventLevel> {
    EventLevelConverter() {
      super(EventLevel.class);
    }
  }
}
