package dev.tracemodule.api.twin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Declares a class as a process type: a kind of workflow, which has no state of its own. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcessType {

  /** The type's name; by default the class's simple name. */
  String name() default "";

  String description() default "";
}
