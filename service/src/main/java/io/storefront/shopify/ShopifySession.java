package io.storefront.shopify;

/**
 * What every Admin API call needs: the shop and a currently valid access token. The shopify module never looks
 * a store up; callers obtain a session from the tenants module, which owns credentials and their renewal.
 */
public record ShopifySession(String shopDomain, String accessToken) {

    @Override
    public String toString() {
        return "ShopifySession[" + shopDomain + "]";
    }
}
