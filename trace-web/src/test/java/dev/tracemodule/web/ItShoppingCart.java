package dev.tracemodule.web;

import dev.tracemodule.api.twin.ObjectType;
import dev.tracemodule.api.twin.TwinField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An application's own twin type, found by CDI when the application starts. */
@ObjectType(name = "ItShoppingCart", description = "A user's shopping cart")
public record ItShoppingCart(
    int itemCount,
    BigDecimal totalValue,
    List<String> items,
    @TwinField(defaultValue = "\"active\"", description = "active, checked_out or abandoned") String status,
    Instant checkedOutAt) {}
