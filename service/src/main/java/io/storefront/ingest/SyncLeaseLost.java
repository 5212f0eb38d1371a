package io.storefront.ingest;

/**
 * The run's row names another instance: this one stopped beating long enough for the run to be taken over, so
 * it stops without writing anything more (the new owner loads again what this one was writing).
 */
final class SyncLeaseLost extends RuntimeException {
    SyncLeaseLost(String message) {
        super(message);
    }
}
