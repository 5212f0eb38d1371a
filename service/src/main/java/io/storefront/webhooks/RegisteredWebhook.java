package io.storefront.webhooks;

/** One topic subscribed at Shopify: {@code topic} in webhook form ({@code orders/create}). */
record RegisteredWebhook(String topic, String subscriptionId, String uri) {}
