package dev.tracemodule.application.twin;

import dev.tracemodule.api.twin.TwinFieldDefinition;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import dev.tracemodule.api.twin.TwinTypeResponse;
import dev.tracemodule.api.twin.TypeRegistrationResponse;
import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.twin.FieldDefinition;
import dev.tracemodule.domain.twin.FieldType;
import dev.tracemodule.domain.twin.TwinKind;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TypeRegistration;
import java.util.ArrayList;
import java.util.List;

/** Type definitions of the API to the domain's types and back, naming every field at fault. */
final class TwinTypeMapping {

  private TwinTypeMapping() {}

  /** The definition as a type of {@code version}; errors name fields under {@code prefix}. */
  static TwinType toType(TwinTypeDefinition definition, int version, String prefix) {
    if (definition == null) {
      throw new InvalidValueException(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
          "must be a type definition");
    }
    FieldChecks checks = new FieldChecks();
    TwinTypeName name = null;
    try {
      name = new TwinTypeName(definition.name() == null ? "" : definition.name());
    } catch (InvalidValueException e) {
      checks.add(e.under(prefix));
    }
    TwinKind kind = definition.kind() == null ? TwinKind.OBJECT : TwinKind.valueOf(definition.kind().name());
    List<FieldDefinition> fields = new ArrayList<>();
    List<TwinFieldDefinition> given = definition.fields() == null ? List.of() : definition.fields();
    for (int i = 0; i < given.size(); i++) {
      String at = prefix + "fields[" + i + "].";
      TwinFieldDefinition field = given.get(i);
      if (field == null) {
        checks.check(false, at.substring(0, at.length() - 1), "must be a field definition");
        continue;
      }
      try {
        FieldType type = FieldType.parse(field.type(), "type");
        fields.add(new FieldDefinition(field.name(), type, field.defaultValue(), Boolean.TRUE.equals(field.nullable()),
            field.description()));
      } catch (InvalidValueException e) {
        checks.add(e.under(at));
      }
    }
    checks.throwIfAny();
    try {
      return new TwinType(name, kind, version, definition.description(), fields);
    } catch (InvalidValueException e) {
      throw e.under(prefix);
    }
  }

  static TwinTypeResponse toResponse(TwinType type) {
    List<TwinFieldDefinition> fields = type.fields().stream()
        .map(f -> new TwinFieldDefinition(f.name(), f.type().toString(), f.defaultValue(), f.nullable(),
            f.description()))
        .toList();
    return new TwinTypeResponse(type.name().value(), type.version(),
        dev.tracemodule.api.twin.TwinKind.valueOf(type.kind().name()), type.description(), fields);
  }

  static TypeRegistrationResponse toResponse(TypeRegistration registration) {
    return new TypeRegistrationResponse(toResponse(registration.registered()),
        TypeRegistrationResponse.Outcome.valueOf(registration.outcome().name()));
  }

  /** A registered version as the registry document states it. */
  static TwinTypeDefinition toDefinition(TwinTypeResponse type) {
    return new TwinTypeDefinition(type.name(), type.kind(), type.description(), type.fields());
  }
}
