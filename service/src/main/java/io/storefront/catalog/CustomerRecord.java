package io.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A Shopify customer as the catalog keeps it; {@code id} is Shopify's numeric id. */
public record CustomerRecord(
        long id,
        @Nullable String email,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String phone,
        @Nullable String state,
        @Nullable String tags,
        @Nullable Integer numberOfOrders,
        @Nullable BigDecimal amountSpent,
        @Nullable String currency,
        @Nullable Instant createdAt,
        Instant updatedAt) {}
