package dev.storefront.simulator;

/**
 * Changes to make in a shop right now; each fires the webhooks Shopify would fire.
 *
 * @param orders          new orders (orders/create, orders/paid; some with a new customer: customers/create)
 * @param customerUpdates customers/update
 * @param productUpdates  products/update
 * @param checkouts       new abandoned checkouts (checkouts/create); for every second one an open checkout changes (checkouts/update)
 * @param refunds         refunds/create and orders/updated
 * @param cancellations   orders/cancelled and orders/updated
 * @param deletions       in turn orders/delete, products/delete, checkouts/delete, customers/delete (only customers without orders)
 */
public record Activity(int orders, int customerUpdates, int productUpdates, int checkouts, int refunds,
                       int cancellations, int deletions) {

    public Activity {
        if (orders < 0 || customerUpdates < 0 || productUpdates < 0 || checkouts < 0 || refunds < 0
                || cancellations < 0 || deletions < 0) {
            throw new IllegalArgumentException("activity counts must not be negative");
        }
        if ((long) orders + customerUpdates + productUpdates + checkouts + refunds + cancellations + deletions > 1_000_000) {
            throw new IllegalArgumentException("at most 1,000,000 changes per call");
        }
    }

    public static Activity newOrders(int count) {
        return new Activity(count, 0, 0, 0, 0, 0, 0);
    }
}
