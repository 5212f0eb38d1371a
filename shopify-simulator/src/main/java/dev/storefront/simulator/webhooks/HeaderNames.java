package dev.storefront.simulator.webhooks;

/**
 * How a shop's deliveries spell Shopify's headers. {@link #X_SHOPIFY} ({@code X-Shopify-Topic}) is what Shopify
 * has always sent and stays the default; {@link #SHOPIFY} ({@code Shopify-Topic}) is the newer spelling without
 * {@code X-} that Shopify's own libraries read as well, so a receiver must accept both.
 */
public enum HeaderNames {
    X_SHOPIFY("X-Shopify-"),
    SHOPIFY("Shopify-");

    private final String prefix;

    HeaderNames(String prefix) {
        this.prefix = prefix;
    }

    String of(String name) {
        return prefix + name;
    }
}
