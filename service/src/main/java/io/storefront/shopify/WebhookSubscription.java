package io.storefront.shopify;

/** One of our webhook subscriptions at Shopify; {@code topic} in GraphQL form, e.g. {@code ORDERS_CREATE}. */
public record WebhookSubscription(String id, String topic, String uri) {}
