package io.storefront.ingest;

/** FULL: bulk operations, everything; INCREMENTAL: pages since the saved cursor; RECONCILE: a full snapshot that also removes what Shopify deleted. */
public enum SyncMode {
    FULL,
    INCREMENTAL,
    RECONCILE
}
