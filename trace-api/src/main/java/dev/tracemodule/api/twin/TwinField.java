package dev.tracemodule.api.twin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a field of an {@link ObjectType}: its default (as JSON), nullability, description. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface TwinField {

  /** The default as JSON text ({@code 0}, {@code "active"}, {@code []}); empty: none. */
  String defaultValue() default "";

  boolean nullable() default false;

  String description() default "";

  /** The field type, when the Java type does not say it ({@code list<string>}); empty: from Java. */
  String type() default "";
}
