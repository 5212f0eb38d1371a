package io.storefront.catalog;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /**
     * The key of a checkout known only by its token: negative (Shopify's ids are positive), the same for the same
     * token on every instance. The catalog replaces the row once the checkout arrives with its id and token.
     */
    public static long tokenKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return -1 - (ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
