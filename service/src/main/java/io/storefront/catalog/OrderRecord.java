package io.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order with all of its line items and refunds: writing it replaces the children the catalog held for it.
 * Amounts are in the shop's currency ({@code currency}); only {@code presentmentTotalPrice} is in the buyer's.
 */
public record OrderRecord(
        long id,
        @Nullable String name,
        @Nullable String email,
        @Nullable Long customerId,
        Instant createdAt,
        Instant updatedAt,
        Instant processedAt,
        @Nullable Instant cancelledAt,
        boolean test,
        @Nullable String financialStatus,
        String currency,
        @Nullable String presentmentCurrency,
        BigDecimal totalPrice,
        @Nullable BigDecimal subtotalPrice,
        @Nullable BigDecimal totalDiscounts,
        @Nullable BigDecimal totalTax,
        @Nullable BigDecimal totalRefunded,
        @Nullable BigDecimal presentmentTotalPrice,
        List<LineItemRecord> lineItems,
        List<RefundRecord> refunds) {

    public OrderRecord {
        lineItems = List.copyOf(lineItems);
        refunds = List.copyOf(refunds);
    }
}
