package io.storefront.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The top-level Shopify resources the catalog keeps; children (variants, line items, refunds) go with them. */
public enum Resource {
    CUSTOMERS("customers"),
    PRODUCTS("products"),
    ORDERS("orders"),
    CHECKOUTS("checkouts");

    private final String path;

    Resource(String path) {
        this.path = path;
    }

    /** The name in URLs and sync counts: {@code orders}, {@code products}... */
    public String path() {
        return path;
    }

    public static Optional<Resource> fromPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
