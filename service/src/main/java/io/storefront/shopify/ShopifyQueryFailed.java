package io.storefront.shopify;

/** Shopify answered with errors that retrying will not change (a bad query, ACCESS_DENIED on a field, userErrors). */
public class ShopifyQueryFailed extends RuntimeException {

    public ShopifyQueryFailed(String message) {
        super(message);
    }
}
