package io.storefront.webhooks;

import io.storefront.tenants.WebhookSigningKey;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Intake: verify, store, answer. Nothing here parses the body; applying it is the workers' job, after the
 * delivery is committed and Shopify has its 200.
 */
@Service
class WebhookInbox {

    /** Shopify's headers of one delivery, as received (unverified until {@link #accept}). */
    record Headers(
            @Nullable String hmac,
            @Nullable String shopDomain,
            @Nullable String webhookId,
            @Nullable String topic,
            @Nullable String apiVersion,
            @Nullable String triggeredAt,
            @Nullable String eventId) {}

    enum Outcome { ACCEPTED, DUPLICATE }

    private static final byte[] UNKNOWN_TENANT_SECRET = UUID.randomUUID().toString().getBytes();

    private final SigningKeys keys;
    private final InboxIntake writer;
    private final DeliveryWorkers workers;
    private final WebhookMetrics metrics;

    WebhookInbox(SigningKeys keys, InboxIntake writer, DeliveryWorkers workers, WebhookMetrics metrics) {
        this.keys = keys;
        this.writer = writer;
        this.workers = workers;
        this.metrics = metrics;
    }

    Outcome accept(String tenant, Headers headers, byte[] body) {
        WebhookSigningKey key = verify(tenant, headers, body);
        if (!key.active() && !WebhookTopics.COMPLIANCE.contains(trim(headers.topic()))) {
            // an uninstalled store still owes us its privacy requests; for anything else it is a stranger
            metrics.rejected();
            throw new InvalidWebhookSignature();
        }
        String topic = required(headers.topic(), "X-Shopify-Topic");
        String webhookId = deliveryKey(headers, topic);
        boolean inserted;
        try {
            inserted = writer.insert(new Deliveries.NewDelivery(key.storeId().value(), webhookId, topic,
                    key.shopDomain(), headers.apiVersion(), instant(headers.triggeredAt()), headers.eventId(), body));
        } catch (DataIntegrityViolationException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql && "23503".equals(sql.getSQLState()))) {
                throw e;
            }
            // the store was deleted after its key was cached (here or on another instance): a stranger now
            keys.forget(key.storeId().value());
            metrics.rejected();
            throw new InvalidWebhookSignature();
        }
        if (!inserted) {
            metrics.duplicate(topic);
            return Outcome.DUPLICATE;
        }
        metrics.received(topic);
        workers.wake();
        return Outcome.ACCEPTED;
    }

    private WebhookSigningKey verify(String tenant, Headers headers, byte[] body) {
        Optional<WebhookSigningKey> key = tenantId(tenant).flatMap(keys::of);
        // an unknown tenant costs the same HMAC as a known one, so timing does not tell them apart either
        byte[] secret = key.map(WebhookSigningKey::secret).orElse(UNKNOWN_TENANT_SECRET);
        boolean signed = WebhookSignature.matches(secret, body, headers.hmac());
        if (key.isEmpty() || !signed || !key.get().shopDomain().equalsIgnoreCase(trim(headers.shopDomain()))) {
            metrics.rejected();
            throw new InvalidWebhookSignature();
        }
        return key.get();
    }

    private static Optional<UUID> tenantId(String tenant) {
        try {
            return tenant.length() == 36 ? Optional.of(UUID.fromString(tenant)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What makes two copies of a delivery one inbox row: the webhook id; Shopify's newer event deliveries carry
     * none (their headers are {@code shopify-event-id}, {@code shopify-topic} … without {@code X-}), and there the
     * event id with the topic, since one event may be delivered under several topics.
     */
    private static String deliveryKey(Headers headers, String topic) {
        if (headers.webhookId() == null || headers.webhookId().isBlank()) {
            if (headers.eventId() != null && !headers.eventId().isBlank()) {
                return "event:" + headers.eventId().trim() + ":" + topic;
            }
        }
        return required(headers.webhookId(), "X-Shopify-Webhook-Id");
    }

    private static String required(@Nullable String header, String name) {
        if (header == null || header.isBlank()) {
            throw new IncompleteDelivery(name);
        }
        return header.trim();
    }

    private static String trim(@Nullable String value) {
        return value == null ? "" : value.trim();
    }

    private static @Nullable Instant instant(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(header.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
