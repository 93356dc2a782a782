package dev.tracemodule.domain.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.StateConflictException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwinTypeTest {

  static final TwinTypeName CART = new TwinTypeName("ShoppingCart");

  static TwinType cart(FieldDefinition... extra) {
    List<FieldDefinition> fields = new java.util.ArrayList<>(List.of(
        new FieldDefinition("itemCount", FieldType.INTEGER, 0, false, null),
        new FieldDefinition("totalValue", FieldType.DECIMAL, 0, false, "in euros"),
        new FieldDefinition("items", FieldType.parse("list<string>", "type"), List.of(), false, null),
        new FieldDefinition("status", FieldType.STRING, "active", false, null),
        new FieldDefinition("checkedOutAt", FieldType.TIMESTAMP, null, true, null)));
    fields.addAll(List.of(extra));
    return new TwinType(CART, TwinKind.OBJECT, 1, "A user's cart", fields);
  }

  @Test
  void typesReadAndWriteTheirTextForm() {
    for (String text : new String[] {"integer", "decimal", "string", "boolean", "timestamp", "list<string>",
        "map<list<decimal>>", "map<map<boolean>>"}) {
      assertThat(FieldType.parse(text, "type")).hasToString(text);
    }
    assertThat(FieldType.parse(" List< Integer > ", "type")).isEqualTo(FieldType.listOf(FieldType.INTEGER));
    assertThatThrownBy(() -> FieldType.parse("list<float>", "fields[1].type"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("fields[1].type"));
  }

  @Test
  void aChangeIsCheckedAgainstTheTypeAndEveryFieldAtFaultIsNamed() {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("itemCount", 2.5);
    changes.put("colour", "red");
    changes.put("items", List.of("sku-1", 7));
    changes.put("status", null);
    changes.put("checkedOutAt", "yesterday");
    assertThatThrownBy(() -> cart().accept(changes))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
            .extracting(InvalidValueException.Violation::field)
            .containsExactly("changes.itemCount", "changes.colour", "changes.items[1]", "changes.status",
                "changes.checkedOutAt"));
  }

  @Test
  void acceptedValuesAreCanonical() {
    Map<String, Object> accepted = cart().accept(Map.of("itemCount", 3.0, "totalValue", 12.50,
        "checkedOutAt", "2026-06-01T10:00:00.1234567+02:00"));
    assertThat(accepted).containsEntry("itemCount", 3L)
        .containsEntry("totalValue", new BigDecimal("12.5"))
        .containsEntry("checkedOutAt", "2026-06-01T08:00:00.123456Z")
        .as("the fields named and no others: no defaults filled in").hasSize(3);
  }

  @Test
  void aFieldThatMayNotBeNullNeedsADefault() {
    assertThatThrownBy(() -> new FieldDefinition("at", FieldType.TIMESTAMP, null, false, null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("default"));
    assertThatThrownBy(() -> new FieldDefinition("n", FieldType.INTEGER, "one", false, null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("default"));
  }

  @Test
  void addingAFieldWithADefaultExtendsTheVersionAnythingElseMakesANewOne() {
    TwinType v1 = cart();
    TwinType extended = cart(new FieldDefinition("coupon", FieldType.STRING, null, true, null));
    assertThat(TypeRegistration.of(extended, Optional.of(v1)))
        .isEqualTo(new TypeRegistration(extended.asVersion(1), TypeRegistration.Outcome.UPDATED));
    assertThat(TypeRegistration.of(cart(), Optional.of(v1)).outcome()).isEqualTo(TypeRegistration.Outcome.UNCHANGED);

    TwinType retyped = new TwinType(CART, TwinKind.OBJECT, 1, null, List.of(
        new FieldDefinition("itemCount", FieldType.DECIMAL, 0, false, null)));
    TypeRegistration second = TypeRegistration.of(retyped, Optional.of(v1));
    assertThat(second.outcome()).isEqualTo(TypeRegistration.Outcome.NEW_VERSION);
    assertThat(second.registered().version()).isEqualTo(2);

    TwinType otherDefault = new TwinType(CART, TwinKind.OBJECT, 1, "A user's cart", List.of(
        new FieldDefinition("itemCount", FieldType.INTEGER, 1, false, null)));
    assertThat(v1.compare(otherDefault)).isEqualTo(TwinType.Comparison.NEW_VERSION);
  }

  @Test
  void aStateCarriesOverToANewVersionFieldByField() {
    TwinType v2 = new TwinType(CART, TwinKind.OBJECT, 2, null, List.of(
        new FieldDefinition("itemCount", FieldType.INTEGER, 0, false, null),
        new FieldDefinition("totalValue", FieldType.STRING, "none", false, null),
        new FieldDefinition("currency", FieldType.STRING, "EUR", false, null)));
    Map<String, Object> state = cart().defaults();
    state.put("itemCount", 4L);
    state.put("totalValue", new BigDecimal("9.99"));
    assertThat(v2.carryOver(state, cart()))
        .containsExactly(Map.entry("itemCount", 4L), Map.entry("totalValue", "none"), Map.entry("currency", "EUR"));
  }

  @Test
  void anImportKeepsVersionNumbersAndRefusesAContradiction() {
    TwinType v3 = cart().asVersion(3);
    assertThat(TypeRegistration.imported(v3, Optional.empty()).registered().version()).isEqualTo(3);
    TwinType storedWithMore = cart(new FieldDefinition("coupon", FieldType.STRING, null, true, null));
    assertThat(TypeRegistration.imported(cart(), Optional.of(storedWithMore)).outcome())
        .isEqualTo(TypeRegistration.Outcome.UNCHANGED);
    TwinType contradicting = new TwinType(CART, TwinKind.OBJECT, 1, null, List.of(
        new FieldDefinition("itemCount", FieldType.STRING, "", false, null)));
    assertThatThrownBy(() -> TypeRegistration.imported(contradicting, Optional.of(cart())))
        .isInstanceOf(StateConflictException.class);
  }

  @Test
  void aProcessTypeHasNoState() {
    TwinType checkout = new TwinType(new TwinTypeName("CheckoutFlow"), TwinKind.PROCESS, 1, "Buying", List.of());
    assertThatThrownBy(() -> checkout.accept(Map.of("x", 1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("type"));
  }
}
