package dev.storefront.simulator.store;

/** The sort keys of Shopify's connections that the simulator supports (a subset of each resource's enum). */
public enum SortKey {
    ID, CREATED_AT, UPDATED_AT, PROCESSED_AT
}
