package dev.tracemodule.application.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.twin.ObjectType;
import dev.tracemodule.api.twin.ProcessType;
import dev.tracemodule.api.twin.TwinField;
import dev.tracemodule.api.twin.TwinFieldDefinition;
import dev.tracemodule.api.twin.TwinKind;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a type definition off a class or record annotated {@link ObjectType} or {@link
 * ProcessType}: its record components, or its non-static, non-transient fields, in declaration
 * order.
 */
public final class AnnotatedTwinTypes {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private AnnotatedTwinTypes() {}

  public static boolean isAnnotated(Class<?> type) {
    return type.isAnnotationPresent(ObjectType.class) || type.isAnnotationPresent(ProcessType.class);
  }

  /** The type name an annotated class registers under. */
  public static String nameOf(Class<?> type) {
    ObjectType object = type.getAnnotation(ObjectType.class);
    ProcessType process = type.getAnnotation(ProcessType.class);
    String name = object != null ? object.name() : process != null ? process.name() : "";
    return name.isEmpty() ? type.getSimpleName() : name;
  }

  public static TwinTypeDefinition definitionOf(Class<?> type) {
    ObjectType object = type.getAnnotation(ObjectType.class);
    ProcessType process = type.getAnnotation(ProcessType.class);
    if (object == null && process == null) {
      throw new InvalidInputException("type", type.getName() + " is annotated neither @ObjectType nor @ProcessType");
    }
    String description = object != null ? object.description() : process.description();
    if (process != null) {
      return new TwinTypeDefinition(nameOf(type), TwinKind.PROCESS, blankToNull(description), List.of());
    }
    List<TwinFieldDefinition> fields = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        fields.add(field(type, component.getName(), component.getGenericType(), component.getType(), component));
      }
    } else {
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
          fields.add(field(type, field.getName(), field.getGenericType(), field.getType(), field));
        }
      }
    }
    return new TwinTypeDefinition(nameOf(type), TwinKind.OBJECT, blankToNull(description), fields);
  }

  private static TwinFieldDefinition field(Class<?> owner, String name, Type generic, Class<?> raw,
      AnnotatedElement element) {
    TwinField annotation = element.getAnnotation(TwinField.class);
    String type = annotation != null && !annotation.type().isEmpty() ? annotation.type() : typeOf(generic, owner, name);
    Object defaultValue = null;
    boolean nullable;
    if (annotation != null && !annotation.defaultValue().isEmpty()) {
      try {
        defaultValue = JSON.readValue(annotation.defaultValue(), Object.class);
      } catch (JsonProcessingException e) {
        throw new InvalidInputException("fields." + name + ".defaultValue", "is not JSON: " + annotation.defaultValue());
      }
      nullable = annotation.nullable();
    } else if (raw.isPrimitive()) {
      defaultValue = primitiveZero(raw);
      nullable = false;
    } else {
      nullable = true;
    }
    String description = annotation == null ? null : blankToNull(annotation.description());
    return new TwinFieldDefinition(name, type, defaultValue, nullable, description);
  }

  private static Object primitiveZero(Class<?> primitive) {
    if (primitive == boolean.class) {
      return Boolean.FALSE;
    }
    if (primitive == double.class || primitive == float.class) {
      return Double.valueOf(0.0);
    }
    return Long.valueOf(0L); // (a ?: chain of 0.0 and 0L would widen this one to a double)
  }

  private static String typeOf(Type generic, Class<?> owner, String field) {
    if (generic instanceof Class<?> plain) {
      if (plain.isArray()) {
        return "list<" + typeOf(plain.getComponentType(), owner, field) + ">";
      }
      if (plain == long.class || plain == int.class || plain == short.class || plain == byte.class
          || plain == Long.class || plain == Integer.class || plain == Short.class || plain == Byte.class
          || plain == BigInteger.class) {
        return "integer";
      }
      if (plain == double.class || plain == float.class || plain == Double.class || plain == Float.class
          || plain == BigDecimal.class) {
        return "decimal";
      }
      if (plain == String.class || plain == char.class || plain == Character.class || plain.isEnum()) {
        return "string";
      }
      if (plain == boolean.class || plain == Boolean.class) {
        return "boolean";
      }
      if (plain == Instant.class || plain == OffsetDateTime.class || plain == ZonedDateTime.class) {
        return "timestamp";
      }
    }
    if (generic instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && arguments.length == 1) {
        return "list<" + typeOf(arguments[0], owner, field) + ">";
      }
      if (Map.class.isAssignableFrom(raw) && arguments.length == 2 && arguments[0] == String.class) {
        return "map<" + typeOf(arguments[1], owner, field) + ">";
      }
    }
    throw new InvalidInputException("fields." + field + ".type", owner.getSimpleName() + "." + field + " is a "
        + generic.getTypeName() + ", which has no twin field type; say one with @TwinField(type = ...)");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
