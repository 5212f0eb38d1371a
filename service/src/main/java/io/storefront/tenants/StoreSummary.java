package io.storefront.tenants;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A store as its owner sees it in lists: never any credential. */
public record StoreSummary(
        UUID id,
        String name,
        String shopifyDomain,
        @Nullable String shopName,
        @Nullable String currency,
        String timezone,
        ConnectionType connectionType,
        StoreStatus status,
        @Nullable String statusReason,
        Instant createdAt,
        @Nullable LastSync lastSync) {

    public record LastSync(UUID id, String mode, String status, @Nullable Instant startedAt,
            @Nullable Instant finishedAt, @Nullable String error) {}
}
