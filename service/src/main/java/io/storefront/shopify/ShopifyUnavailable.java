package io.storefront.shopify;

/** Shopify kept failing transiently (throttling, 429, 5xx, timeouts, dropped connections) through every retry. */
public class ShopifyUnavailable extends RuntimeException {

    public ShopifyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
