package dev.storefront.simulator.webhooks;

/**
 * One delivery of one event to one subscription; its id stays the same across retries and duplicates,
 * as Shopify's {@code X-Shopify-Webhook-Id} does.
 */
record Webhook(long subscriptionId, String webhookId, String eventId, String topic, String shopDomain, String apiVersion,
               String triggeredAt, byte[] body, String hmac, String uri) {
}
