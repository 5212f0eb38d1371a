package io.storefront.webhooks;

import io.storefront.webhooks.Deliveries.NewDelivery;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** A verified delivery as a broker message: the raw body untouched, everything else in headers. */
final class BrokerMessages {

    private static final String TENANT = "storefront-tenant";
    private static final String TOPIC = "shopify-topic";
    private static final String SHOP_DOMAIN = "shopify-shop-domain";
    private static final String API_VERSION = "shopify-api-version";
    private static final String TRIGGERED_AT = "shopify-triggered-at";
    private static final String EVENT_ID = "shopify-event-id";

    private BrokerMessages() {}

    static Message message(NewDelivery delivery) {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(delivery.webhookId());
        properties.setHeader(TENANT, delivery.tenantId().toString());
        properties.setHeader(TOPIC, delivery.topic());
        properties.setHeader(SHOP_DOMAIN, delivery.shopDomain());
        properties.setHeader(API_VERSION, delivery.apiVersion());
        properties.setHeader(TRIGGERED_AT, delivery.triggeredAt() == null ? null : delivery.triggeredAt().toString());
        properties.setHeader(EVENT_ID, delivery.eventId());
        return new Message(delivery.body(), properties);
    }

    static NewDelivery delivery(Message message) {
        MessageProperties properties = message.getMessageProperties();
        String triggeredAt = header(properties, TRIGGERED_AT);
        return new NewDelivery(UUID.fromString(required(properties, TENANT)), properties.getMessageId(),
                required(properties, TOPIC), required(properties, SHOP_DOMAIN), header(properties, API_VERSION),
                triggeredAt == null ? null : Instant.parse(triggeredAt), header(properties, EVENT_ID),
                message.getBody());
    }

    private static String required(MessageProperties properties, String name) {
        String value = header(properties, name);
        if (value == null) {
            throw new IllegalArgumentException("broker message without " + name);
        }
        return value;
    }

    private static @Nullable String header(MessageProperties properties, String name) {
        Object value = properties.getHeader(name);
        return value == null ? null : value.toString();
    }
}
