package dev.tracemodule.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonMapTest {

  private static final int MAX_DEPTH = 32;

  private static InvalidValueException refused(Map<String, ?> source) {
    return catchThrowableOfType(InvalidValueException.class, () -> JsonMap.of(source, "data"));
  }

  /** {@code {"n": {"n": ... {"leaf": true}}}} with {@code levels} maps below the top one. */
  private static Map<String, Object> nestedMaps(int levels) {
    Map<String, Object> map = Map.of("leaf", true);
    for (int i = 0; i < levels; i++) {
      map = Map.of("n", map);
    }
    return map;
  }

  /** {@code {"n": [[...[true]...]]}} with {@code levels} lists below the top map. */
  private static Map<String, Object> nestedLists(int levels) {
    Object value = true;
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return Map.of("n", value);
  }

  @Nested
  class Copying {

    @Test
    void treatsNullAndEmptyAsEmpty() {
      assertThat(JsonMap.of(null, "data")).isSameAs(JsonMap.EMPTY);
      assertThat(JsonMap.of(Map.of(), "data")).isSameAs(JsonMap.EMPTY);
      assertThat(JsonMap.EMPTY.isEmpty()).isTrue();
      assertThat(JsonMap.EMPTY.size()).isZero();
    }

    @Test
    void keepsEveryJsonScalar() {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("string", "s");
      source.put("true", true);
      source.put("int", 1);
      source.put("long", 2L);
      source.put("bigInteger", BigInteger.TEN.pow(30));
      source.put("bigDecimal", new BigDecimal("1.50"));
      source.put("double", 2.5);
      source.put("float", 1.25f);
      source.put("null", null);

      JsonMap json = JsonMap.of(source, "data");

      assertThat(json.asMap()).containsExactlyEntriesOf(source);
      assertThat(json.size()).isEqualTo(9);
      assertThat(json.get("null")).isNull();
    }

    @Test
    void widensShortAndByteToInteger() {
      JsonMap json = JsonMap.of(Map.of("short", (short) 7, "byte", (byte) -3), "data");

      assertThat(json.get("short")).isEqualTo(7);
      assertThat(json.get("byte")).isEqualTo(-3);
    }

    @Test
    void copiesDeeplySoLaterChangesToTheSourceDoNotShow() {
      List<Object> list = new ArrayList<>(List.of(1));
      Map<String, Object> inner = new HashMap<>(Map.of("list", list));
      Map<String, Object> source = new HashMap<>(Map.of("inner", inner));

      JsonMap json = JsonMap.of(source, "data");
      list.add(2);
      inner.put("added", true);
      source.put("top", true);

      assertThat(json.asMap()).isEqualTo(Map.of("inner", Map.of("list", List.of(1))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void isUnmodifiableAtEveryLevel() {
      JsonMap json = JsonMap.of(Map.of("inner", Map.of("list", List.of(1))), "data");
      Map<String, Object> inner = (Map<String, Object>) json.get("inner");
      List<Object> list = (List<Object>) inner.get("list");

      assertThatThrownBy(() -> json.asMap().put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> inner.put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsInsertionOrder() {
      Map<String, Object> source = new LinkedHashMap<>();
      for (String key : List.of("zeta", "alpha", "mid", "beta")) {
        source.put(key, key.length());
      }

      assertThat(JsonMap.of(source, "data").asMap().keySet())
          .containsExactly("zeta", "alpha", "mid", "beta");
    }

    @Test
    void equalsAnotherWithTheSameContent() {
      JsonMap one = JsonMap.of(Map.of("a", List.of(1, "x"), "b", Map.of("c", true)), "data");
      JsonMap same = JsonMap.of(Map.of("b", Map.of("c", true), "a", List.of(1, "x")), "metadata");
      JsonMap other = JsonMap.of(Map.of("a", List.of(1, "y")), "data");

      assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    }
  }

  @Nested
  class Rejecting {

    @Test
    void refusesTheNulCharacterWhichPostgresCannotStore() {
      assertThat(refused(Map.of("key", "a\u0000b")).field()).isEqualTo("data.key");
      assertThat(refused(Map.of("k\u0000", 1)).field()).isEqualTo("data");
    }

    static Stream<Object> nonJsonValues() {
      return Stream.of(
          'c', new Object(), Set.of(1), new int[] {1}, Optional.of(1), LocalDate.of(2025, 3, 1));
    }

    @ParameterizedTest
    @MethodSource("nonJsonValues")
    void refusesNonJsonValuesNamingThePath(Object value) {
      InvalidValueException error = refused(Map.of("key", value));

      assertThat(error.field()).isEqualTo("data.key");
      assertThat(error.reason())
          .isEqualTo("is not a JSON value: " + value.getClass().getSimpleName());
    }

    static Stream<Number> nonFiniteNumbers() {
      return Stream.of(
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Float.NaN,
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("nonFiniteNumbers")
    void refusesNonFiniteNumbers(Number value) {
      InvalidValueException error = refused(Map.of("n", value));

      assertThat(error.field()).isEqualTo("data.n");
      assertThat(error.reason()).isEqualTo("must be a finite number");
    }

    @Test
    void namesTheFullPathThroughMapsAndLists() {
      Map<String, Object> source =
          Map.of("outer", Map.of("list", List.of("ok", Map.of("bad", Double.NaN))));

      assertThat(refused(source).field()).isEqualTo("data.outer.list[1].bad");
    }

    @Test
    void refusesEmptyKeysNamingTheMapThatHoldsThem() {
      assertThat(refused(Map.of("", 1)).field()).isEqualTo("data");
      assertThat(refused(Map.of("inner", Map.of("", 1))).field()).isEqualTo("data.inner");
    }

    @Test
    void refusesNonStringKeysInNestedMaps() {
      Map<Object, Object> inner = new HashMap<>();
      inner.put(1, "one");

      InvalidValueException error = refused(Map.of("inner", inner));

      assertThat(error.field()).isEqualTo("data.inner");
      assertThat(error.reason()).isEqualTo("keys must be non-empty strings");
    }

    @Test
    void refusesANullKey() {
      Map<String, Object> source = new HashMap<>();
      source.put(null, 1);

      assertThat(refused(source).field()).isEqualTo("data");
    }
  }

  @Nested
  class Depth {

    @Test
    void acceptsNestingUpToTheLimit() {
      assertThat(JsonMap.of(nestedMaps(MAX_DEPTH), "data").get("n")).isInstanceOf(Map.class);
      assertThat(JsonMap.of(nestedLists(MAX_DEPTH), "data").get("n")).isInstanceOf(List.class);
    }

    @Test
    void refusesMapsNestedBeyondTheLimit() {
      InvalidValueException error = refused(nestedMaps(MAX_DEPTH + 1));

      assertThat(error.field()).isEqualTo("data" + ".n".repeat(MAX_DEPTH + 1));
      assertThat(error.reason()).isEqualTo("nests deeper than 32 levels");
    }

    @Test
    void refusesListsNestedBeyondTheLimit() {
      InvalidValueException error = refused(nestedLists(MAX_DEPTH + 1));

      assertThat(error.field()).isEqualTo("data.n" + "[0]".repeat(MAX_DEPTH));
      assertThat(error.reason()).isEqualTo("nests deeper than 32 levels");
    }

    @Test
    void refusesAMapThatContainsItself() {
      Map<String, Object> cyclic = new HashMap<>();
      cyclic.put("self", cyclic);

      assertThat(refused(cyclic).reason()).isEqualTo("nests deeper than 32 levels");
    }

    @Test
    void refusesAListThatContainsItself() {
      List<Object> cyclic = new ArrayList<>();
      cyclic.add(cyclic);

      assertThat(refused(Map.of("list", cyclic)).reason())
          .isEqualTo("nests deeper than 32 levels");
    }
  }
}
