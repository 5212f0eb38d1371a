package dev.storefront.simulator.admin;

/** The bulk operations of one shop, as the Admin API sees them. */
public interface BulkOperations {

    /**
     * Starts an operation; throws {@link BulkQueryRejected} with Shopify's user error message.
     *
     * @param groupObjects       each parent's children right after it in the file, rather than somewhere after it
     * @param oldestVisibleOrder orders created before this epoch second stay out (no {@code read_all_orders})
     * @param grantedScopes      whether the caller holds an access scope; without it the operation fails ACCESS_DENIED
     */
    BulkOperation run(String query, boolean groupObjects, long oldestVisibleOrder, java.util.function.Predicate<String> grantedScopes);

    /** The most recent operation, or null. */
    BulkOperation current();

    BulkOperation find(long id);

    /** Every operation of the shop, in no particular order. */
    java.util.Collection<BulkOperation> all();

    BulkOperation cancel(long id);

    /** A bulk query Shopify refuses, with the userErrors code and message it gives. */
    final class BulkQueryRejected extends RuntimeException {
        private final String code;

        /** @param code a BulkOperationUserErrorCode: INVALID, LIMIT_REACHED or OPERATION_IN_PROGRESS */
        public BulkQueryRejected(String code, String message) {
            super(message);
            this.code = code;
        }

        public BulkQueryRejected(String message) {
            this("INVALID", message);
        }

        public String code() {
            return code;
        }
    }
}
