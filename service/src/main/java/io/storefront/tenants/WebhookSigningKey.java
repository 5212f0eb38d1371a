package io.storefront.tenants;

/** The key Shopify signs a store's webhooks with (the app's client secret), and the shop it must come from. */
public record WebhookSigningKey(StoreId storeId, String shopDomain, byte[] secret) {

    @Override
    public String toString() {
        return "WebhookSigningKey[" + shopDomain + "]";
    }
}
