package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered type, in one version: an object type with its fields, or a process type, which
 * only names a kind of workflow. A version never changes what its fields hold; a new field with
 * a default may join it (see {@link #compare}), anything else makes a new version.
 */
public final class TwinType {

  public static final int MAX_FIELDS = 500;
  public static final int MAX_DESCRIPTION_LENGTH = 2_000;

  private final TwinTypeName name;
  private final TwinKind kind;
  private final int version;
  private final String description;
  private final Map<String, FieldDefinition> fields;

  public TwinType(TwinTypeName name, TwinKind kind, int version, String description, List<FieldDefinition> fields) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1");
    }
    this.version = version;
    FieldChecks checks = new FieldChecks();
    this.description = checks.optionalText("description", description, MAX_DESCRIPTION_LENGTH);
    checks.check(kind == TwinKind.OBJECT || fields.isEmpty(), "fields", "a process type has no fields");
    checks.check(fields.size() <= MAX_FIELDS, "fields", "at most " + MAX_FIELDS);
    Map<String, FieldDefinition> byName = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldDefinition field = fields.get(i);
      checks.check(byName.putIfAbsent(field.name(), field) == null, "fields[" + i + "].name",
          "'" + field.name() + "' appears twice");
    }
    checks.throwIfAny();
    this.fields = Collections.unmodifiableMap(byName);
  }

  public TwinTypeName name() {
    return name;
  }

  public TwinKind kind() {
    return kind;
  }

  public int version() {
    return version;
  }

  public String description() {
    return description;
  }

  public List<FieldDefinition> fields() {
    return List.copyOf(fields.values());
  }

  /** The field of that name, if this version has one. */
  public Optional<FieldDefinition> field(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /** Every field at its default: the state of an object before its first change. */
  public Map<String, Object> defaults() {
    Map<String, Object> state = new LinkedHashMap<>();
    fields.values().forEach(field -> state.put(field.name(), field.defaultValue()));
    return state;
  }

  /**
   * Checks the fields a change names and returns their values in canonical form, in the order
   * given; an invalid change names every field at fault ({@code changes.total}).
   */
  public Map<String, Object> accept(Map<String, ?> changes) {
    if (kind == TwinKind.PROCESS) {
      throw new InvalidValueException("type", "'" + name + "' is a process type; only object types have state");
    }
    FieldChecks checks = new FieldChecks();
    checks.check(changes != null && !changes.isEmpty(), "changes", "must name at least one field");
    Map<String, Object> accepted = new LinkedHashMap<>();
    if (changes != null) {
      for (Map.Entry<String, ?> change : changes.entrySet()) {
        String path = "changes." + change.getKey();
        FieldDefinition field = fields.get(change.getKey());
        if (field == null) {
          checks.check(false, path, "is not a field of " + name + " version " + version
              + "; its fields: " + String.join(", ", fields.keySet()));
          continue;
        }
        try {
          accepted.put(field.name(), field.accept(change.getValue(), path));
        } catch (InvalidValueException e) {
          checks.add(e);
        }
      }
    }
    checks.throwIfAny();
    return accepted;
  }

  /**
   * A state written under another version of this type, carried into this one: the fields both
   * versions hold alike keep their values, new ones take their defaults, and the others go.
   */
  public Map<String, Object> carryOver(Map<String, Object> state, TwinType written) {
    Map<String, Object> carried = defaults();
    for (FieldDefinition field : fields.values()) {
      FieldDefinition before = written.fields.get(field.name());
      if (before != null && before.type().equals(field.type()) && state.containsKey(field.name())
          && (state.get(field.name()) != null || field.nullable())) {
        carried.put(field.name(), state.get(field.name()));
      }
    }
    return carried;
  }

  /** What registering {@code proposed} over this version means. */
  public Comparison compare(TwinType proposed) {
    if (kind != proposed.kind) {
      return Comparison.NEW_VERSION;
    }
    for (FieldDefinition field : fields.values()) {
      FieldDefinition kept = proposed.fields.get(field.name());
      if (kept == null || !kept.holdsTheSameAs(field)) {
        return Comparison.NEW_VERSION; // removed or changed
      }
    }
    boolean added = proposed.fields.size() > fields.size();
    if (added) {
      return Comparison.EXTENDS;
    }
    boolean describedAlike = Objects.equals(description, proposed.description)
        && sameDescriptions(proposed);
    return describedAlike ? Comparison.SAME : Comparison.DESCRIBED_ANEW;
  }

  private boolean sameDescriptions(TwinType proposed) {
    Set<String> seen = new HashSet<>();
    for (FieldDefinition field : fields.values()) {
      FieldDefinition other = proposed.fields.get(field.name());
      if (!Objects.equals(field.description(), other.description())) {
        return false;
      }
      seen.add(field.name());
    }
    return seen.size() == proposed.fields.size();
  }

  /** This type's definition as version {@code version} (a new version, or the same extended). */
  public TwinType asVersion(int version) {
    return new TwinType(name, kind, version, description, fields());
  }

  /** How a proposed definition relates to the registered version. */
  public enum Comparison {
    /** The same definition: nothing to do. */
    SAME,
    /** The same fields, other descriptions: the version is updated in place. */
    DESCRIBED_ANEW,
    /** The same fields and more, each with a default: compatible, the version is updated in place. */
    EXTENDS,
    /** A field removed, retyped or given another default or nullability: a new version. */
    NEW_VERSION
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TwinType type && name.equals(type.name) && kind == type.kind && version == type.version
        && Objects.equals(description, type.description) && fields().equals(type.fields());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version);
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }
}
