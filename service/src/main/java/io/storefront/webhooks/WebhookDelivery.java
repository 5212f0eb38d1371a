package io.storefront.webhooks;

import io.storefront.tenants.StoreId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A verified delivery as the inbox holds it: Shopify's headers and the raw body, exactly as signed. */
record WebhookDelivery(
        StoreId store,
        long id,
        String webhookId,
        String topic,
        String shopDomain,
        @Nullable String apiVersion,
        @Nullable Instant triggeredAt,
        @Nullable String eventId,
        byte[] body,
        int attempts,
        Instant dueAt) {

    @Override
    public String toString() {
        return "WebhookDelivery[" + id + " " + topic + " " + webhookId + " of " + store + "]";
    }
}
