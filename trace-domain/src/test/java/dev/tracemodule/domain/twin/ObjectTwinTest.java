package dev.tracemodule.domain.twin;

import dev.tracemodule.domain.shared.ObjectId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracemodule.domain.shared.StateConflictException;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectTwinTest {

  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  private static final ObjectId CART_1 = new ObjectId("cart-1");
  private final TwinType v1 = TwinTypeTest.cart();
  private final TwinType v2 = new TwinType(TwinTypeTest.CART, TwinKind.OBJECT, 2, null, List.of(
      new FieldDefinition("itemCount", FieldType.INTEGER, 0, false, null),
      new FieldDefinition("note", FieldType.STRING, "", false, null)));
  private final TypeVersions versions = (name, version) -> version == 1 ? v1 : v2;
  private long sequence;

  @Test
  void aNewObjectStartsAtItsDefaultsAndEachChangeMakesARevision() {
    ObjectTwin cart = ObjectTwin.create(TenantId.DEFAULT, CART_1, v1);
    assertThat(cart.state()).containsEntry("itemCount", 0L).containsEntry("status", "active");
    TraceId trace = new TraceId(UUID.randomUUID());
    AppliedChange first = cart.apply(change(1, 1, Map.of("itemCount", 2L), trace), versions);
    AppliedChange second = cart.apply(change(2, 1, Map.of("itemCount", 3L, "status", "full"), null), versions);

    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.fields()).containsEntry("itemCount", new FieldChange(0L, 2L));
    assertThat(second.fields()).containsEntry("itemCount", new FieldChange(2L, 3L))
        .containsEntry("status", new FieldChange("active", "full"));
    assertThat(cart.revision()).isEqualTo(2);
    assertThat(cart.state()).containsEntry("itemCount", 3L).containsEntry("status", "full");
    assertThat(cart.lastChangeId()).isEqualTo(second.change().id());
  }

  @Test
  void aChangeOfANewerVersionCarriesTheStateOverFirst() {
    ObjectTwin cart = ObjectTwin.create(TenantId.DEFAULT, CART_1, v1);
    cart.apply(change(1, 1, Map.of("itemCount", 5L, "status", "open"), null), versions);
    AppliedChange upgrade = cart.apply(change(2, 2, Map.of("note", "gift"), null), versions);
    assertThat(upgrade.upgraded()).isTrue();
    assertThat(cart.typeVersion()).isEqualTo(2);
    assertThat(cart.state()).containsExactly(Map.entry("itemCount", 5L), Map.entry("note", "gift"));
  }

  @Test
  void changesApplyInOrderOnlyAndToTheirOwnType() {
    ObjectTwin cart = ObjectTwin.create(TenantId.DEFAULT, CART_1, v1);
    cart.apply(change(5, 1, Map.of("itemCount", 1L), null), versions);
    assertThatThrownBy(() -> cart.apply(change(4, 1, Map.of("itemCount", 2L), null), versions))
        .isInstanceOf(IllegalStateException.class);
    StateChange ofAnotherType = new StateChange(TenantId.DEFAULT, CART_1, new EventId(UUID.randomUUID()),
        new TwinTypeName("Order"), 1, Map.of(), T0.plusSeconds(9), ++sequence, null, null, null);
    assertThatThrownBy(() -> cart.apply(ofAnotherType, versions)).isInstanceOf(StateConflictException.class);
  }

  @Test
  void aSnapshotRestoresTheSameObject() {
    ObjectTwin cart = ObjectTwin.create(TenantId.DEFAULT, CART_1, v1);
    cart.apply(change(1, 1, Map.of("itemCount", 2L), null), versions);
    ObjectTwin restored = ObjectTwin.restore(cart.snapshot());
    assertThat(restored.snapshot()).isEqualTo(cart.snapshot());
    restored.apply(change(2, 1, Map.of("itemCount", 9L), null), versions);
    assertThat(cart.state()).containsEntry("itemCount", 2L);
  }

  @Test
  void theStateUnderAVersionExtendedSinceHasTheNewFieldsAtTheirDefaults() {
    ObjectTwin cart = ObjectTwin.create(TenantId.DEFAULT, CART_1, v1);
    TwinType extended = TwinTypeTest.cart(new FieldDefinition("coupon", FieldType.STRING, "none", false, null));
    assertThat(cart.stateUnder(extended)).containsEntry("coupon", "none").hasSize(6);
  }

  private StateChange change(int second, int version, Map<String, Object> changes, TraceId trace) {
    return new StateChange(TenantId.DEFAULT, CART_1, new EventId(UUID.randomUUID()), TwinTypeTest.CART, version,
        changes, T0.plusSeconds(second), ++sequence, trace, null, null);
  }
}
