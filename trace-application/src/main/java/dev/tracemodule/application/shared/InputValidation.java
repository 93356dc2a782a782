package dev.tracemodule.application.shared;

import dev.tracemodule.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on arguments as such: present, and lists of a sane size. What a value must look
 * like is the domain's rule, checked where the domain builds its inputs.
 */
@ApplicationScoped
public class InputValidation {

  /** Refuses a null argument, naming it. */
  public <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    return value;
  }

  /** Refuses a missing, empty or oversized list, or null items ({@code events[2]}). */
  public <T> List<T> presentList(String field, List<T> items, int maxSize) {
    present(field, items);
    if (items.isEmpty() || items.size() > maxSize) {
      throw new InvalidInputException(field, "must hold between 1 and " + maxSize + " items");
    }
    List<InvalidInputException.FieldViolation> nulls = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        nulls.add(new InvalidInputException.FieldViolation(field + "[" + i + "]", "must not be null"));
      }
    }
    if (!nulls.isEmpty()) {
      throw new InvalidInputException(nulls, null);
    }
    return items;
  }
}
