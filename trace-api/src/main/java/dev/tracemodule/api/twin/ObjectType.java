package dev.tracemodule.api.twin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class or record of the application as a twin object type: its fields (record
 * components, or the class's non-static fields) become the type's fields. Java types map to
 * field types: whole numbers to {@code integer}, {@code float}, {@code double} and {@code
 * BigDecimal} to {@code decimal}, {@code String}, {@code char} and enums to {@code string},
 * {@code boolean}, {@code Instant} to {@code timestamp}, lists, sets and arrays to {@code
 * list<T>}, {@code Map<String, T>} to {@code map<T>}. Primitives start at zero; other fields are
 * nullable unless {@link TwinField} gives a default.
 *
 * <p>Types in a bean archive with {@code bean-discovery-mode="all"} are registered when the
 * application starts; others with {@link ObjectTwins#registerType(Class)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ObjectType {

  /** The type's name; by default the class's simple name. */
  String name() default "";

  String description() default "";
}
