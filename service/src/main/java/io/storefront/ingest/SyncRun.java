package io.storefront.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One sync of a store as the API shows it: records written per resource, how far along it is, and why it
 * failed if it did.
 */
public record SyncRun(
        UUID id,
        SyncMode mode,
        SyncStatus status,
        String trigger,
        Map<String, Long> counts,
        Map<String, Long> totals,
        int percent,
        @Nullable Long etaSeconds,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {}
