package io.storefront.shopify;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Shopify's {@code BulkOperation}: {@code objectCount} counts every JSONL line, children included;
 * {@code createdAt} is by Shopify's clock, the moment its snapshot began.
 */
public record BulkOperation(String id, String status, @Nullable String errorCode, long objectCount,
        @Nullable String url, @Nullable String partialDataUrl, @Nullable Instant createdAt) {

    public boolean finished() {
        return switch (status) {
            case "COMPLETED", "FAILED", "CANCELED", "EXPIRED" -> true;
            default -> false;
        };
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
