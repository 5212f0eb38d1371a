package io.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An (abandoned) checkout; its line items are kept for display only. */
public record CheckoutRecord(
        long id,
        @Nullable String token,
        @Nullable String email,
        @Nullable Long customerId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        @Nullable String currency,
        @Nullable BigDecimal totalPrice,
        @Nullable String abandonedCheckoutUrl,
        List<CheckoutLineItem> lineItems) {

    public CheckoutRecord {
        lineItems = List.copyOf(lineItems);
    }
}
