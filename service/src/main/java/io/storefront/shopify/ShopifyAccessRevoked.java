package io.storefront.shopify;

/**
 * Shopify refused the session's credentials (401/403), or the shop is gone or locked: retrying cannot help,
 * the merchant has to reconnect the store.
 */
public class ShopifyAccessRevoked extends RuntimeException {

    private final int status;

    public ShopifyAccessRevoked(String shopDomain, int status) {
        super(switch (status) {
            case 401 -> "Shopify rejected the access token of " + shopDomain + " (revoked, expired or the app was uninstalled)";
            case 403 -> "Shopify denied access to " + shopDomain + " (missing scope or permission)";
            case 402 -> "The shop " + shopDomain + " is frozen (unpaid Shopify bill)";
            case 404 -> "Shopify has no shop " + shopDomain;
            case 423 -> "The shop " + shopDomain + " is locked";
            default -> "Shopify refused access to " + shopDomain + " (HTTP " + status + ")";
        });
        this.status = status;
    }

    public int status() {
        return status;
    }
}
