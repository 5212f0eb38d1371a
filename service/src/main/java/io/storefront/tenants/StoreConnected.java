package io.storefront.tenants;

/** Published after a store is connected (or reconnected) and its credentials are stored. */
public record StoreConnected(StoreId storeId) {}
