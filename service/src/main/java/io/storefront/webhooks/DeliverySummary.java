package io.storefront.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of the operator's delivery listing; never the body (it holds customer data). */
record DeliverySummary(
        long id,
        String webhookId,
        String topic,
        DeliveryStatus status,
        int attempts,
        @Nullable String lastError,
        Instant receivedAt,
        @Nullable Instant triggeredAt,
        @Nullable Instant appliedAt) {}
