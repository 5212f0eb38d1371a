package io.storefront.shopify;

/**
 * The query asks for more cost points than Shopify admits in one query (MAX_COST_EXCEEDED) or than the shop's
 * bucket can ever hold: the caller must ask for fewer nodes.
 */
public class ShopifyQueryTooCostly extends ShopifyQueryFailed {

    private final double requestedCost;
    private final double limit;

    public ShopifyQueryTooCostly(String shopDomain, double requestedCost, double limit) {
        super("A query for " + shopDomain + " costs " + requestedCost + " points, more than the " + limit + " allowed");
        this.requestedCost = requestedCost;
        this.limit = limit;
    }

    public double requestedCost() {
        return requestedCost;
    }

    public double limit() {
        return limit;
    }
}
