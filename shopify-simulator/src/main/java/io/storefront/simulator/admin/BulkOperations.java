package io.storefront.simulator.admin;

/** The bulk operations of one shop, as the Admin API sees them. */
public interface BulkOperations {

    /**
     * Starts an operation; throws {@link BulkQueryRejected} with Shopify's user error message.
     *
     * @param oldestVisibleOrder orders created before this epoch second stay out (no {@code read_all_orders})
     * @param grantedScopes      whether the caller holds an access scope; without it the operation fails ACCESS_DENIED
     */
    BulkOperation run(String query, long oldestVisibleOrder, java.util.function.Predicate<String> grantedScopes);

    /** The most recent operation, or null. */
    BulkOperation current();

    BulkOperation find(long id);

    BulkOperation cancel(long id);

    /** A bulk query Shopify refuses, with the userErrors message it gives. */
    final class BulkQueryRejected extends RuntimeException {
        public BulkQueryRejected(String message) {
            super(message);
        }
    }
}
