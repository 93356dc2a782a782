package dev.tracemodule.application.twin;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.FieldDefinition;
import dev.tracemodule.domain.twin.FieldType;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects of a type by their current state: each field given must equal, its value read as the
 * latest version of the type declares it (so {@code itemCount=3} is the number 3).
 */
@ApplicationScoped
public class FindTwinsHandler {

  private TwinRepository twins;
  private TwinTypeRepository types;

  protected FindTwinsHandler() {}

  @Inject
  public FindTwinsHandler(TwinRepository twins, TwinTypeRepository types) {
    this.twins = twins;
    this.types = types;
  }

  @Transactional
  public List<ObjectTwin> handle(TenantId tenant, TwinTypeName typeName, Map<String, Object> fieldEquals,
      String afterId, int limit) {
    TwinType type = types.latest(tenant, typeName)
        .orElseThrow(() -> new InvalidValueException("type", "no type '" + typeName + "' is registered"));
    Map<String, Object> canonical = new LinkedHashMap<>();
    FieldChecks checks = new FieldChecks();
    fieldEquals.forEach((field, value) -> {
      FieldDefinition definition = type.field(field).orElse(null);
      if (definition == null) {
        checks.check(false, field, "is not a field of " + typeName);
        return;
      }
      try {
        canonical.put(field, value == null ? null : definition.type().canonical(fromText(value, definition.type())));
      } catch (FieldType.Mismatch e) {
        checks.check(false, field + e.path(), e.reason());
      }
    });
    checks.throwIfAny();
    return twins.findByState(tenant, typeName, canonical, afterId, limit);
  }

  /** A query parameter is text: read it as a number or boolean when the field is one. */
  private static Object fromText(Object value, FieldType type) {
    if (!(value instanceof String text)) {
      return value;
    }
    try {
      return switch (type.kind()) {
        case INTEGER -> Long.valueOf(text.strip());
        case DECIMAL -> new java.math.BigDecimal(text.strip());
        case BOOLEAN -> text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE
            : text;
        default -> text;
      };
    } catch (NumberFormatException e) {
      return text; // the type's own check names what is wrong
    }
  }
}
