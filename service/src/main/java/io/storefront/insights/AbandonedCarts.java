package io.storefront.insights;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/insights/abandoned-carts}.
 *
 * @param abandonmentRate abandoned / (abandoned + completed) of the checkouts created in the range, as a
 *     fraction with four decimals; checkouts still inside the abandonment window count in neither
 * @param recoverableValue value of the abandoned checkouts never completed since
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record AbandonedCarts(
        LocalDate startDate,
        LocalDate endDate,
        @Nullable String currency,
        long abandonmentWindowMinutes,
        long abandoned,
        String abandonedValue,
        long completed,
        String abandonmentRate,
        long recoverable,
        String recoverableValue,
        List<Cart> checkouts,
        @Nullable String nextCursor) {

    public record Cart(String checkoutId, @Nullable String customerId, @Nullable String email,
            @Nullable String firstName, @Nullable String lastName, String value,
            @JsonRawValue String lineItems, Instant createdAt, @Nullable Instant completedAt,
            @Nullable String recoveryUrl) {}
}
