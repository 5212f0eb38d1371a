package io.storefront.tenants;

/**
 * The key Shopify signs a store's webhooks with (the app's client secret), and the shop it must come from.
 *
 * @param active false once the store is disabled (uninstalled): Shopify still sends it the compliance topics,
 *               {@code shop/redact} about 48 hours after {@code app/uninstalled}, and those must be honoured
 */
public record WebhookSigningKey(StoreId storeId, String shopDomain, byte[] secret, boolean active) {

    @Override
    public String toString() {
        return "WebhookSigningKey[" + shopDomain + (active ? "" : ", disabled") + "]";
    }
}
