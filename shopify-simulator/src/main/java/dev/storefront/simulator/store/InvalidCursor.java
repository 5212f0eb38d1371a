package dev.storefront.simulator.store;

/** A cursor the simulator did not issue; Shopify answers such a query with a GraphQL error. */
public final class InvalidCursor extends RuntimeException {
    public InvalidCursor(String cursor) {
        super("Invalid cursor for current pagination sort: " + cursor);
    }
}
