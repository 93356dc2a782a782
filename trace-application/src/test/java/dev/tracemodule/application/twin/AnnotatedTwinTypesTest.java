package dev.tracemodule.application.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.twin.ObjectType;
import dev.tracemodule.api.twin.ProcessType;
import dev.tracemodule.api.twin.TwinField;
import dev.tracemodule.api.twin.TwinFieldDefinition;
import dev.tracemodule.api.twin.TwinKind;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnotatedTwinTypesTest {

  enum Colour { RED, BLUE }

  @ObjectType(description = "A device")
  record Device(long id, double load, boolean online, String name, Colour colour, Instant seenAt, List<Integer> ports,
      Set<String> tags, Map<String, BigDecimal> prices, int[] readings,
      @TwinField(defaultValue = "\"idle\"", description = "what it does") String mode,
      @TwinField(type = "list<string>", nullable = true) Object free) {}

  @ObjectType(name = "Order")
  static class OrderClass {
    static int ignoredStatic;
    transient int ignoredTransient;
    Integer quantity;
    String status;
  }

  @ProcessType(name = "Checkout", description = "Buying")
  static class CheckoutFlow {}

  @ObjectType
  record Unsupported(Runnable callback) {}

  @Test
  void recordComponentsBecomeTypedFieldsWithTheirDefaults() {
    TwinTypeDefinition device = AnnotatedTwinTypes.definitionOf(Device.class);
    assertThat(device.name()).isEqualTo("Device");
    assertThat(device.kind()).isEqualTo(TwinKind.OBJECT);
    assertThat(device.description()).isEqualTo("A device");
    assertThat(device.fields()).extracting(TwinFieldDefinition::name, TwinFieldDefinition::type,
            TwinFieldDefinition::defaultValue, TwinFieldDefinition::nullable)
        .containsExactly(
            tuple("id", "integer", 0L, false),
            tuple("load", "decimal", 0.0, false),
            tuple("online", "boolean", false, false),
            tuple("name", "string", null, true),
            tuple("colour", "string", null, true),
            tuple("seenAt", "timestamp", null, true),
            tuple("ports", "list<integer>", null, true),
            tuple("tags", "list<string>", null, true),
            tuple("prices", "map<decimal>", null, true),
            tuple("readings", "list<integer>", null, true),
            tuple("mode", "string", "idle", false),
            tuple("free", "list<string>", null, true));
    assertThat(device.fields().get(10).description()).isEqualTo("what it does");
  }

  @Test
  void classesGiveTheirInstanceFieldsAndProcessesNone() {
    TwinTypeDefinition order = AnnotatedTwinTypes.definitionOf(OrderClass.class);
    assertThat(order.name()).isEqualTo("Order");
    assertThat(order.fields()).extracting(TwinFieldDefinition::name).containsExactly("quantity", "status");
    TwinTypeDefinition checkout = AnnotatedTwinTypes.definitionOf(CheckoutFlow.class);
    assertThat(checkout.kind()).isEqualTo(TwinKind.PROCESS);
    assertThat(checkout.fields()).isEmpty();
    assertThat(AnnotatedTwinTypes.nameOf(CheckoutFlow.class)).isEqualTo("Checkout");
  }

  @Test
  void aJavaTypeWithoutAFieldTypeIsNamed() {
    assertThatThrownBy(() -> AnnotatedTwinTypes.definitionOf(Unsupported.class))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("fields.callback.type"));
    assertThatThrownBy(() -> AnnotatedTwinTypes.definitionOf(String.class)).isInstanceOf(InvalidInputException.class);
  }
}
